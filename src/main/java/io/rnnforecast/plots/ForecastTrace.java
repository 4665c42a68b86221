package io.rnnforecast.plots;

import io.rnnforecast.series.Frequency;

import java.util.List;

/**
 * One picked series as the forecast chart draws it: its last evaluated window's input (keys and observed values
 * before the cutoff) and horizon (keys, actual values, the model's and the naive forecasts, the model's prediction
 * intervals). Keys are the series' time keys: integer steps, or epoch seconds when ds is a date or timestamp.
 */
public record ForecastTrace(SkillRanking.Pick pick, Frequency frequency, long[] inputKeys, double[] input,
                            long[] horizonKeys, double[] actual, double[] model, double[] naive, List<Band> bands) {
    /** The model's central interval at {@code level} percent over the horizon. */
    public record Band(int level, double[] lo, double[] hi) {
    }

    public ForecastTrace {
        bands = bands == null ? List.of() : List.copyOf(bands);
    }

    /** Without intervals. */
    public ForecastTrace(SkillRanking.Pick pick, Frequency frequency, long[] inputKeys, double[] input,
                         long[] horizonKeys, double[] actual, double[] model, double[] naive) {
        this(pick, frequency, inputKeys, input, horizonKeys, actual, model, naive, List.of());
    }
}
