package io.rnnforecast.model;

import io.rnnforecast.window.CovariateLayout;
import io.rnnforecast.window.Window;

import java.io.Serializable;

/**
 * A global linear autoregression y_hat[k] = bias[k] + sum_i weights[k][i] * x[i] from a window's input x to its
 * horizon, on the network's axis (scaled and window-normalized): Géron's Flatten + Dense(horizon), fitted exactly
 * ({@link NormalEquations}) instead of by SGD. With covariates, x is the window's regressors
 * ({@link Window#regressors}): the input, then the covariate steps the network sees.
 */
public record LinearAutoregression(double[][] weights, double[] bias, CovariateLayout covariates)
        implements Serializable {

    /** Without covariates. */
    public LinearAutoregression(double[][] weights, double[] bias) {
        this(weights, bias, CovariateLayout.NONE);
    }

    public LinearAutoregression {
        // model.json written before covariates existed has none
        covariates = covariates == null ? CovariateLayout.NONE : covariates;
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

    /** The forecast of window {@code w}, from its regressors. */
    public double[] forecast(Window w) {
        return forecast(w.regressors(covariates));
    }

    /** The same coefficients for windows whose covariates are laid out as {@code layout}. */
    public LinearAutoregression withCovariates(CovariateLayout layout) {
        return new LinearAutoregression(weights, bias, layout);
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
