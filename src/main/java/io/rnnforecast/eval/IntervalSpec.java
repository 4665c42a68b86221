package io.rnnforecast.eval;

import io.rnnforecast.config.Keyed;
import io.rnnforecast.config.Settings;
import io.rnnforecast.model.Quantiles;
import io.rnnforecast.window.SplitSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * evaluate.intervals: the central prediction intervals written beside every forecast, at {@code levels} percent
 * (whole numbers in 1..99, each once), by {@code method} (conformal: split conformal per model and horizon step,
 * calibrated on the validation windows, {@link ConformalCalibration}; quantiles: a quantile network's rows take
 * the interval between its own quantile forecasts at the level's bounds, {@link Quantiles#centralBounds}, every
 * other model's conformal as above; none: off). Off also when the levels are
 * empty. {@code requested}: the user set the section (not just the bundled default), which makes a model or data
 * that cannot give intervals an error rather than a logged note. {@code scaleHorizons}: the conformal scores'
 * and half-widths' per-window scale is the seasonal naive MAE over the last {@code scaleHorizons} x horizon
 * values before the window's forecast origin ({@code Window#intervalScale(int)}); 0: over the series' whole
 * in-sample part (the MASE denominator). {@code earlierCutoffs}: with split.mode = time and several test cutoffs,
 * the windows at a series' k-th cutoff are calibrated on the validation windows and the test windows of the
 * cutoffs before k ({@link RollingCalibration}); false: every cutoff on the validation windows alone.
 * {@code calibrationHorizons}: with split.mode = time, each series calibrates on its validation window and the
 * calibrationHorizons - 1 windows whose horizons come before it (1: the validation window alone).
 */
public record IntervalSpec(List<Integer> levels, Method method, boolean requested, int scaleHorizons,
                           boolean earlierCutoffs, int calibrationHorizons) {
    public static final String LEVELS = "evaluate.intervals.levels";
    public static final String METHOD = "evaluate.intervals.method";
    public static final String SCALE_HORIZONS = "evaluate.intervals.scale-horizons";
    public static final String EARLIER_CUTOFFS = "evaluate.intervals.earlier-cutoffs";
    public static final String CALIBRATION_HORIZONS = "evaluate.intervals.calibration-horizons";
    /**
     * Measured on M4 (one calibration per step on the last horizon before the test one, naive forecasts, MSIS at
     * 95%): Weekly 29.31 with the whole in-sample scale, 23.99 / 22.30 / 22.35 / 23.64 over the last 2 / 4 / 8 /
     * 16 horizons; Hourly 9.73, then 10.05 / 9.11 / 9.39 / 9.75. Coverage stayed within 3 points at 4.
     */
    public static final int DEFAULT_SCALE_HORIZONS = 4;
    /** Measured on M4 (conformal, MSIS at 95%): see rnnforecast.conf's evaluate.intervals.calibration-horizons. */
    public static final int DEFAULT_CALIBRATION_HORIZONS = 4;
    public static final IntervalSpec OFF = new IntervalSpec(List.of(), Method.NONE, false);

    /** At the default scale span and calibration horizons, later cutoffs calibrated on the earlier ones too. */
    public IntervalSpec(List<Integer> levels, Method method, boolean requested) {
        this(levels, method, requested, DEFAULT_SCALE_HORIZONS, true, DEFAULT_CALIBRATION_HORIZONS);
    }

    /** conformal | quantiles | none. */
    public enum Method implements Keyed {
        CONFORMAL, QUANTILES, NONE
    }

    public IntervalSpec {
        levels = List.copyOf(levels);
        for (int level : levels) {
            if (level <= 0 || level >= 100) {
                throw new IllegalArgumentException("Invalid value for " + LEVELS + ": " + level + " (allowed: whole"
                        + " percentages in 1..99)");
            }
        }
        if (levels.stream().distinct().count() != levels.size()) {
            throw new IllegalArgumentException(LEVELS + " names a level twice: " + levels);
        }
        if (calibrationHorizons < 1) {
            throw new IllegalArgumentException("Invalid value for " + CALIBRATION_HORIZONS + ": "
                    + calibrationHorizons + " (allowed: a number of horizons >= 1)");
        }
        if (scaleHorizons < 0) {
            throw new IllegalArgumentException("Invalid value for " + SCALE_HORIZONS + ": " + scaleHorizons
                    + " (allowed: 0, the whole in-sample part, or a number of horizons >= 1)");
        }
    }

    /** The span of the interval scale in steps for a model of this {@code horizon} (0: the whole in-sample part). */
    public int scaleSteps(int horizon) {
        return Math.multiplyExact(scaleHorizons, horizon);
    }

    /**
     * With method = quantiles, the quantile levels the network needs ({@code quantiles}: model.quantiles): the
     * bounds of every level; a ConfigProblem-worthy message when some are missing, else null.
     */
    public String quantilesMissing(List<Double> quantiles) {
        if (method != Method.QUANTILES) {
            return null;
        }
        if (quantiles.isEmpty()) {
            return METHOD + " = quantiles takes the intervals from a quantile network's forecasts, but"
                    + " model.quantiles is empty (a point network): set model.quantiles (e.g. " + needed() + ")"
                    + " or " + METHOD + " = conformal";
        }
        List<Double> missing = new ArrayList<>();
        for (int level : levels) {
            for (double q : Quantiles.centralBounds(level)) {
                if (!quantiles.contains(q) && !missing.contains(q)) {
                    missing.add(q);
                }
            }
        }
        return missing.isEmpty() ? null : METHOD + " = quantiles at " + LEVELS + " = " + levels + " needs the"
                + " quantiles " + needed() + " among model.quantiles = " + quantiles + "; missing " + missing;
    }

    /** Every bound of every level, ascending. */
    private List<Double> needed() {
        return levels.stream().flatMap(l -> Arrays.stream(Quantiles.centralBounds(l))
                .boxed()).distinct().sorted().toList();
    }

    /**
     * Whether the test windows of {@code split} are calibrated cutoff by cutoff, each on the validation windows
     * and the cutoffs before it (a time split with several cutoffs, intervals on, earlier-cutoffs set).
     */
    public boolean rollsOver(SplitSpec split) {
        return on() && earlierCutoffs && split.mode() == SplitSpec.Mode.TIME && split.cutoffs() > 1;
    }

    /** Whether intervals are written (a method and at least one level). */
    public boolean on() {
        return method != Method.NONE && !levels.isEmpty();
    }

    /** The same request, off (the split has no validation part and the user did not ask for intervals). */
    public IntervalSpec off() {
        return new IntervalSpec(levels, Method.NONE, requested, scaleHorizons, earlierCutoffs, calibrationHorizons);
    }

    public static IntervalSpec from(Settings s) {
        List<Integer> levels = s.intListIn(LEVELS, 1, 99);
        Method method = s.oneOf(METHOD, Method.class);
        boolean requested = s.isExplicit(LEVELS) || s.isExplicit(METHOD);
        int scaleHorizons = s.intIn(SCALE_HORIZONS, 0, 1000);
        boolean earlierCutoffs = s.bool(EARLIER_CUTOFFS);
        int calibrationHorizons = s.intIn(CALIBRATION_HORIZONS, 1, 1000);
        return Settings.checked(() -> new IntervalSpec(levels, method, requested, scaleHorizons, earlierCutoffs,
                calibrationHorizons));
    }
}
