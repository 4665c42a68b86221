package io.rnnforecast.window;

import io.rnnforecast.config.Keyed;

/**
 * What the job learns from a window of {@code window.input} values. {@link #FORECAST}: the next
 * {@code window.horizon} values. The two classification tasks read a label column ({@code data.columns.label},
 * string classes) beside {@code y}: {@link #LABEL_STEPS}, one class per input step (sequence labelling: softmax at
 * every step, cross-entropy averaged over the steps); {@link #CLASSIFY_SERIES}, one class per window, the label of
 * its last input step (for a series labelled as a whole, its class), from the top layer's last step.
 */
public enum Task implements Keyed {
    FORECAST, LABEL_STEPS, CLASSIFY_SERIES;

    public boolean classifies() {
        return this != FORECAST;
    }

    /** How many label values a window of {@code input} steps carries (the class index per step, or one). */
    public int labelsPerWindow(int input) {
        return switch (this) {
            case FORECAST -> throw new IllegalStateException("forecast windows carry targets, not labels");
            case LABEL_STEPS -> input;
            case CLASSIFY_SERIES -> 1;
        };
    }
}
