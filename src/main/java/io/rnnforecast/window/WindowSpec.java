package io.rnnforecast.window;

import io.rnnforecast.config.Settings;

import java.io.Serializable;

/**
 * How series are cut into supervised examples: {@code input} observed values predict the next {@code horizon}.
 * Windows are anchored at the end of each series (the most recent window always exists) and step back by
 * {@code stride}; at most {@code maxPerSeries} are taken from one series. Each window is normalized by
 * {@code normalization} (statistics of its own input) on top of the series' scaling; its target is taken relative
 * to {@code targetBase} (the window's seasonal naive forecast, or nothing). With {@code clampNonNegative}, a
 * series with no negative value before a window's forecast origin gets that window's network (and linear)
 * forecasts clamped at 0.
 *
 * <p>{@code minInput} lets a series shorter than one window still be forecast (and trained on): its windows are
 * left-padded up to {@code input}, with as few as {@code minInput} observed values. Padding happens only where a
 * series has no full window for the purpose (a training prefix too short for one, a test or future window with
 * less history than the input), so series long enough are cut exactly as without it. 0 turns padding off (every
 * window needs the whole input: models saved before padding existed).
 */
public record WindowSpec(int input, int horizon, int stride, int maxPerSeries, WindowNormalization normalization,
                         int minInput, TargetBase targetBase, boolean clampNonNegative) implements Serializable {

    public WindowSpec {
        if (input < 1 || horizon < 1 || stride < 1 || maxPerSeries < 1) {
            throw new IllegalArgumentException("window sizes must be >= 1: " + input + ", " + horizon + ", " + stride
                    + ", " + maxPerSeries);
        }
        if (minInput < 0 || minInput > input) {
            throw new IllegalArgumentException("window.min-input must be in 0..window.input (" + input + "), got "
                    + minInput);
        }
        // models saved before window normalization existed have none in their recipe
        normalization = normalization == null ? WindowNormalization.NONE : normalization;
        targetBase = targetBase == null ? TargetBase.NONE : targetBase;
    }

    /** Windows whose targets are the values themselves (no base), forecasts not clamped. */
    public WindowSpec(int input, int horizon, int stride, int maxPerSeries, WindowNormalization normalization,
                      int minInput) {
        this(input, horizon, stride, maxPerSeries, normalization, minInput, TargetBase.NONE, false);
    }

    /** Windows that need the whole input (no padding). */
    public WindowSpec(int input, int horizon, int stride, int maxPerSeries, WindowNormalization normalization) {
        this(input, horizon, stride, maxPerSeries, normalization, 0);
    }

    /** Windows without normalization or padding. */
    public WindowSpec(int input, int horizon, int stride, int maxPerSeries) {
        this(input, horizon, stride, maxPerSeries, WindowNormalization.NONE);
    }

    /** The window section. */
    public static WindowSpec from(Settings s) {
        int input = s.intIn("window.input", 1, 100_000);
        return new WindowSpec(input, s.intIn("window.horizon", 1, 10_000),
                s.intIn("window.stride", 1, 1_000_000), s.intIn("window.max-per-series", 1, 10_000_000),
                s.oneOf("window.normalization", WindowNormalization.class),
                Math.min(input, s.intIn("window.min-input", 0, 100_000)),
                s.oneOf("window.target-base", TargetBase.class), s.bool("window.clamp-nonnegative"));
    }

    /** The same windows normalized by {@code chosen}. */
    public WindowSpec withNormalization(WindowNormalization chosen) {
        return new WindowSpec(input, horizon, stride, maxPerSeries, chosen, minInput, targetBase, clampNonNegative);
    }

    /** The same windows with targets relative to {@code base}. */
    public WindowSpec withTargetBase(TargetBase base) {
        return new WindowSpec(input, horizon, stride, maxPerSeries, normalization, minInput, base, clampNonNegative);
    }

    /** The fewest observed values a window may have: {@code input} without padding. */
    public int fewestObserved() {
        return minInput == 0 ? input : minInput;
    }

    /** Whether windows may be left-padded. */
    public boolean pads() {
        return fewestObserved() < input;
    }

    public int length() {
        return input + horizon;
    }
}
