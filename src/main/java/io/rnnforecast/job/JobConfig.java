package io.rnnforecast.job;

import io.rnnforecast.config.ConfigProblem;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.rnnforecast.ingest.IngestSpec;
import io.rnnforecast.ingest.SeriesColumns;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.generate.DampedSineGenerator;
import io.rnnforecast.generate.GeronGenerator;
import io.rnnforecast.generate.SeriesGenerator;
import io.rnnforecast.generate.SineGenerator;
import io.rnnforecast.train.TrainingSpec;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.WindowSpec;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The validated, immutable job configuration: one typed spec per layer, plus the resolved source for provenance. */
public record JobConfig(String runId, SparkSettings spark, DataSettings data, WindowSpec window, SplitSpec split,
                        Scaling.Method scaling, boolean shiftOnlyWhenConstant, ModelSpec model,
                        TrainingSpec training, String modelDir, String outputRoot, boolean futureForecasts,
                        Config source) {

    /** "none": data.path holds the user's own data; `run` then skips generation. */
    public static final String NO_GENERATOR = "none";
    public static final List<String> GENERATORS = List.of("geron", "damped-sine", "sine", NO_GENERATOR);
    public static final List<String> FORMATS = List.of("parquet", "csv");
    static final List<String> DUPLICATES = List.of("keep-last", "mean", "reject-series");
    static final List<String> GAPS = List.of("interpolate", "forward-fill", "reject-series");
    static final List<String> SCALINGS = List.of("none", "standard", "minmax", "robust");
    static final List<String> SPLIT_MODES = List.of("series", "time");
    static final List<String> ENGINES = java.util.Arrays.stream(TrainingSpec.Engine.values())
            .map(TrainingSpec.Engine::key).toList();

    public record SparkSettings(String master, String appName, Map<String, String> conf) {
    }

    public record DataSettings(String generator, long series, long seed, int partitions, String path, String format,
                               String name, SeriesColumns columns, RepairPolicy repair) {
    }

    static JobConfig from(Config c) {
        String runId = c.getString("run-id");
        if (!runId.isEmpty() && !runId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw bad("run-id", runId, "letters, digits, '.', '_' and '-' (at most 100)");
        }
        WindowSpec window = new WindowSpec(intIn(c, "window.input", 1, 100_000), intIn(c, "window.horizon", 1, 10_000),
                intIn(c, "window.stride", 1, 1_000_000), intIn(c, "window.max-per-series", 1, 10_000_000));
        DataSettings data = new DataSettings(oneOf(c, "data.generator", GENERATORS),
                longIn(c, "data.series", 1, 10_000_000_000L), c.getLong("data.seed"),
                intIn(c, "data.partitions", 0, 1_000_000), nonEmpty(c, "data.path"), oneOf(c, "data.format", FORMATS),
                nonEmpty(c, "data.name"), new SeriesColumns(nonEmpty(c, "data.columns.id"),
                nonEmpty(c, "data.columns.ds"), nonEmpty(c, "data.columns.y")), new RepairPolicy(
                RepairPolicy.Duplicates.valueOf(constant(oneOf(c, "data.duplicates", DUPLICATES))),
                RepairPolicy.Gaps.valueOf(constant(oneOf(c, "data.gaps", GAPS))), frequency(c)));
        double validation = doubleIn(c, "split.validation", 0, 0.99);
        double test = doubleIn(c, "split.test", 0, 0.99);
        if (validation + test >= 1) {
            throw new ConfigProblem("split.validation + split.test must be below 1 (some series must train), got "
                    + validation + " + " + test);
        }
        SplitSpec split = new SplitSpec(SplitSpec.Mode.valueOf(constant(oneOf(c, "split.mode", SPLIT_MODES))),
                validation, test, c.getLong("split.seed"), new HashSet<>(c.getStringList("split.validation-ids")),
                new HashSet<>(c.getStringList("split.test-ids")), intIn(c, "split.cutoffs", 1, 1000));
        ModelSpec model = new ModelSpec(cell(c), intIn(c, "model.layers", 1, 16), intIn(c, "model.units", 1, 4096),
                window.input(), window.horizon(), loss(c), doubleIn(c, "model.learning-rate", 1e-7, 10),
                c.getLong("model.seed"));
        TrainingSpec training = new TrainingSpec(intIn(c, "train.epochs", 1, 100_000),
                intIn(c, "train.batch-size-per-worker", 1, 1_000_000), intIn(c, "train.averaging-frequency", 1, 100_000),
                intIn(c, "train.workers", 0, 100_000), c.getBoolean("train.average-updater-state"),
                TrainingSpec.Engine.parse(oneOf(c, "train.engine", ENGINES)), c.getLong("model.seed"));
        SparkSettings spark = new SparkSettings(c.getString("spark.master"), nonEmpty(c, "spark.app-name"),
                sparkConf(c.getConfig("spark.conf")));
        Scaling.Method scaling = Scaling.Method.valueOf(constant(oneOf(c, "scaling.method", SCALINGS)));
        boolean shiftOnly = oneOf(c, "scaling.constant", List.of("reject-series", "shift-only")).equals("shift-only");
        return new JobConfig(runId, spark, data, window, split, scaling, shiftOnly, model, training,
                nonEmpty(c, "train.model-dir"), nonEmpty(c, "output.root"), c.getBoolean("evaluate.future"), c);
    }

    public boolean generates() {
        return !NO_GENERATOR.equals(data.generator());
    }

    /** The generator {@code generate} uses; its series are exactly one window long. */
    public SeriesGenerator generator() {
        return switch (data.generator()) {
            case "geron" -> new GeronGenerator(window.length());
            case "damped-sine" -> new DampedSineGenerator(window.input(), window.horizon());
            case "sine" -> new SineGenerator();
            default -> throw new ConfigProblem("data.generator is " + data.generator() + ": nothing to generate"
                    + " (allowed: geron | damped-sine | sine)");
        };
    }

    /** The split, with the ids the configured generator reserves (the sine's test series) added to the explicit ones. */
    public SplitSpec effectiveSplit() {
        if (!generates()) {
            return split;
        }
        SeriesGenerator generator = generator();
        var validationIds = new HashSet<>(split.validationIds());
        var testIds = new HashSet<>(split.testIds());
        validationIds.addAll(generator.idsReservedFor("validation"));
        testIds.addAll(generator.idsReservedFor("test"));
        return new SplitSpec(split.mode(), split.validation(), split.test(), split.seed(), validationIds, testIds,
                split.cutoffs());
    }

    public JobConfig withRunId(String id) {
        return new JobConfig(id, spark, data, window, split, scaling, shiftOnlyWhenConstant, model, training, modelDir,
                outputRoot, futureForecasts, source);
    }

    /** How the reader turns data.path into regular, scaled series for this job. */
    public IngestSpec ingestSpec() {
        return new IngestSpec(data.format(), data.columns(), data.repair(), scaling, shiftOnlyWhenConstant,
                split.minLength(window), split.heldOutTail(window.horizon()));
    }

    /** The resolved configuration as JSON, recorded with every model and run. */
    public String toJson() {
        return source.root().render(ConfigRenderOptions.concise().setFormatted(false));
    }

    /** "keep-last" -> KEEP_LAST */
    private static String constant(String key) {
        return key.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static Frequency frequency(Config c) {
        String v = c.getString("data.frequency");
        try {
            return Frequency.parse(v);
        } catch (IllegalArgumentException e) {
            throw bad("data.frequency", v, "auto, or a whole number of steps, or 30s, 15min, 1h, 1d, 1w, 1M");
        }
    }

    private static ModelSpec.Cell cell(Config c) {
        String key = c.getString("model.cell");
        try {
            return ModelSpec.Cell.parse(key);
        } catch (IllegalArgumentException e) {
            throw bad("model.cell", key, Arrays.stream(ModelSpec.Cell.values()).map(ModelSpec.Cell::key)
                    .collect(Collectors.joining(" | ")));
        }
    }

    private static ModelSpec.Loss loss(Config c) {
        String key = oneOf(c, "model.loss", List.of("mse", "mae"));
        return ModelSpec.Loss.valueOf(key.toUpperCase(Locale.ROOT));
    }

    private static Map<String, String> sparkConf(Config conf) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : conf.entrySet()) {
            out.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
        }
        return out;
    }

    private static int intIn(Config c, String key, int min, int max) {
        return (int) longIn(c, key, min, max);
    }

    private static long longIn(Config c, String key, long min, long max) {
        long v;
        try {
            v = c.getLong(key);
        } catch (ConfigException.WrongType e) {
            throw bad(key, c.getValue(key).unwrapped(), "a whole number in " + min + ".." + max);
        }
        if (v < min || v > max) {
            throw bad(key, v, min + ".." + max);
        }
        return v;
    }

    private static double doubleIn(Config c, String key, double min, double max) {
        double v;
        try {
            v = c.getDouble(key);
        } catch (ConfigException.WrongType e) {
            throw bad(key, c.getValue(key).unwrapped(), "a number in " + min + ".." + max);
        }
        if (!(v >= min && v <= max)) {
            throw bad(key, v, min + ".." + max);
        }
        return v;
    }

    private static String oneOf(Config c, String key, List<String> allowed) {
        String v = c.getString(key);
        if (!allowed.contains(v)) {
            throw bad(key, v, String.join(" | ", allowed));
        }
        return v;
    }

    private static String nonEmpty(Config c, String key) {
        String v = c.getString(key);
        if (v.isBlank()) {
            throw bad(key, "\"\"", "a non-empty string");
        }
        return v;
    }

    private static ConfigProblem bad(String key, Object value, String allowed) {
        return new ConfigProblem("Invalid value for " + key + ": " + value + " (allowed: " + allowed + ")");
    }
}
