package io.rnnforecast.series.classical;

import java.util.Arrays;

/**
 * The M4 competition's seasonal adjustment of a series (its "Benchmarks and Evaluation.R", as bench/m4_r.R runs
 * it): when the 90% autocorrelation test finds seasonality at lag m, the series is divided by the seasonal indices
 * of R's classical multiplicative decomposition ({@code decompose(type = "multiplicative")}) and the forecasts are
 * multiplied back by the indices of the last observed season; otherwise every index is 1.
 * {@code indices[k]} is the index of the positions k, k + m, ... counted from the series' first value.
 */
public record SeasonalAdjustment(double[] indices) {
    /** The one-sided 95% normal quantile M4 uses: a 90% two-sided test. */
    private static final double CRITICAL = 1.645;

    public SeasonalAdjustment {
        if (indices.length < 1) {
            throw new IllegalArgumentException("a seasonal adjustment needs at least one index");
        }
        indices = indices.clone();
    }

    public static final SeasonalAdjustment NONE = new SeasonalAdjustment(new double[] {1});

    /** The adjustment of {@code x} with season {@code m}: indices where the test finds seasonality, else none. */
    public static SeasonalAdjustment of(double[] x, int m) {
        if (!seasonal(x, m)) {
            return NONE;
        }
        double[] figure = multiplicativeIndices(x, m);
        for (double f : figure) {
            // a series with zeros or negative values has no multiplicative season (R would divide by garbage)
            if (!(f > 0) || !Double.isFinite(f)) {
                return NONE;
            }
        }
        return new SeasonalAdjustment(figure);
    }

    /**
     * M4's seasonality test: |r_m| above 1.645 / sqrt(n) x sqrt(1 + 2 sum_{k<m} r_k^2), the acf r at lags 1..m;
     * only for m above 1 and series of at least 3 seasons.
     */
    public static boolean seasonal(double[] x, int m) {
        if (m <= 1 || x.length < 3 * m) {
            return false;
        }
        double[] r = RMath.acf(x, m);
        double sum = 1;
        for (int k = 0; k < m - 1; k++) {
            sum += 2 * r[k] * r[k];
        }
        double limit = CRITICAL / Math.sqrt(x.length) * Math.sqrt(sum);
        return Math.abs(r[m - 1]) > limit;
    }

    /**
     * R's {@code decompose(x, "multiplicative")$figure}: the centred moving average of order m (2 x m for an even
     * m: weights 1/(2m), 1/m, ..., 1/m, 1/(2m)), x / trend averaged per position of the season, normalized to mean 1.
     */
    static double[] multiplicativeIndices(double[] x, int m) {
        int n = x.length;
        if (n < 2 * m) {
            throw new IllegalArgumentException("a decomposition needs 2 seasons, got " + n + " values for " + m);
        }
        double[] filter = new double[m % 2 == 0 ? m + 1 : m];
        Arrays.fill(filter, 1.0 / m);
        if (m % 2 == 0) {
            filter[0] = 0.5 / m;
            filter[m] = 0.5 / m;
        }
        int shift = filter.length / 2;
        double[][] ratios = new double[m][];
        int[] counts = new int[m];
        for (int k = 0; k < m; k++) {
            ratios[k] = new double[n / m + 1];
        }
        for (int i = 0; i < n; i++) {
            if (i + shift - (filter.length - 1) < 0 || i + shift >= n) {
                continue;
            }
            double trend = 0;
            for (int j = 0; j < filter.length; j++) {
                trend += filter[j] * x[i + shift - j];
            }
            ratios[i % m][counts[i % m]++] = x[i] / trend;
        }
        double[] figure = new double[m];
        for (int k = 0; k < m; k++) {
            figure[k] = RMath.mean(ratios[k], 0, counts[k]);
        }
        double mean = RMath.mean(figure);
        for (int k = 0; k < m; k++) {
            figure[k] = figure[k] / mean;
        }
        return figure;
    }

    public int season() {
        return indices.length;
    }

    public boolean seasonal() {
        return indices.length > 1;
    }

    /** x divided by its indices. */
    public double[] adjust(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / indices[i % indices.length];
        }
        return out;
    }

    /** A forecast of the adjusted series past the end of {@code length} values, multiplied back by its indices. */
    public double[] reseasonalize(double[] forecast, int length) {
        double[] out = new double[forecast.length];
        for (int s = 0; s < forecast.length; s++) {
            out[s] = forecast[s] * indices[(length + s) % indices.length];
        }
        return out;
    }
}
