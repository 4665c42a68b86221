package io.rnnforecast.window;

/**
 * What a minibatch's labels are, made from a window's input x[0..T) and target y[0..H) when the minibatch is cut
 * (the cached blocks always hold the H target values, so no layout costs more memory than another). With
 * s = x followed by y (T + H values):
 * <ul>
 *   <li>{@link #HORIZON}: [b, H], the target vector (direct forecasting);</li>
 *   <li>{@link #FIRST}: [b, 1], y[0] only (a one-step model, iterated at forecast time);</li>
 *   <li>{@link #EVERY_STEP}: [b, H, T], at input step t the next H values: Y[t, k] = s[t + k + 1]
 *       (sequence-to-sequence; the last step's vector is exactly y). Built per minibatch: b x H x T floats,
 *       64 KB for 32 windows of 50 steps and a horizon of 10.</li>
 * </ul>
 */
public enum Targets implements LabelLayout {
    HORIZON, FIRST, EVERY_STEP;

    /** Labels per window in this layout, for input length {@code input} and horizon {@code horizon}. */
    @Override
    public int perWindow(int input, int horizon) {
        return switch (this) {
            case HORIZON -> horizon;
            case FIRST -> 1;
            case EVERY_STEP -> horizon * input;
        };
    }

    @Override
    public long[] shape(int batch, int input, int horizon) {
        return switch (this) {
            case HORIZON -> new long[] {batch, horizon};
            case FIRST -> new long[] {batch, 1};
            case EVERY_STEP -> new long[] {batch, horizon, input};
        };
    }

    /** One window's labels in this layout: [H], [1], or [H, T] row-major. */
    public float[] of(float[] input, float[] target) {
        float[] out = new float[perWindow(input.length, target.length)];
        write(input, 0, input.length, target, 0, target.length, out, 0);
        return out;
    }

    /**
     * Writes the labels of the window whose input is {@code x[xAt, xAt + t)} and target {@code y[yAt, yAt + h)}
     * into {@code out} at {@code at}: [h], [1], or [h, t] row-major (step k's values over time are contiguous,
     * DL4J's [batch, size, time] layout).
     */
    @Override
    public void write(float[] x, int xAt, int t, float[] y, int yAt, int h, float[] out, int at) {
        switch (this) {
            case HORIZON -> System.arraycopy(y, yAt, out, at, h);
            case FIRST -> out[at] = y[yAt];
            case EVERY_STEP -> {
                for (int k = 0; k < h; k++) {
                    for (int step = 0; step < t; step++) {
                        int i = step + k + 1;
                        out[at + k * t + step] = i < t ? x[xAt + i] : y[yAt + i - t];
                    }
                }
            }
        }
    }
}
