package io.rnnforecast.window;

import java.io.Serializable;

/**
 * One supervised example cut from a series. {@code end} is the index (in the series) of the first target value,
 * so the inputs are {@code values[end-input, end)} and the targets {@code values[end, end+horizon)}.
 * {@code last} marks the window that ends at the series' final observation.
 */
public record Window(String uniqueId, int end, boolean last, float[] input, float[] target) implements Serializable {

    /** The naive forecast: the last observed value repeated over the horizon. */
    public float[] naiveForecast() {
        float[] f = new float[target.length];
        java.util.Arrays.fill(f, input[input.length - 1]);
        return f;
    }
}
