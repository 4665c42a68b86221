package io.rnnforecast.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Typed, range-checked reads of one resolved configuration. Every failed read is a {@link ConfigProblem} that names
 * the key, the value and what is allowed, e.g. "Invalid value for model.layers: 0 (allowed: 1..16)". Each section
 * record (WindowSpec, SplitSpec, ...) parses its own keys through this, so a rule is written once, where the
 * record is.
 */
public final class Settings {
    private final Config config;
    private final Set<String> explicitKeys;

    public Settings(Config config) {
        this(config, Set.of());
    }

    /** {@code explicitKeys}: the keys the user set (--conf file, --set), as opposed to the bundled defaults. */
    public Settings(Config config, Set<String> explicitKeys) {
        this.config = config;
        this.explicitKeys = Set.copyOf(explicitKeys);
    }

    /** Whether the user set {@code key} (a rule between two keys may depend on which one the user gave). */
    public boolean isExplicit(String key) {
        return explicitKeys.contains(key);
    }

    public Config config() {
        return config;
    }

    public int intIn(String key, int min, int max) {
        return (int) longIn(key, min, max);
    }

    public long longIn(String key, long min, long max) {
        long v;
        try {
            v = config.getLong(key);
        } catch (ConfigException.WrongType e) {
            throw invalid(key, config.getValue(key).unwrapped(), "a whole number in " + min + ".." + max);
        }
        if (v < min || v > max) {
            throw invalid(key, v, min + ".." + max);
        }
        return v;
    }

    public long anyLong(String key) {
        return longIn(key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public double doubleIn(String key, double min, double max) {
        double v;
        try {
            v = config.getDouble(key);
        } catch (ConfigException.WrongType e) {
            throw invalid(key, config.getValue(key).unwrapped(), "a number in " + min + ".." + max);
        }
        if (!(v >= min && v <= max)) {
            throw invalid(key, v, min + ".." + max);
        }
        return v;
    }

    public boolean bool(String key) {
        try {
            return config.getBoolean(key);
        } catch (ConfigException.WrongType e) {
            throw invalid(key, config.getValue(key).unwrapped(), "true | false");
        }
    }

    public String string(String key) {
        return config.getString(key);
    }

    public String nonEmpty(String key) {
        String v = config.getString(key);
        if (v.isBlank()) {
            throw invalid(key, "\"\"", "a non-empty string");
        }
        return v;
    }

    /** Whether the value at {@code key} is a list (for keys that take one value or a list). */
    public boolean isList(String key) {
        return config.getValue(key).valueType() == com.typesafe.config.ConfigValueType.LIST;
    }

    /** A list of whole numbers, each in {@code min..max}. */
    public List<Integer> intListIn(String key, int min, int max) {
        List<Integer> out = new ArrayList<>();
        for (Object v : config.getList(key).unwrapped()) {
            if (!(v instanceof Integer i) || i < min || i > max) {
                throw invalid(key, config.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise()),
                        "whole numbers in " + min + ".." + max);
            }
            out.add(i);
        }
        return List.copyOf(out);
    }

    /**
     * A list of numbers (a number written as a string, as --set and Spark ML params may give it, counts); an
     * empty list is allowed. Anything else: a ConfigProblem naming the key.
     */
    public List<Double> doubleList(String key) {
        String rendered;
        List<?> values;
        try {
            values = config.getList(key).unwrapped();
            rendered = config.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise());
        } catch (ConfigException.WrongType e) {
            throw invalid(key, config.getValue(key).unwrapped(), "a list of numbers, e.g. [0.1, 0.5, 0.9]");
        }
        List<Double> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof Number n) {
                out.add(n.doubleValue());
            } else {
                try {
                    out.add(Double.parseDouble(String.valueOf(v).trim()));
                } catch (NumberFormatException e) {
                    throw invalid(key, rendered, "a list of numbers, e.g. [0.1, 0.5, 0.9]");
                }
            }
        }
        return List.copyOf(out);
    }

    public Set<String> stringSet(String key) {
        return new HashSet<>(config.getStringList(key));
    }

    /** The constants of {@code type} a list of keys at {@code key} names, in order. */
    public <E extends Enum<E> & Keyed> List<E> listOf(String key, Class<E> type) {
        List<E> out = new ArrayList<>();
        for (String v : config.getStringList(key)) {
            E e = Keyed.find(type, v);
            if (e == null) {
                throw invalid(key, v, "a list of " + Keyed.allowed(type));
            }
            out.add(e);
        }
        return List.copyOf(out);
    }

    /** The constant of {@code type} whose {@link Keyed#key()} is the value at {@code key}. */
    public <E extends Enum<E> & Keyed> E oneOf(String key, Class<E> type) {
        String v = config.getString(key);
        E e = Keyed.find(type, v);
        if (e == null) {
            throw invalid(key, v, Keyed.allowed(type));
        }
        return e;
    }

    /**
     * Builds a section record, turning the rule its constructor enforces across keys (an
     * IllegalArgumentException whose message names the keys) into a {@link ConfigProblem}.
     */
    public static <T> T checked(java.util.function.Supplier<T> record) {
        try {
            return record.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem(e.getMessage(), e);
        }
    }

    public static ConfigProblem invalid(String key, Object value, String allowed) {
        return new ConfigProblem("Invalid value for " + key + ": " + value + " (allowed: " + allowed + ")");
    }
}
