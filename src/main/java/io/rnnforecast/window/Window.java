package io.rnnforecast.window;

import io.rnnforecast.series.ErrorScale;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.SeriesRandom;

import java.io.Serializable;

/**
 * One supervised example cut from a series. {@code end} is the grid index of the first target value, so the
 * inputs are {@code values[end-input, end)} and the targets {@code values[end, end+horizon)}; the cutoff (last
 * observed index) is {@code end - 1}. {@code input} and {@code target} are on the scaled axis the model sees,
 * {@code actual} is the target on the original scale (empty for a forecast past the end of the data).
 * {@code errorScale} carries the series' in-sample seasonal naive errors (MASE/RMSSE denominators).
 * {@code observed} are the input values on the original scale, for the baselines (exact: inverting the float
 * scaled values gave 5900.0000059 for 5900). {@code last} marks the most recent evaluated window of its series.
 * {@code input} and {@code target} are what the network sees: the scaled values normalized by {@code norm}
 * (the window's own normalization, {@link WindowNormalization}), the target relative to the window's base
 * ({@link TargetBase}); {@link #toScaled} undoes both.
 * {@code history} is every value of the series before {@code end} on the original scale, for the per-series
 * classical baselines that fit the whole history (Theta, exponential smoothing); only test and future windows
 * carry it (null for training and validation windows, so the training data's memory does not grow with it).
 * {@code covariates} are the window's covariate channels ({@link CovariateLayout}), [channel][step] on the scaled
 * axis, over its input steps and, when the layout runs into the horizon, its target steps (a historic channel 0
 * there); padded input steps repeat the first observed step's values. Null without covariates.
 */
public record Window(String uniqueId, int end, boolean last, float[] input, float[] target, double[] actual,
                     double[] observed, Scaling scaling, WindowNormalization.Norm norm, long startKey,
                     Frequency frequency, ErrorScale errorScale, double[] history, float[][] covariates)
        implements Serializable {

    /** A window without covariates. */
    public Window(String uniqueId, int end, boolean last, float[] input, float[] target, double[] actual,
                  double[] observed, Scaling scaling, WindowNormalization.Norm norm, long startKey,
                  Frequency frequency, ErrorScale errorScale, double[] history) {
        this(uniqueId, end, last, input, target, actual, observed, scaling, norm, startKey, frequency, errorScale,
                history, null);
    }

    /** A window without its series' history (training, validation). */
    public Window(String uniqueId, int end, boolean last, float[] input, float[] target, double[] actual,
                  double[] observed, Scaling scaling, WindowNormalization.Norm norm, long startKey,
                  Frequency frequency, ErrorScale errorScale) {
        this(uniqueId, end, last, input, target, actual, observed, scaling, norm, startKey, frequency, errorScale,
                null);
    }

    public boolean future() {
        return actual.length == 0;
    }

    /**
     * What the least-squares {@code linear} baseline regresses on: the input, then each covariate channel's steps
     * that can be non-zero (a historic one's input steps, a future one's every step), so it sees what the network
     * sees (a column that is always 0 would leave its normal equations singular); {@code layout} says which
     * channels are future ones.
     */
    public float[] regressors(CovariateLayout layout) {
        if (covariates == null) {
            return input;
        }
        int t = input.length;
        // the horizon from the channels' span: a forecast past the data has no target but its channels have it
        float[] out = java.util.Arrays.copyOf(input, layout.regressors(t, covariates[0].length - t));
        int at = t;
        for (int c = 0; c < covariates.length; c++) {
            int n = layout.isFuture(c) ? covariates[c].length : t;
            System.arraycopy(covariates[c], 0, out, at, n);
            at += n;
        }
        return out;
    }

    /**
     * Input steps before the first observed value ({@link WindowSpec#minInput}): a series shorter than the input
     * is left-padded with its first observed value, so the linear baseline and a network without masks see a flat
     * start; a network that takes masks skips those steps ({@link #blockInput}).
     */
    public int padding() {
        return input.length - observed.length;
    }

    /**
     * The input as a training block stores it: padded steps as NaN (so a block needs no second array to say which
     * steps are padding; {@link WindowBlock} turns them into a mask and the edge value again).
     */
    public float[] blockInput() {
        int pad = padding();
        if (pad == 0) {
            return input;
        }
        float[] x = input.clone();
        java.util.Arrays.fill(x, 0, pad, WindowBlock.PAD);
        return x;
    }

    /**
     * A 64-bit key that depends only on (seed, series id, position): training windows are laid out in blocks by it,
     * so the layout is the same whatever partitions or task order delivered the windows. FNV-1a over the id's
     * chars, then SplitMix64 mixing; two windows collide with probability ~n^2 / 2^65.
     */
    public long layoutKey(long seed) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < uniqueId.length(); i++) {
            h = (h ^ uniqueId.charAt(i)) * 0x100000001b3L;
        }
        return SeriesRandom.mix64(SeriesRandom.mix64(h ^ seed) + end);
    }

    /**
     * The scale of this window's interval, so conformal scores and half-widths ({@link
     * io.rnnforecast.series.Conformal}) are in units of it: the seasonal naive MAE over the last {@code recentSteps}
     * values before the forecast origin (the window's {@link #history}, season {@link ErrorScale#season()}, 1 when
     * the span is not longer than two seasons), which follows each series' recent noise; with {@code recentSteps}
     * 0, without a history or where that is 0, the series' whole in-sample seasonal naive MAE (the MASE
     * denominator, {@link ErrorScale#mae()}); where that is undefined (a constant or too short in-sample part) the
     * mean absolute value of the observed input, and where that is 0 too, 1 (the original unit).
     */
    public double intervalScale(int recentSteps) {
        if (recentSteps > 0 && history != null) {
            int n = history.length, from = Math.max(0, n - recentSteps);
            int m = n - from > 2 * errorScale.season() ? errorScale.season() : 1;
            double recent = ErrorScale.of(java.util.Arrays.copyOfRange(history, from, n), n - from, m).mae();
            if (recent > 0) {
                return recent;
            }
        }
        double mae = errorScale.mae();
        if (mae > 0) {
            return mae;
        }
        double sum = 0;
        for (double v : observed) {
            sum += Math.abs(v);
        }
        double mean = sum / observed.length;
        return mean > 0 ? mean : 1;
    }

    /** The last observed value on the original scale: the naive forecast. */
    public double lastObserved() {
        return observed[observed.length - 1];
    }

    /**
     * The seasonal naive forecast on the original scale, {@code y[T + s - m * ceil(s / m)]} for steps s = 1..horizon
     * (the same step of the last observed season), or null when the season m (the series' evaluation season,
     * {@link ErrorScale#season()}) is 1 or longer than the input.
     */
    public double[] seasonalNaiveForecast(int horizon) {
        int m = errorScale.season();
        if (m <= 1 || m > observed.length) {
            return null;
        }
        double[] f = new double[horizon];
        for (int s = 1; s <= horizon; s++) {
            f[s - 1] = observed[observed.length - m + (s - 1) % m];
        }
        return f;
    }

    /**
     * What the network's output for horizon step {@code step} is relative to ({@link TargetBase}): 0, or the
     * window's seasonal naive forecast on the network's axis.
     */
    public float base(int step) {
        return TargetBase.of(input, norm.baseLag(), step);
    }

    /** A network output for horizon step {@code step} on the series' scaled axis. */
    public double toScaled(int step, double networkOutput) {
        return norm.invert(networkOutput + base(step));
    }

    /** A network output for horizon step {@code step} on the original scale (clamped at 0 if the window says so). */
    public double toOriginal(int step, double networkOutput) {
        double original = scaling.invert(toScaled(step, networkOutput));
        return norm.floorAtZero() ? Math.max(0, original) : original;
    }

}
