package io.rnnforecast.series;

import java.util.Arrays;

/**
 * Split conformal prediction intervals, the arithmetic (Spark-free). A calibration set of n nonconformity scores
 * s_i = |y_i - y_hat_i| / scale_i (absolute errors on held-out windows, each divided by its series' scale so one
 * calibration serves series of any size) gives, at level L (percent), the half-width q = the k-th smallest score
 * with k = ceil((n + 1) L / 100): the finite-sample corrected quantile of split conformal prediction (Vovk et al.;
 * Lei et al. 2018, "Distribution-free predictive inference for regression", sec. 2.2), so that for exchangeable
 * scores P(s_new <= q) >= L / 100. When k > n (fewer than L / (100 - L) scores) no finite score guarantees
 * the level: the half-width is +infinity (an unbounded interval, as the method gives), never a smaller one.
 * A forecast's interval is y_hat -/+ q * its own scale.
 */
public final class Conformal {
    private Conformal() {
    }

    /** k = ceil((n + 1) L / 100), the 1-based rank of the score that is the half-width at level {@code level}. */
    public static long rank(long n, int level) {
        checkLevel(level);
        // exact in integers: ceil(a / 100) for a = (n + 1) L
        return Math.floorDiv((n + 1) * level + 99, 100);
    }

    /** The half-width at {@code level} from unsorted {@code scores}: their rank(n, level)-th smallest, or +inf. */
    public static double halfWidth(double[] scores, int level) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        long k = rank(sorted.length, level);
        return k > sorted.length ? Double.POSITIVE_INFINITY : sorted[(int) k - 1];
    }

    /**
     * Gneiting and Raftery's interval score of the central interval [lo, hi] at {@code level} for the actual
     * value y, alpha = 1 - level / 100: (hi - lo) + (2 / alpha)(lo - y) 1{y < lo} + (2 / alpha)(y - hi) 1{y > hi}.
     * M4's MSIS is its mean over a series' horizon divided by the series' in-sample seasonal naive MAE.
     */
    public static double intervalScore(double lo, double hi, double y, int level) {
        double alpha = 1 - level / 100.0;
        return (hi - lo) + (y < lo ? 2 / alpha * (lo - y) : 0) + (y > hi ? 2 / alpha * (y - hi) : 0);
    }

    static void checkLevel(int level) {
        if (level <= 0 || level >= 100) {
            throw new IllegalArgumentException("an interval level is a percentage in (0, 100), got " + level);
        }
    }
}
