package io.rnnforecast.window;

import io.rnnforecast.config.Settings;

import java.io.Serializable;

/**
 * How series are cut into supervised examples: {@code input} observed values predict the next {@code horizon}.
 * Windows are anchored at the end of each series (the most recent window always exists) and step back by
 * {@code stride}; at most {@code maxPerSeries} are taken from one series. Each window is normalized by
 * {@code normalization} (statistics of its own input) on top of the series' scaling.
 */
public record WindowSpec(int input, int horizon, int stride, int maxPerSeries, WindowNormalization normalization)
        implements Serializable {

    public WindowSpec {
        if (input < 1 || horizon < 1 || stride < 1 || maxPerSeries < 1) {
            throw new IllegalArgumentException("window sizes must be >= 1: " + input + ", " + horizon + ", " + stride
                    + ", " + maxPerSeries);
        }
        // models saved before window normalization existed have none in their recipe
        normalization = normalization == null ? WindowNormalization.NONE : normalization;
    }

    /** Windows without normalization. */
    public WindowSpec(int input, int horizon, int stride, int maxPerSeries) {
        this(input, horizon, stride, maxPerSeries, WindowNormalization.NONE);
    }

    /** The window section. */
    public static WindowSpec from(Settings s) {
        return new WindowSpec(s.intIn("window.input", 1, 100_000), s.intIn("window.horizon", 1, 10_000),
                s.intIn("window.stride", 1, 1_000_000), s.intIn("window.max-per-series", 1, 10_000_000),
                s.oneOf("window.normalization", WindowNormalization.class));
    }

    public int length() {
        return input + horizon;
    }
}
