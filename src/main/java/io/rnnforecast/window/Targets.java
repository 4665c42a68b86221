package io.rnnforecast.window;

import java.io.Serializable;

/**
 * What a minibatch's labels are, made from a window's input x[0..T) and target y[0..H) when the minibatch is cut
 * (the cached blocks always hold the H target values, so no layout costs more memory than another). With
 * s = x followed by y (T + H values):
 * <ul>
 *   <li>{@link #HORIZON}: [b, H], the target vector (direct forecasting);</li>
 *   <li>{@link #FIRST}: [b, 1], y[0] only (a one-step model, iterated at forecast time);</li>
 *   <li>{@link #EVERY_STEP}: [b, H, T], at input step t the next H values: Y[t, k] = s[t + k + 1]
 *       (sequence-to-sequence; the last step's vector is exactly y). Built per minibatch: b x H x T floats,
 *       64 KB for 32 windows of 50 steps and a horizon of 10;</li>
 *   <li>{@link #everyStep(int, int)}: the same at every {@code stride}-th input step from {@code first}, [b, H, T']
 *       with T' = (T - 1 - first) / stride + 1: label step j holds Y[first + j stride, k]. A valid convolution of
 *       width w and stride r outputs its step j after input step w - 1 + j r, so it trains on
 *       {@code everyStep(w - 1, r)} (Géron's Y[:, 3::2] for w = 4, r = 2); EVERY_STEP is everyStep(0, 1).</li>
 * </ul>
 *
 * @param first  the input step of label step 0 (0 unless {@link Kind#EVERY_STEP})
 * @param stride input steps between label steps (1 unless {@link Kind#EVERY_STEP})
 */
public record Targets(Kind kind, int first, int stride) implements LabelLayout {

    public enum Kind {
        HORIZON, FIRST, EVERY_STEP
    }

    public static final Targets HORIZON = new Targets(Kind.HORIZON, 0, 1);
    public static final Targets FIRST = new Targets(Kind.FIRST, 0, 1);
    public static final Targets EVERY_STEP = new Targets(Kind.EVERY_STEP, 0, 1);

    public Targets {
        if (kind == null || first < 0 || stride < 1) {
            throw new IllegalArgumentException("targets: a kind, first step >= 0 and stride >= 1, got " + kind + ", "
                    + first + ", " + stride);
        }
        if (kind != Kind.EVERY_STEP && (first != 0 || stride != 1)) {
            throw new IllegalArgumentException("targets: only every-step labels follow input steps; " + kind
                    + " takes first step 0 and stride 1, got " + first + " and " + stride);
        }
    }

    /** Sequence labels at input steps {@code first, first + stride, ...}: see the class comment. */
    public static Targets everyStep(int first, int stride) {
        return new Targets(Kind.EVERY_STEP, first, stride);
    }

    /** Whether the labels are a sequence [b, H, steps] (else one vector per window). */
    public boolean perStep() {
        return kind == Kind.EVERY_STEP;
    }

    /** Label steps of a window of {@code input} steps: T' for {@link Kind#EVERY_STEP}, 1 for the vector kinds. */
    public int steps(int input) {
        if (!perStep()) {
            return 1;
        }
        if (input <= first) {
            throw new IllegalArgumentException("targets from input step " + first + " need more than " + first
                    + " input steps, got " + input);
        }
        return (input - 1 - first) / stride + 1;
    }

    /**
     * Whether the last label step is the last input step, so that its vector is the window's target y (the
     * forecast a sequence model makes from its last output step). Always true for stride 1 from step 0; for
     * everyStep(w - 1, r) exactly when (T - w) is a multiple of r.
     */
    public boolean lastStepIsTarget(int input) {
        return !perStep() || (input - 1 - first) % stride == 0;
    }

    /** The index into s = x followed by y of label step {@code step}'s value {@code k}: first + step stride + k + 1. */
    public int source(int step, int k) {
        return first + step * stride + k + 1;
    }

    /** Labels per window in this layout, for input length {@code input} and horizon {@code horizon}. */
    @Override
    public int perWindow(int input, int horizon) {
        return switch (kind) {
            case HORIZON -> horizon;
            case FIRST -> 1;
            case EVERY_STEP -> horizon * steps(input);
        };
    }

    /** The labels' shape for {@code b} windows: [b, H], [b, 1] or [b, H, steps]. */
    @Override
    public long[] shape(int b, int input, int horizon) {
        return switch (kind) {
            case HORIZON -> new long[] {b, horizon};
            case FIRST -> new long[] {b, 1};
            case EVERY_STEP -> new long[] {b, horizon, steps(input)};
        };
    }

    /** One window's labels in this layout: [H], [1], or [H, steps] row-major. */
    public float[] of(float[] input, float[] target) {
        float[] out = new float[perWindow(input.length, target.length)];
        write(input, 0, input.length, target, 0, target.length, out, 0);
        return out;
    }

    /**
     * Writes the labels of the window whose input is {@code x[xAt, xAt + t)} and target {@code y[yAt, yAt + h)}
     * into {@code out} at {@code at}: [h], [1], or [h, steps] row-major (step k's values over time are contiguous,
     * DL4J's [batch, size, time] layout).
     */
    @Override
    public void write(float[] x, int xAt, int t, float[] y, int yAt, int h, float[] out, int at) {
        switch (kind) {
            case HORIZON -> System.arraycopy(y, yAt, out, at, h);
            case FIRST -> out[at] = y[yAt];
            case EVERY_STEP -> {
                int steps = steps(t);
                for (int k = 0; k < h; k++) {
                    for (int step = 0; step < steps; step++) {
                        int i = source(step, k);
                        out[at + k * steps + step] = i < t ? x[xAt + i] : y[yAt + i - t];
                    }
                }
            }
        }
    }
}
