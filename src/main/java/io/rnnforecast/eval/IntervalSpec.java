package io.rnnforecast.eval;

import io.rnnforecast.config.Keyed;
import io.rnnforecast.config.Settings;

import java.util.List;

/**
 * evaluate.intervals: the central prediction intervals written beside every forecast, at {@code levels} percent
 * (whole numbers in 1..99, each once), by {@code method} (conformal: split conformal per model and horizon step,
 * calibrated on the validation windows, {@link ConformalCalibration}; none: off). Off also when the levels are
 * empty. {@code requested}: the user set the section (not just the bundled default), which makes a model or data
 * that cannot give intervals an error rather than a logged note.
 */
public record IntervalSpec(List<Integer> levels, Method method, boolean requested) {
    public static final String LEVELS = "evaluate.intervals.levels";
    public static final String METHOD = "evaluate.intervals.method";
    public static final IntervalSpec OFF = new IntervalSpec(List.of(), Method.NONE, false);

    /** conformal | none. */
    public enum Method implements Keyed {
        CONFORMAL, NONE
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
    }

    /** Whether intervals are written (a method and at least one level). */
    public boolean on() {
        return method != Method.NONE && !levels.isEmpty();
    }

    /** The same request, off (the split has no validation part and the user did not ask for intervals). */
    public IntervalSpec off() {
        return new IntervalSpec(levels, Method.NONE, requested);
    }

    public static IntervalSpec from(Settings s) {
        List<Integer> levels = s.intListIn(LEVELS, 1, 99);
        Method method = s.oneOf(METHOD, Method.class);
        boolean requested = s.isExplicit(LEVELS) || s.isExplicit(METHOD);
        return Settings.checked(() -> new IntervalSpec(levels, method, requested));
    }
}
