package io.rnnforecast.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.rnnforecast.config.BundledDefaults;
import io.rnnforecast.config.Settings;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The learning settings of the bundled configuration as typed Spark ML Params: one Param per key of the sections a
 * model is made of (columns, repair, scaling, windows, split, model, training, evaluation). Each Param's default
 * and documentation are the key's default and comment in {@code rnnforecast.conf}, so the command line and the API
 * share one source of both. Names are the keys in camel case ({@code window.input} -> {@code windowInput},
 * {@code model.learning-rate-decay.every-epochs} -> {@code modelLearningRateDecayEveryEpochs}) except the columns,
 * named as Spark ML names them ({@code idCol}, {@code timeCol}, {@code valueCol}, {@code labelCol}). Values are
 * checked by the same section records the command line uses ({@link ForecastSettings#from}), with the messages
 * naming the key.
 */
final class SettingParams {
    /** Keys, and prefixes ending in '.', of the bundled configuration that are Params. */
    private static final List<String> KEYS = List.of("run-id", "task", "data.name", "data.columns.", "data.frequency",
            "data.duplicates", "data.gaps", "data.covariates.", "scaling.", "window.", "split.", "model.", "train.epochs",
            "train.batch-size-per-worker", "train.averaging-frequency", "train.workers",
            "train.average-updater-state", "train.outer.", "train.learning-rate-scaling", "train.warmup-rounds",
            "train.engine", "train.resume", "train.early-stopping.", "evaluate.");
    private static final Map<String, String> NAMES = Map.of("data.columns.id", "idCol", "data.columns.ds", "timeCol",
            "data.columns.y", "valueCol", "data.columns.label", "labelCol", "data.name", "datasetName",
            "run-id", "runId");
    /** Keys read as 64-bit numbers ({@link Settings#anyLong}); other whole numbers are ints. */
    private static final Set<String> LONGS = Set.of("model.seed", "split.seed");
    /**
     * Keys read as numbers whose bundled default is whole: Typesafe Config parses "0.0" and "1.0" as integers
     * (measured: unwrapped() gives java.lang.Integer, render() "0"), so the default alone would make them int Params
     * and truncate 0.5 to 0 (train.outer.momentum = 0.5 trained with 0 before this list existed).
     * SettingParamsTest checks that every key written with a decimal point in the file is here or a double.
     */
    static final Set<String> DOUBLES = Set.of("model.dropout", "model.gradient-clip",
            "train.early-stopping.min-delta", "train.outer.learning-rate", "train.outer.momentum");
    /** One width or a list of widths: a list Param, written back as one number when it holds one. */
    static final String UNITS = "model.units";
    static final String LAYERS = "model.layers";
    /** Lists of numbers (their default is the empty list, which alone would read as a list of strings). */
    static final Set<String> DOUBLE_LISTS = Set.of("model.quantiles");
    /** Lists of whole numbers whose default is the empty list. */
    static final Set<String> INT_LISTS = Set.of("model.ensemble.lookbacks");

    /** How a key's value is typed. */
    enum Kind {
        INT, LONG, DOUBLE, BOOLEAN, STRING, INT_ARRAY, STRING_ARRAY, DOUBLE_ARRAY
    }

    /** One key and its Param. */
    record Setting(String key, Param<Object> param, Kind kind) {
    }

    private static final Config DEFAULTS = BundledDefaults.resolved();
    private static final Config DOCUMENTED = BundledDefaults.unresolved();

    private SettingParams() {
    }

    /** The keys that are Params, in the bundled file's key order (sorted). */
    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> e : DEFAULTS.entrySet()) {
            String key = e.getKey();
            if (KEYS.stream().anyMatch(k -> k.endsWith(".") ? key.startsWith(k) : key.equals(k))) {
                keys.add(key);
            }
        }
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    /** A Param of {@code owner} for every key, with the bundled defaults set on it. */
    @SuppressWarnings("unchecked")
    static List<Setting> create(Params owner) {
        List<Setting> out = new ArrayList<>();
        for (String key : keys()) {
            Kind kind = kindOf(key, DEFAULTS.getValue(key).unwrapped());
            String name = paramName(key);
            String doc = doc(key);
            Param<?> param = switch (kind) {
                case INT -> new IntParam(owner, name, doc);
                case LONG -> new LongParam(owner, name, doc);
                case DOUBLE -> new DoubleParam(owner, name, doc);
                case BOOLEAN -> new BooleanParam(owner, name, doc);
                case STRING -> new Param<String>(owner, name, doc);
                case INT_ARRAY -> new IntArrayParam(owner, name, doc);
                case STRING_ARRAY -> new StringArrayParam(owner, name, doc);
                case DOUBLE_ARRAY -> new DoubleArrayParam(owner, name, doc);
            };
            out.add(new Setting(key, (Param<Object>) param, kind));
        }
        return List.copyOf(out);
    }

    static String paramName(String key) {
        String fixed = NAMES.get(key);
        if (fixed != null) {
            return fixed;
        }
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '.' || c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private static Kind kindOf(String key, Object value) {
        if (key.equals(UNITS) || INT_LISTS.contains(key)) {
            return Kind.INT_ARRAY;
        }
        if (DOUBLE_LISTS.contains(key)) {
            return Kind.DOUBLE_ARRAY;
        }
        if (value instanceof Boolean) {
            return Kind.BOOLEAN;
        }
        if (value instanceof Double || DOUBLES.contains(key)) {
            return Kind.DOUBLE;
        }
        if (value instanceof Number) {
            return LONGS.contains(key) ? Kind.LONG : Kind.INT;
        }
        if (value instanceof List<?> list) {
            // a list of whole numbers (evaluate.intervals.levels) stays one
            return !list.isEmpty() && list.get(0) instanceof Number ? Kind.INT_ARRAY : Kind.STRING_ARRAY;
        }
        return Kind.STRING;
    }

    /** The key's comment lines in the bundled file (the key itself when it has none). */
    private static String doc(String key) {
        // walked by hand: getValue would resolve the file's substitutions (${workdir}) and fail on them
        ConfigValue value = DOCUMENTED.root();
        for (String part : com.typesafe.config.ConfigUtil.splitPath(key)) {
            value = ((com.typesafe.config.ConfigObject) value).get(part);
        }
        List<String> comments = value.origin().comments();
        String text = String.join(" ", comments.stream().map(String::trim).toList()).trim();
        return text.isEmpty() ? key : text + " (" + key + ")";
    }

    /** The bundled default of {@code setting}, typed for its Param. */
    static Object defaultValue(Setting setting) {
        return typed(setting, DEFAULTS.getValue(setting.key()).unwrapped());
    }

    /**
     * A configuration value typed for {@code setting}'s Param: whole numbers to int or long, numbers to double,
     * lists to arrays; a single number for {@code model.units} to a one-element array.
     */
    static Object typed(Setting setting, Object value) {
        return switch (setting.kind()) {
            case INT -> ((Number) value).intValue();
            case LONG -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            case BOOLEAN -> value;
            case STRING -> String.valueOf(value);
            case INT_ARRAY -> value instanceof List<?> list
                    ? list.stream().mapToInt(v -> ((Number) v).intValue()).toArray()
                    : new int[] {((Number) value).intValue()};
            case STRING_ARRAY -> ((List<?>) value).stream().map(String::valueOf).toArray(String[]::new);
            // numbers stay numbers; anything else is kept as its text for ModelSpec.from to refuse by name
            case DOUBLE_ARRAY -> ((List<?>) value).stream().mapToDouble(v -> v instanceof Number n ? n.doubleValue()
                    : parseOrNaN(String.valueOf(v))).toArray();
        };
    }

    private static double parseOrNaN(String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A Param value as a configuration value (arrays to lists; one width of model.units to a number). */
    static Object untyped(Setting setting, Object value) {
        return switch (setting.kind()) {
            case INT_ARRAY -> {
                int[] a = (int[]) value;
                yield a.length == 1 && setting.key().equals(UNITS) ? (Object) a[0]
                        : Arrays.stream(a).boxed().toList();
            }
            case STRING_ARRAY -> List.of((String[]) value);
            case DOUBLE_ARRAY -> Arrays.stream((double[]) value).boxed().toList();
            default -> value;
        };
    }

    /** Whether two Param values are equal (arrays by content). */
    static boolean same(Object a, Object b) {
        if (a instanceof int[] x && b instanceof int[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof double[] x && b instanceof double[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Object[] x && b instanceof Object[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    /**
     * The configuration these values stand for, over the bundled defaults, and the keys set explicitly (a rule
     * between two keys may depend on which one was given).
     */
    static Settings settings(Map<Setting, Object> values, Set<String> explicit) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<Setting, Object> e : values.entrySet()) {
            map.put(e.getKey().key(), untyped(e.getKey(), e.getValue()));
        }
        Config config = ConfigFactory.parseMap(map).withFallback(DEFAULTS).resolve();
        return new Settings(config, new TreeSet<>(explicit));
    }
}
