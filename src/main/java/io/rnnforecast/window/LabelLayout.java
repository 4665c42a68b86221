package io.rnnforecast.window;

import java.io.Serializable;

/**
 * How a minibatch's labels are made from each cached window's input x[0..t) and stored target y[0..h) (the
 * horizon values of a forecast window, or the class indices of a classification window) when the minibatch is
 * cut: {@link Targets} for forecasting, {@link ClassTargets} for classification.
 */
public interface LabelLayout extends Serializable {

    /** Label values per window for input length {@code input} and stored target length {@code stored}. */
    int perWindow(int input, int stored);

    /** The labels array's shape for {@code batch} windows, DL4J's layout ([b, n] or [b, n, time]). */
    long[] shape(int batch, int input, int stored);

    /**
     * Writes the labels of the window whose input is {@code x[xAt, xAt + t)} and stored target
     * {@code y[yAt, yAt + h)} into {@code out} at {@code at}, row-major in {@link #shape}'s layout.
     */
    void write(float[] x, int xAt, int t, float[] y, int yAt, int h, float[] out, int at);
}
