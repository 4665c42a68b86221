package io.rnnforecast.eval;

import io.rnnforecast.config.Settings;

/**
 * The evaluate section: whether to forecast past the end of every series, and the season of the seasonal naive
 * baseline and of MASE/RMSSE's in-sample scale (0: from each series' frequency, see Frequency.season()).
 */
public record EvaluationSpec(boolean future, int season) {

    public static EvaluationSpec from(Settings s) {
        return new EvaluationSpec(s.bool("evaluate.future"), s.intIn("evaluate.season", 0, 100_000));
    }
}
