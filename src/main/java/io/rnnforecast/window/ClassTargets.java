package io.rnnforecast.window;

/**
 * One-hot labels of classification windows, whose stored target holds class indices (as floats): one per input
 * step ({@link Task#LABEL_STEPS}: labels [b, classes, t], class c's values over time contiguous) or one per window
 * ({@link Task#CLASSIFY_SERIES}: [b, classes]). Built per minibatch like the forecasting labels, so the cache holds
 * one float per label instead of {@code classes}.
 */
public record ClassTargets(int classes, boolean perStep) implements LabelLayout {

    public ClassTargets {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
    }

    @Override
    public int perWindow(int input, int stored) {
        return classes * (perStep ? input : 1);
    }

    @Override
    public long[] shape(int batch, int input, int stored) {
        return perStep ? new long[] {batch, classes, input} : new long[] {batch, classes};
    }

    @Override
    public void write(float[] x, int xAt, int t, float[] y, int yAt, int h, float[] out, int at) {
        int steps = perStep ? t : 1;
        if (h != steps) {
            throw new IllegalArgumentException("a window of " + t + " steps stores " + h + " class indices, expected "
                    + steps);
        }
        java.util.Arrays.fill(out, at, at + classes * steps, 0f);
        for (int step = 0; step < steps; step++) {
            int c = (int) y[yAt + step];
            if (c < 0 || c >= classes || c != y[yAt + step]) {
                throw new IllegalArgumentException("class index " + y[yAt + step] + " is not in 0.." + (classes - 1));
            }
            out[at + c * steps + step] = 1f;
        }
    }
}
