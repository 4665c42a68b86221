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
     * A quantile network's forecast also has {@code quantiles}, [horizon][Q] on the original scale, each step's
     * values ascending (sorted), at {@code levels} (ascending); both null for other models.
     */
    record Forecast(double[] original, double[] scaled, double[] allStepsSquaredErrors, double[] levels,
                    double[][] quantiles) {
        public Forecast(double[] original, double[] scaled, double[] allStepsSquaredErrors) {
            this(original, scaled, allStepsSquaredErrors, null, null);
        }

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

        /**
         * A quantile network's forecast from its output {@code outputs} (horizon x Q values on the network's axis,
         * step-major: value k Q + i is step k at level i): every value is inverted to the original scale and to the
         * scaled axis exactly as a point forecast is ({@link #fromNetworkAxis}: the window's target base, its
         * normalization, the series' scaling, the clamp at 0), then each step's Q values are sorted (non-crossing,
         * see {@code model.Quantiles}); the point forecast is the 0.5 quantile, else the mean of the quantiles.
         */
        public static Forecast fromQuantileOutputs(Window w, double[] outputs, double[] levels) {
            int q = levels.length;
            int horizon = outputs.length / q;
            double[][] original = new double[horizon][q];
            double[][] scaled = new double[horizon][q];
            double[] column = new double[horizon];
            for (int i = 0; i < q; i++) {
                for (int k = 0; k < horizon; k++) {
                    column[k] = outputs[k * q + i];
                }
                Forecast one = fromNetworkAxis(w, column, null);
                for (int k = 0; k < horizon; k++) {
                    original[k][i] = one.original()[k];
                    scaled[k][i] = one.scaled()[k];
                }
            }
            double[] point = new double[horizon];
            double[] pointScaled = new double[horizon];
            for (int k = 0; k < horizon; k++) {
                java.util.Arrays.sort(original[k]);
                java.util.Arrays.sort(scaled[k]);
                point[k] = io.rnnforecast.model.Quantiles.point(levels, original[k]);
                pointScaled[k] = io.rnnforecast.model.Quantiles.point(levels, scaled[k]);
            }
            return new Forecast(point, pointScaled, null, levels.clone(), original);
        }

        /** A forecast made on the original scale (the naive baselines). */
        public static Forecast fromOriginal(Window w, double[] original) {
            double[] scaled = new double[original.length];
            for (int s = 0; s < original.length; s++) {
                scaled[s] = w.scaling().apply(original[s]);
            }
            return new Forecast(original, scaled, null);
        }

        /** The quantiles of horizon step {@code step} (0-based) as a map from level key ("0.1") to value; null without. */
        public java.util.Map<String, Double> quantileMap(int step) {
            if (quantiles == null) {
                return null;
            }
            java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
            for (int i = 0; i < levels.length; i++) {
                out.put(io.rnnforecast.model.Quantiles.key(levels[i]), quantiles[step][i]);
            }
            return out;
        }
    }
}
