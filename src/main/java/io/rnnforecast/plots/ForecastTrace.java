package io.rnnforecast.plots;

import io.rnnforecast.series.Frequency;

/**
 * One picked series as the forecast chart draws it: its last evaluated window's input (keys and observed values
 * before the cutoff) and horizon (keys, actual values, the model's and the naive forecasts). Keys are the series'
 * time keys: integer steps, or epoch seconds when ds is a date or timestamp.
 */
public record ForecastTrace(SkillRanking.Pick pick, Frequency frequency, long[] inputKeys, double[] input,
                            long[] horizonKeys, double[] actual, double[] model, double[] naive) {
}
