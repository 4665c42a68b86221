package io.rnnforecast.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.store.TrainedModel;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A trained model fixes how data is windowed, split, scaled and repaired, and the network itself: {@code evaluate}
 * and {@code predict} take those settings from the model. A key of those sections the user sets to another value
 * than the model was trained with is refused, naming both values, instead of being ignored or silently used.
 */
final class ModelSettingsCheck {
    /** Keys (and key prefixes, ending in '.') whose values the model fixes. */
    static final List<String> FIXED_BY_MODEL = List.of("task", "window.", "split.", "scaling.", "model.",
            "data.frequency", "data.duplicates", "data.gaps");
    private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();
    /** Keys added after models were saved without them: such a model has the value they stood for then. */
    private static final Config ADDED_LATER = ConfigFactory.parseMap(java.util.Map.of("model.strategy", "direct",
            "task", "forecast"));

    private ModelSettingsCheck() {
    }

    static void check(JobConfig config, TrainedModel model) {
        Config trained = ConfigFactory.parseString(model.provenance().configJson()).withFallback(ADDED_LATER);
        List<String> conflicts = new ArrayList<>();
        for (String key : new TreeSet<>(config.explicitKeys())) {
            if (!fixedByModel(key) || !trained.hasPathOrNull(key) || !config.source().hasPathOrNull(key)) {
                continue;
            }
            ConfigValue given = config.source().getValue(key);
            ConfigValue was = trained.getValue(key);
            if (!same(given, was)) {
                conflicts.add(key + " is " + given.render(CONCISE) + " here but " + was.render(CONCISE)
                        + " in the model");
            }
        }
        if (!conflicts.isEmpty()) {
            throw new ConfigProblem("The model in " + config.modelDir() + " (run " + model.provenance().runId()
                    + ") was trained with other settings: " + String.join("; ", conflicts) + ". A model's window,"
                    + " split, scaling, repair and model settings are its own: drop these keys, or train a new model.");
        }
    }

    private static boolean fixedByModel(String key) {
        return FIXED_BY_MODEL.stream().anyMatch(k -> k.endsWith(".") ? key.startsWith(k) : key.equals(k));
    }

    /** Equal values; numbers compare by value (50 and 50.0, an int and a long). */
    private static boolean same(ConfigValue a, ConfigValue b) {
        Object x = a.unwrapped();
        Object y = b.unwrapped();
        if (x instanceof Number n && y instanceof Number m) {
            return n.doubleValue() == m.doubleValue();
        }
        return java.util.Objects.equals(x, y);
    }
}
