package io.rnnforecast.eval;

import io.rnnforecast.config.Settings;

import java.util.List;

/**
 * The evaluate section: whether to forecast past the end of every series, the season of the seasonal naive
 * baseline, of the classical baselines' seasonal adjustment and of MASE/RMSSE's in-sample scale (0: from each
 * series' frequency, see Frequency.season()), and the baselines evaluated beside the model, in order
 * ({@link Baselines#NAMES}; naive and seasonal_naive always, as the skill columns and the plots compare with them),
 * and the baselines each combined with the model by the mean of their forecasts ({@code combineWith}: rows
 * {@code <model>+<baseline>}, M4's lesson that combinations of methods beat single ones), and the prediction
 * intervals written beside every forecast ({@link IntervalSpec}).
 */
public record EvaluationSpec(boolean future, int season, List<String> baselines, List<String> combineWith,
                             IntervalSpec intervals) {

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
        combineWith = List.copyOf(combineWith);
        for (String b : combineWith) {
            if (!baselines.contains(b)) {
                throw new IllegalArgumentException("Invalid value for evaluate.combine-with: " + b + " (a baseline of"
                        + " evaluate.baselines: " + String.join(" | ", baselines) + ")");
            }
        }
        if (combineWith.stream().distinct().count() != combineWith.size()) {
            throw new IllegalArgumentException("evaluate.combine-with names a baseline twice: " + combineWith);
        }
    }

    /** Without combinations. */
    public EvaluationSpec(boolean future, int season, List<String> baselines) {
        this(future, season, baselines, List.of());
    }

    /** Without intervals. */
    public EvaluationSpec(boolean future, int season, List<String> baselines, List<String> combineWith) {
        this(future, season, baselines, combineWith, IntervalSpec.OFF);
    }

    /** The same evaluation with {@code chosen} intervals. */
    public EvaluationSpec withIntervals(IntervalSpec chosen) {
        return new EvaluationSpec(future, season, baselines, combineWith, chosen);
    }

    public static EvaluationSpec from(Settings s) {
        boolean future = s.bool("evaluate.future");
        int season = s.intIn("evaluate.season", 0, 100_000);
        List<String> baselines = s.config().getStringList("evaluate.baselines");
        List<String> combineWith = s.config().getStringList("evaluate.combine-with");
        IntervalSpec intervals = IntervalSpec.from(s);
        return Settings.checked(() -> new EvaluationSpec(future, season, baselines, combineWith, intervals));
    }
}
