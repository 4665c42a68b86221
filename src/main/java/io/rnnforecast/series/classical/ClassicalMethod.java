package io.rnnforecast.series.classical;

import io.rnnforecast.config.Keyed;

import java.util.Arrays;

/**
 * The M4 competition's statistical benchmarks of one series, as its "Benchmarks and Evaluation.R" defines them
 * and bench/m4_r.R runs them in R: each forecasts the series seasonally adjusted ({@link SeasonalAdjustment}: the
 * 90% autocorrelation test at lag m, classical multiplicative decomposition) and multiplies the forecast back by
 * the last season's indices.
 * <ul>
 * <li>{@code naive2}: the last adjusted value;</li>
 * <li>{@code ses}, {@code holt}, {@code damped}: R forecast's ses, holt, holt(damped = TRUE)
 * ({@link ExponentialSmoothing});</li>
 * <li>{@code theta}: M4's Theta classic: the theta = 2 line (2 x - the least-squares trend line) forecast by SES,
 * averaged with the trend line extended (theta = 0);</li>
 * <li>{@code comb}: the mean of ses, holt and damped (M4's Comb).</li>
 * </ul>
 * Checked against R forecast 8.20 on R's datasets and M4 series by {@code ClassicalMethodTest} (bench/
 * classical_fixtures.R prints the fixtures).
 */
public enum ClassicalMethod implements Keyed {
    NAIVE2, SES, HOLT, DAMPED, THETA, COMB;

    /**
     * The forecast of {@code horizon} steps past the end of {@code history} (original scale, oldest first) with
     * season {@code season}; null where the series is too short for the method's model.
     */
    public double[] forecast(double[] history, int season, int horizon) {
        SeasonalAdjustment adjustment = SeasonalAdjustment.of(history, season);
        double[] adjusted = adjustment.adjust(history);
        double[] f = this == COMB ? comb(adjusted, horizon) : adjustedForecast(adjusted, horizon);
        return f == null ? null : adjustment.reseasonalize(f, history.length);
    }

    private double[] adjustedForecast(double[] x, int horizon) {
        return switch (this) {
            case NAIVE2 -> {
                double[] f = new double[horizon];
                Arrays.fill(f, x[x.length - 1]);
                yield f;
            }
            case SES -> smoothed(x, ExponentialSmoothing.Trend.NONE, horizon);
            case HOLT -> smoothed(x, ExponentialSmoothing.Trend.ADDITIVE, horizon);
            case DAMPED -> smoothed(x, ExponentialSmoothing.Trend.DAMPED, horizon);
            case THETA -> theta(x, horizon);
            case COMB -> comb(x, horizon);
        };
    }

    /**
     * R's (ses + holt + damped) / 3, each already multiplied back by the indices: the same values up to the last
     * bit's rounding, as the indices are common to the three.
     */
    private static double[] comb(double[] x, int horizon) {
        double[] ses = SES.adjustedForecast(x, horizon);
        double[] holt = HOLT.adjustedForecast(x, horizon);
        double[] damped = DAMPED.adjustedForecast(x, horizon);
        if (ses == null || holt == null || damped == null) {
            return null;
        }
        double[] f = new double[horizon];
        for (int s = 0; s < horizon; s++) {
            f[s] = (ses[s] + holt[s] + damped[s]) / 3;
        }
        return f;
    }

    private static double[] smoothed(double[] x, ExponentialSmoothing.Trend trend, int horizon) {
        ExponentialSmoothing.Fit fit = ExponentialSmoothing.fit(x, trend);
        return fit == null ? null : fit.forecast(horizon);
    }

    /** 0.5 x SES of the theta = 2 line + 0.5 x the trend line, t = n+1..n+horizon. */
    private static double[] theta(double[] x, int horizon) {
        int n = x.length;
        double[] line = RMath.leastSquaresLine(x);
        double[] thetaTwo = new double[n];
        for (int t = 1; t <= n; t++) {
            thetaTwo[t - 1] = 2 * x[t - 1] - (line[0] + line[1] * t);
        }
        double[] ses = smoothed(thetaTwo, ExponentialSmoothing.Trend.NONE, horizon);
        if (ses == null) {
            return null;
        }
        double[] f = new double[horizon];
        for (int s = 0; s < horizon; s++) {
            f[s] = 0.5 * ses[s] + 0.5 * (line[0] + line[1] * (n + 1 + s));
        }
        return f;
    }
}
