package io.rnnforecast.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.rnnforecast.config.BundledDefaults;
import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.config.Settings;
import io.rnnforecast.store.TrainedModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trained model fixes how data is windowed, split, scaled and repaired, and the network itself: its recipe.
 * Settings given to {@code evaluate} or {@code predict} that would make another recipe than the model's are
 * refused, naming both values, instead of being ignored or silently used. Which keys matter is derived from the
 * recipe, not listed: a key conflicts when setting it to the given value, over the configuration the model was
 * trained with, parses into a different recipe (or into none).
 */
final class SettingsConflicts {
    private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();
    /** Keys added after models were saved without them in their configuration: the values they stood for then. */
    static final Config KEYS_ADDED_LATER = ConfigFactory.parseMap(Map.of("model.strategy", "direct",
            "task", "forecast", "window.normalization", "none", "window.target-base", "none",
            "window.clamp-nonnegative", false, "model.quantiles", List.of()));

    private SettingsConflicts() {
    }

    /**
     * One message per key of {@code given} (a resolved configuration; {@code explicitKeys} the keys the user set)
     * whose value would change the model's recipe; empty when there is none.
     */
    static List<String> of(TrainedModel model, Config given, Set<String> explicitKeys) {
        Config trainedWith = ConfigFactory.parseString(model.provenance().configJson()).withFallback(KEYS_ADDED_LATER);
        TrainedModel.Recipe recipe = recipeOf(trainedWith, Set.of());
        List<String> conflicts = new ArrayList<>();
        for (String key : new TreeSet<>(explicitKeys)) {
            // evaluation settings are not the recipe's; probed one key at a time, a rule across them
            // (evaluate.combine-with within evaluate.baselines) would read as a conflict
            if (!trainedWith.hasPathOrNull(key) || !given.hasPathOrNull(key) || key.startsWith("evaluate.")) {
                continue;
            }
            ConfigValue value = given.getValue(key);
            TrainedModel.Recipe probe;
            try {
                probe = recipeOf(trainedWith.withValue(key, value), Set.of(key));
            } catch (ConfigProblem e) {
                probe = null;
            }
            if (!recipe.equals(probe)) {
                conflicts.add(key + " is " + value.render(CONCISE) + " here but "
                        + trainedWith.getValue(key).render(CONCISE) + " in the model");
            }
        }
        return conflicts;
    }

    private static TrainedModel.Recipe recipeOf(Config config, Set<String> explicit) {
        Config full = config.withFallback(BundledDefaults.unresolved()).resolve();
        return ForecastSettings.from(new Settings(full, explicit)).recipe();
    }
}
