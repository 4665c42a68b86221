package io.rnnforecast.series.classical;

import java.util.Arrays;

/**
 * Exponential smoothing with additive errors and no season, fitted as R forecast (8.20) fits it for {@code ses}
 * (ETS(A,N,N)), {@code holt} (ETS(A,A,N)) and {@code holt(damped = TRUE)} (ETS(A,Ad,N)): those call
 * {@code ets(model, opt.crit = "mse")}, which optimizes the smoothing parameters and the initial states together.
 * <ul>
 * <li>parameters, in R's order: alpha, beta (trend), phi (damped), then the initial level l0 and slope b0;</li>
 * <li>bounds ({@code ets}' defaults, bounds = "both"): alpha in [1e-4, 0.9999], beta in [1e-4, min(alpha,
 * 0.9999)], phi in [0.8, 0.98], plus the admissible region (never binding inside those); outside them the
 * objective is infinite; the initial states are free;</li>
 * <li>start ({@code initparam}, {@code initstate}, with m = 1 for a non-seasonal model): alpha = 1e-4 + 0.2 x
 * (0.9999 - 1e-4), beta = 1e-4 + 0.1 x (alpha - 1e-4), phi = 0.8 + 0.99 x 0.18; l0 = the mean of the first
 * min(10, n) values (no trend), or l0, b0 = the least-squares line through them at t = 1..min(10, n);</li>
 * <li>objective: the mean squared one-step error (C {@code etscalc}'s amse[1], accumulated as it does);</li>
 * <li>optimizer: {@link NelderMead} with R's settings (relative tolerance sqrt(machine epsilon) on the objective,
 * 2000 evaluations).</li>
 * </ul>
 * The point forecast is l_n + (phi + ... + phi^h) b_n from the last states. Not as R: a series of at most
 * {@code parameters + 4} values (6 for SES, 8 Holt, 9 damped), which R fits by HoltWinters instead, is fitted
 * the same way here; one of at most {@code parameters + 1} values has no fit (R: no model either).
 */
public final class ExponentialSmoothing {
    static final double LOWER = 1e-4;
    static final double UPPER = 0.9999;
    static final double PHI_LOWER = 0.8;
    static final double PHI_UPPER = 0.98;
    /** etscalc's tolerance for "phi is 1" (undamped): the horizon's phi-sum then grows by 1 a step. */
    private static final double UNDAMPED = 1.0e-10;

    public enum Trend {
        /** ETS(A,N,N): simple exponential smoothing (R's ses). */
        NONE,
        /** ETS(A,A,N): Holt's linear trend (R's holt). */
        ADDITIVE,
        /** ETS(A,Ad,N): Holt's damped trend (R's holt(damped = TRUE)). */
        DAMPED;

        int parameters() {
            return switch (this) {
                case NONE -> 2;
                case ADDITIVE -> 4;
                case DAMPED -> 5;
            };
        }
    }

    /** A fitted model: its parameters, the initial and the last states (slope 0 and phi 1 without a trend). */
    public record Fit(Trend trend, double alpha, double beta, double phi, double level0, double slope0,
                      double level, double slope, double mse) {
        /** The point forecast for steps 1..horizon. */
        public double[] forecast(int horizon) {
            double[] f = new double[horizon];
            double phiSum = phi;
            for (int h = 0; h < horizon; h++) {
                f[h] = trend == Trend.NONE ? level : level + phiSum * slope;
                phiSum += Math.abs(phi - 1.0) < UNDAMPED ? 1.0 : Math.pow(phi, h + 2);
            }
            return f;
        }
    }

    private ExponentialSmoothing() {
    }

    /**
     * Fits the model to {@code y}; null where the series is too short to estimate it or the objective is not finite
     * at the start (R: no model).
     */
    public static Fit fit(double[] y, Trend trend) {
        int parameters = trend.parameters();
        if (parameters >= y.length - 1) {
            return null;
        }
        double[] start = start(y, trend);
        if (!Double.isFinite(objective(y, trend, start))) {
            // values near the double range overflow the squared errors; R stops with an error there
            return null;
        }
        NelderMead.Result best = NelderMead.minimize(p -> objective(y, trend, p), start, NelderMead.R_TOLERANCE,
                NelderMead.R_MAX_EVALUATIONS);
        return run(y, trend, best.point());
    }

    /** R's starting point: smoothing parameters from initparam, initial states from initstate. */
    static double[] start(double[] y, Trend trend) {
        double alpha = LOWER + 0.2 * (UPPER - LOWER) / 1;
        int maxn = Math.min(10, y.length);
        if (trend == Trend.NONE) {
            return new double[] {alpha, RMath.mean(Arrays.copyOf(y, maxn))};
        }
        double beta = LOWER + 0.1 * (Math.min(UPPER, alpha) - LOWER);
        double[] line = RMath.leastSquaresLine(Arrays.copyOf(y, maxn));
        double l0 = line[0];
        double b0 = line[1];
        if (Math.abs(l0 + b0) < 1e-8) {
            l0 = l0 * (1 + 0.001);
            b0 = b0 * (1 - 0.001);
        }
        if (trend == Trend.ADDITIVE) {
            return new double[] {alpha, beta, l0, b0};
        }
        double phi = PHI_LOWER + 0.99 * (PHI_UPPER - PHI_LOWER);
        return new double[] {alpha, beta, phi, l0, b0};
    }

    /** The mean squared one-step error at {@code p}, or +infinity outside the bounds. */
    static double objective(double[] y, Trend trend, double[] p) {
        double alpha = p[0];
        double beta = trend == Trend.NONE ? 0 : p[1];
        double phi = trend == Trend.DAMPED ? p[2] : 1;
        if (!admissible(trend, alpha, beta, phi)) {
            return Double.POSITIVE_INFINITY;
        }
        return run(y, trend, p).mse();
    }

    /** ets' "usual" bounds, then its admissibility test for a non-seasonal model (bounds = "both"). */
    private static boolean admissible(Trend trend, double alpha, double beta, double phi) {
        if (alpha < LOWER || alpha > UPPER) {
            return false;
        }
        if (trend != Trend.NONE && (beta < LOWER || beta > alpha || beta > UPPER)) {
            return false;
        }
        if (trend == Trend.DAMPED && (phi < PHI_LOWER || phi > PHI_UPPER)) {
            return false;
        }
        if (phi < 0 || phi > 1 + 1e-8 || alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) {
            return false;
        }
        return trend == Trend.NONE || (beta >= alpha * (phi - 1) && beta <= (1 + phi) * (2 - alpha));
    }

    /**
     * Runs the filter over {@code y} from the parameters and initial states in {@code p}: the one-step errors'
     * mean square accumulated as etscalc does (a running mean) and the last states.
     */
    private static Fit run(double[] y, Trend trend, double[] p) {
        int k = 0;
        double alpha = p[k++];
        double beta = trend == Trend.NONE ? 0 : p[k++];
        double phi = trend == Trend.DAMPED ? p[k++] : 1;
        double level0 = p[k++];
        double slope0 = trend == Trend.NONE ? 0 : p[k];
        double level = level0;
        double slope = slope0;
        double mse = 0;
        for (int i = 0; i < y.length; i++) {
            double oldLevel = level;
            double dampedSlope = trend == Trend.NONE ? 0 : phi * slope;
            double oneStep = trend == Trend.NONE ? oldLevel : oldLevel + dampedSlope;
            double e = y[i] - oneStep;
            mse = (mse * i + e * e) / (i + 1);
            level = oneStep + alpha * (y[i] - oneStep);
            if (trend != Trend.NONE) {
                slope = dampedSlope + (beta / alpha) * ((level - oldLevel) - dampedSlope);
            }
        }
        return new Fit(trend, alpha, beta, phi, level0, slope0, level, slope, mse);
    }
}
