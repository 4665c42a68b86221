package io.rnnforecast.model.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The initial hidden state a fused recurrent layer takes from per-series inputs (see {@link FusedRecurrentLayer}):
 * h0 = tanh(s W0 + b0), s the initial-state channels at the window's first step. Kept from the forward pass for
 * the backward one (in double: a few hundred values a row against the recurrence's thousands; the cost is
 * negligible beside it). Immutable.
 *
 * @param s  [B][S], row-major
 * @param w0 [S][H], row-major
 * @param h0 [B][H], row-major
 */
record InitialState(double[] s, double[] w0, double[] h0, int batch, int inputs, int units) {

    /** From s [B][count] (row-major): the initial-state channels at the window's first step. */
    static InitialState of(double[] s, int batch, int count, double[] w0, double[] b0, int units) {
        double[] h0 = new double[batch * units];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < units; k++) {
                double a = b0[k];
                for (int c = 0; c < count; c++) {
                    a += s[b * count + c] * w0[c * units + k];
                }
                h0[b * units + k] = Math.tanh(a);
            }
        }
        return new InitialState(s, w0, h0, batch, count, units);
    }

    /**
     * Given dL/dh0 [B][H]: writes dL/dW0 = s^T da and dL/db0 = sum over the batch of da (da = dh0 (1 - h0^2)) into
     * the gradient views and returns dL/ds = da W0^T [B][S].
     */
    double[] backward(double[] dh0, INDArray dW0, INDArray db0) {
        double[] da = new double[dh0.length];
        for (int i = 0; i < da.length; i++) {
            da[i] = dh0[i] * (1 - h0[i] * h0[i]);
        }
        double[] gw = new double[inputs * units];
        double[] gb = new double[units];
        double[] ds = new double[batch * inputs];
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < units; k++) {
                double d = da[b * units + k];
                gb[k] += d;
                for (int c = 0; c < inputs; c++) {
                    gw[c * units + k] += s[b * inputs + c] * d;
                    ds[b * inputs + c] += d * w0[c * units + k];
                }
            }
        }
        NdArrays.write(gw, dW0);
        NdArrays.write(gb, db0);
        return ds;
    }
}
