package io.rnnforecast.eval;

import io.rnnforecast.window.Window;

import java.io.Serializable;
import java.util.List;

/**
 * A model that evaluation (and prediction) forecasts windows with: the trained network and every baseline alike.
 * Built on the driver, serialized to the executors, and {@link #open() opened} once per partition there (a
 * network is deserialized from its broadcast bytes once, not once per window). {@link ForecastRows} runs one loop
 * over a list of them; no model is a special case there.
 */
public interface WindowForecaster extends Serializable {
    /** The name written in the {@code model} column. */
    String name();

    /** This model on an executor, for one partition's windows. */
    Open open();

    /** An opened model: forecasts a batch of windows at once. */
    interface Open {
        /**
         * One forecast of {@code horizon} steps per window of {@code batch}, in order; null where this model has
         * none for a window.
         */
        Forecast[] forecast(List<Window> batch, int horizon);
    }

    /**
     * A window's horizon on the original scale and on the series-scaled axis; {@code allStepsSquaredErrors} per
     * horizon step for a model with an output at every step ({@link Prediction#allStepsSquaredError()}), else null.
     */
    record Forecast(double[] original, double[] scaled, double[] allStepsSquaredErrors) {
        /** A forecast on the axis a network sees (the window-normalized, series-scaled one). */
        public static Forecast fromNetworkAxis(Window w, double[] normalized, double[] allStepsSquaredErrors) {
            double[] original = new double[normalized.length];
            double[] scaled = new double[normalized.length];
            for (int s = 0; s < normalized.length; s++) {
                original[s] = w.toOriginal(s, normalized[s]);
                // a forecast clamped at 0 is clamped on the scaled axis too (the scaled metrics see what is written)
                scaled[s] = original[s] == 0 && w.norm().floorAtZero() ? w.scaling().apply(0)
                        : w.toScaled(s, normalized[s]);
            }
            return new Forecast(original, scaled, allStepsSquaredErrors);
        }

        /** A forecast made on the original scale (the naive baselines). */
        public static Forecast fromOriginal(Window w, double[] original) {
            double[] scaled = new double[original.length];
            for (int s = 0; s < original.length; s++) {
                scaled[s] = w.scaling().apply(original[s]);
            }
            return new Forecast(original, scaled, null);
        }
    }
}
