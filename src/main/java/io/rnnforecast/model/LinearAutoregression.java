package io.rnnforecast.model;

import java.io.Serializable;

/**
 * A global linear autoregression y_hat[k] = bias[k] + sum_i weights[k][i] * x[i] from a window's input x to its
 * horizon, on the network's axis (scaled and window-normalized): Géron's Flatten + Dense(horizon), fitted exactly
 * ({@link NormalEquations}) instead of by SGD.
 */
public record LinearAutoregression(double[][] weights, double[] bias) implements Serializable {

    public LinearAutoregression {
        if (weights.length != bias.length || weights.length == 0) {
            throw new IllegalArgumentException("one weight row per horizon step: " + weights.length + " rows, "
                    + bias.length + " biases");
        }
    }

    public int input() {
        return weights[0].length;
    }

    public int horizon() {
        return bias.length;
    }

    public double[] forecast(float[] x) {
        if (x.length != input()) {
            throw new IllegalArgumentException("input of " + x.length + " values for a model of " + input());
        }
        double[] out = new double[horizon()];
        for (int k = 0; k < out.length; k++) {
            double sum = bias[k];
            for (int i = 0; i < x.length; i++) {
                sum += weights[k][i] * x[i];
            }
            out[k] = sum;
        }
        return out;
    }
}
