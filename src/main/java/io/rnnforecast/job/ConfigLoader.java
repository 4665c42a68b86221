package io.rnnforecast.job;

import io.rnnforecast.config.BundledDefaults;
import io.rnnforecast.config.ConfigProblem;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Layers the configuration: --set overrides, then the --conf file, then the bundled defaults
 * ({@code rnnforecast.conf}). Every key a user gives must exist in the defaults (except under spark.conf, which
 * passes through to Spark), so a typo fails loudly instead of being ignored.
 */
public final class ConfigLoader {
    private static final String PASS_THROUGH = "spark.conf";
    /** Numbers and booleans keep their type (so the recorded configuration JSON does too). */
    private static final java.util.regex.Pattern TYPED_SCALAR =
            java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|true|false");

    private ConfigLoader() {
    }

    public static Config defaults() {
        return BundledDefaults.unresolved();
    }

    public static JobConfig load(File file, List<String> overrides) {
        Config defaults = defaults();
        Config user = ConfigFactory.empty();
        for (String override : overrides) {
            user = parseOverride(override).withFallback(user);
        }
        if (file != null) {
            if (!file.isFile()) {
                throw new ConfigProblem("Configuration file " + file + " does not exist");
            }
            user = user.withFallback(parseFile(file));
        }
        rejectUnknownKeys(user, defaults.resolve());
        try {
            Config resolved = user.withFallback(defaults).resolve(ConfigResolveOptions.defaults());
            return JobConfig.from(resolved, user.entrySet().stream().map(Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.toSet()));
        } catch (ConfigException e) {
            throw new ConfigProblem("Invalid configuration: " + e.getMessage(), e);
        }
    }

    /**
     * {@code key=value}; lists, objects, numbers and booleans are HOCON, anything else is the literal string (so URIs
     * keep their //).
     */
    static Config parseOverride(String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigProblem("--set expects key=value, got '" + override + "'");
        }
        String key = override.substring(0, eq).trim();
        String value = override.substring(eq + 1).trim();
        try {
            if (value.startsWith("[") || value.startsWith("{") || TYPED_SCALAR.matcher(value).matches()) {
                return ConfigFactory.parseString(key + " = " + value,
                        ConfigParseOptions.defaults().setOriginDescription("--set " + key));
            }
            return ConfigFactory.empty("--set " + key).withValue(key, ConfigValueFactory.fromAnyRef(value,
                    "--set " + key));
        } catch (ConfigException e) {
            throw new ConfigProblem("Cannot parse --set " + override + ": " + e.getMessage(), e);
        }
    }

    private static Config parseFile(File file) {
        try {
            return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                    .setAllowMissing(false));
        } catch (ConfigException e) {
            throw new ConfigProblem("Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    private static void rejectUnknownKeys(Config user, Config defaults) {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : user.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(PASS_THROUGH + ".") || defaults.hasPathOrNull(key)) {
                continue;
            }
            unknown.add(key + " (" + entry.getValue().origin().description() + ")");
        }
        if (!unknown.isEmpty()) {
            unknown.sort(Comparator.naturalOrder());
            throw new ConfigProblem("Unknown configuration key" + (unknown.size() > 1 ? "s: " : ": ")
                    + String.join(", ", unknown) + ". `rnn-forecast config --defaults` lists every key.");
        }
    }
}
