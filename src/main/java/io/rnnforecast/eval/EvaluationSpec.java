package io.rnnforecast.eval;

import io.rnnforecast.config.Settings;

import java.util.List;

/**
 * The evaluate section: whether to forecast past the end of every series, the season of the seasonal naive
 * baseline, of the classical baselines' seasonal adjustment and of MASE/RMSSE's in-sample scale (0: from each
 * series' frequency, see Frequency.season()), and the baselines evaluated beside the model, in order
 * ({@link Baselines#NAMES}; naive and seasonal_naive always, as the skill columns and the plots compare with them).
 */
public record EvaluationSpec(boolean future, int season, List<String> baselines) {

    public EvaluationSpec {
        baselines = List.copyOf(baselines);
        for (String b : baselines) {
            if (!Baselines.NAMES.contains(b)) {
                throw new IllegalArgumentException("Invalid value for evaluate.baselines: " + b + " (allowed: "
                        + String.join(" | ", Baselines.NAMES) + ")");
            }
        }
        for (String required : List.of(Baselines.NAIVE, Baselines.SEASONAL_NAIVE)) {
            if (!baselines.contains(required)) {
                throw new IllegalArgumentException("evaluate.baselines must include " + required + " (the skill"
                        + " columns and the plots compare every model with it), got " + baselines);
            }
        }
        if (baselines.stream().distinct().count() != baselines.size()) {
            throw new IllegalArgumentException("evaluate.baselines names a baseline twice: " + baselines);
        }
    }

    public static EvaluationSpec from(Settings s) {
        boolean future = s.bool("evaluate.future");
        int season = s.intIn("evaluate.season", 0, 100_000);
        List<String> baselines = s.config().getStringList("evaluate.baselines");
        return Settings.checked(() -> new EvaluationSpec(future, season, baselines));
    }
}
