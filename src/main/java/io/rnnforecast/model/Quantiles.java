package io.rnnforecast.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The quantile levels of a quantile network ({@code model.quantiles}, ascending) and how its output becomes
 * forecasts. The output has horizon x Q values, step-major: value {@code k * Q + i} is horizon step k at level
 * {@code levels[i]} ({@link MultiQuantileLoss}).
 *
 * <p>Non-crossing: the network is trained with the plain pinball loss and its Q values of a step are sorted at
 * inference (then assigned to the levels in ascending order), rather than parameterized as a base plus softplus
 * increments. Sorting leaves the loss and its gradient untouched (no extra layer, no custom parameters, the
 * configuration JSON keeps DL4J's own output layer), and never makes a forecast worse by the pinball loss: with
 * rho_q(y, v) = q (y - v) + max(0, v - y), giving levels q1 < q2 the values a < b instead of b, a changes the sum
 * by q1 (y - a) + q2 (y - b) - q1 (y - b) - q2 (y - a) = (q1 - q2)(b - a) < 0 (the max terms cancel), so sorting
 * (a sequence of such swaps) lowers the loss of every crossed step and keeps the others. A trained network seldom
 * crosses anyway (QuantileIntegrationTest prints the crossing rate before sorting: 4 of 915 test steps, 0.44%,
 * after 4 epochs on Géron series, 2026-12-07). Increments (a base plus softplus
 * of deltas) would guarantee the order during training too, at the price of a
 * non-linear output layer of our own and gradients through softplus.
 *
 * <p>The point forecast of a quantile network is its 0.5 quantile when 0.5 is a level, else the mean of its
 * (sorted) quantiles. Spark-free.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /** The key of level {@code q} in the quantile maps: its shortest decimal, "0.1", "0.05", "0.5". */
    public static String key(double q) {
        return BigDecimal.valueOf(q).stripTrailingZeros().toPlainString();
    }

    /**
     * The quantile levels that bound the central {@code level}% interval: (100 - level) / 200 and (100 + level) /
     * 200 (80: 0.1 and 0.9; 95: 0.025 and 0.975), computed so they equal the same decimals written in
     * model.quantiles.
     */
    public static double[] centralBounds(int level) {
        return new double[] {(100 - level) / 200.0, (100 + level) / 200.0};
    }

    public static double[] levels(List<Double> quantiles) {
        return quantiles.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * One window's output {@code out} (horizon x Q, step-major) as [horizon][Q], each step's values sorted
     * ascending.
     */
    public static double[][] sorted(double[] out, int quantiles) {
        if (out.length % quantiles != 0) {
            throw new IllegalArgumentException(out.length + " outputs are not horizon x " + quantiles + " quantiles");
        }
        int horizon = out.length / quantiles;
        double[][] steps = new double[horizon][];
        for (int k = 0; k < horizon; k++) {
            steps[k] = Arrays.copyOfRange(out, k * quantiles, (k + 1) * quantiles);
            Arrays.sort(steps[k]);
        }
        return steps;
    }

    /** The point forecast of one step's sorted quantiles: the 0.5 level's value, else their mean. */
    public static double point(double[] levels, double[] sortedValues) {
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == 0.5) {
                return sortedValues[i];
            }
        }
        return Arrays.stream(sortedValues).sum() / sortedValues.length;
    }

    /** The point forecasts of one window's output (horizon x Q, step-major): [horizon]. */
    public static double[] points(double[] levels, double[] out) {
        double[][] steps = sorted(out, levels.length);
        double[] points = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            points[k] = point(levels, steps[k]);
        }
        return points;
    }

    /** Whether a step's raw (unsorted) values cross: some value is below the one of a lower level. */
    public static boolean crosses(double[] out, int step, int quantiles) {
        for (int i = 1; i < quantiles; i++) {
            if (out[step * quantiles + i] < out[step * quantiles + i - 1]) {
                return true;
            }
        }
        return false;
    }
}
