package io.rnnforecast.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.config.Settings;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learning settings' Params of one owner ({@link RnnForecaster} or {@link RnnForecastModel}: a Spark ML Model
 * carries its estimator's Params), with the bundled defaults set, plus the owner's own Params: typed access by
 * configuration key, the HOCON configuration in and out, and {@link ForecastSettings} parsed from the values.
 */
final class ParamTable {
    private final Params owner;
    private final List<SettingParams.Setting> settings;
    private final Map<String, SettingParams.Setting> byKey = new LinkedHashMap<>();
    private final List<Param<?>> all = new ArrayList<>();

    /** {@code own}: the owner's other Params (their defaults set by the owner). */
    ParamTable(Params owner, List<Param<?>> own) {
        this.owner = owner;
        this.settings = SettingParams.create(owner);
        for (SettingParams.Setting s : settings) {
            owner.setDefault(s.param(), SettingParams.defaultValue(s));
            byKey.put(s.key(), s);
            all.add(s.param());
        }
        all.addAll(own);
        all.sort(java.util.Comparator.comparing(Param::name));
    }

    /** Every Param, sorted by name (what {@link Params#params()} returns). */
    Param<?>[] params() {
        return all.toArray(Param<?>[]::new);
    }

    SettingParams.Setting setting(String key) {
        SettingParams.Setting s = byKey.get(key);
        if (s == null) {
            throw new ConfigProblem("Unknown setting " + key + " (settings: " + String.join(", ", byKey.keySet())
                    + ")");
        }
        return s;
    }

    /**
     * Sets the configuration key {@code key} (numbers, booleans, strings, lists as the configuration takes them).
     * A list of widths for model.units also sets model.layers to its length (the list gives the depth).
     */
    void set(String key, Object value) {
        SettingParams.Setting s = setting(key);
        Object typed;
        try {
            typed = SettingParams.typed(s, value instanceof int[] a ? java.util.Arrays.stream(a).boxed().toList()
                    : value instanceof double[] a ? java.util.Arrays.stream(a).boxed().toList()
                    : value instanceof Object[] a ? List.of(a) : value);
        } catch (ClassCastException e) {
            throw Settings.invalid(key, value, "a value of the type of its default, "
                    + SettingParams.defaultValue(s));
        }
        owner.set(s.param(), typed);
        if (key.equals(SettingParams.UNITS) && typed instanceof int[] widths && widths.length > 1) {
            set(SettingParams.LAYERS, widths.length);
        }
    }

    Object get(String key) {
        return owner.getOrDefault(setting(key).param());
    }

    /**
     * Sets every key of {@code resolved} (a resolved job configuration) whose value differs from the bundled
     * default, so that what counts as explicitly set stays what the user changed.
     */
    void setAll(Config resolved) {
        for (SettingParams.Setting s : settings) {
            if (!resolved.hasPath(s.key())) {
                continue;
            }
            Object value = SettingParams.typed(s, resolved.getValue(s.key()).unwrapped());
            if (!SettingParams.same(value, SettingParams.defaultValue(s))) {
                owner.set(s.param(), value);
            }
        }
        Object units = resolved.hasPath(SettingParams.UNITS) ? resolved.getValue(SettingParams.UNITS).unwrapped()
                : null;
        if (units instanceof List<?> widths && !SettingParams.same(SettingParams.defaultValue(setting(
                SettingParams.LAYERS)), widths.size())) {
            owner.set(setting(SettingParams.LAYERS).param(), widths.size());
        }
    }

    /** The values, validated by the section records (a ConfigProblem names the key and what is allowed). */
    ForecastSettings forecastSettings() {
        Map<SettingParams.Setting, Object> values = new LinkedHashMap<>();
        Set<String> explicit = new HashSet<>();
        for (SettingParams.Setting s : settings) {
            values.put(s, owner.getOrDefault(s.param()));
            if (owner.isSet(s.param())) {
                explicit.add(s.key());
            }
        }
        return ForecastSettings.from(SettingParams.settings(values, explicit));
    }

    /** The values as a configuration of their keys only (what a model records as its configuration). */
    Config toConfig() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (SettingParams.Setting s : settings) {
            map.put(s.key(), SettingParams.untyped(s, owner.getOrDefault(s.param())));
        }
        return ConfigFactory.parseMap(map);
    }

    String toJson() {
        return toConfig().root().render(ConfigRenderOptions.concise().setFormatted(false));
    }

    /** Copies every set value of this table to {@code other}'s owner (same keys). */
    void copyTo(ParamTable other) {
        for (SettingParams.Setting s : settings) {
            if (owner.isSet(s.param())) {
                other.owner.set(other.setting(s.key()).param(), owner.getOrDefault(s.param()));
            }
        }
    }
}
