package io.rnnforecast.series;

import java.io.Serializable;

/**
 * A series' season and its in-sample seasonal naive errors, the denominators of the scale-free metrics (M4):
 * MASE = MAE / {@code mae}, RMSSE = sqrt(MSE / {@code mse}), where {@code mae} = mean |y_t - y_(t-m)| and
 * {@code mse} = mean (y_t - y_(t-m))^2 for t = m .. end-1 over the in-sample part (everything before the first
 * forecast origin scored), m the season (1 when the part is not longer than a season). mae and mse are NaN when
 * there is nothing to compare (fewer than two values) or the part is constant (0: MASE undefined).
 * {@code season} is the one the seasonal naive baseline uses.
 */
public record ErrorScale(double mae, double mse, int season) implements Serializable {
    public static final ErrorScale NONE = none(1);

    /** No error scale, for a series evaluated with season {@code season}. */
    public static ErrorScale none(int season) {
        return new ErrorScale(Double.NaN, Double.NaN, season);
    }

    public static ErrorScale of(double[] values, int end, int season) {
        int m = end > season ? season : 1;
        if (end <= m) {
            return none(season);
        }
        double abs = 0;
        double sq = 0;
        for (int t = m; t < end; t++) {
            double d = values[t] - values[t - m];
            abs += Math.abs(d);
            sq += d * d;
        }
        int n = end - m;
        return abs > 0 ? new ErrorScale(abs / n, sq / n, season) : none(season);
    }
}
