package io.rnnforecast.window;

import java.io.Serializable;

/**
 * How series are cut into supervised examples: {@code input} observed values predict the next {@code horizon}.
 * Windows are anchored at the end of each series (the most recent window always exists) and step back by
 * {@code stride}; at most {@code maxPerSeries} are taken from one series.
 */
public record WindowSpec(int input, int horizon, int stride, int maxPerSeries) implements Serializable {

    public WindowSpec {
        if (input < 1 || horizon < 1 || stride < 1 || maxPerSeries < 1) {
            throw new IllegalArgumentException("window sizes must be >= 1: " + input + ", " + horizon + ", " + stride
                    + ", " + maxPerSeries);
        }
    }

    public int length() {
        return input + horizon;
    }
}
