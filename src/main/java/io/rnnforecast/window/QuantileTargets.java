package io.rnnforecast.window;

/**
 * The labels of a quantile network: each window's target vector y[0..H) with every value repeated once per
 * quantile, [b, H x Q] step-major (label {@code k * Q + i} is y[k]), the layout of the network's output (horizon
 * step k at level i). Made when a minibatch is cut, like {@link Targets}: the cached blocks keep the H values.
 *
 * @param quantiles Q, the number of quantile levels (at least 1)
 */
public record QuantileTargets(int quantiles) implements LabelLayout {

    public QuantileTargets {
        if (quantiles < 1) {
            throw new IllegalArgumentException("quantile targets need at least one quantile, got " + quantiles);
        }
    }

    @Override
    public int perWindow(int input, int horizon) {
        return horizon * quantiles;
    }

    @Override
    public long[] shape(int batch, int input, int horizon) {
        return new long[] {batch, (long) horizon * quantiles};
    }

    @Override
    public void write(float[] x, int xAt, int t, float[] y, int yAt, int h, float[] out, int at) {
        for (int k = 0; k < h; k++) {
            for (int i = 0; i < quantiles; i++) {
                out[at + k * quantiles + i] = y[yAt + k];
            }
        }
    }
}
