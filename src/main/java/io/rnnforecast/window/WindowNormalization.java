package io.rnnforecast.window;

import io.rnnforecast.config.Keyed;

/**
 * How each window is normalized on top of the series' scaling, before the network sees it. The statistics come
 * from the window's input only; they are applied to the input and the target and inverted on the network's output,
 * so a trending or level-shifted series looks to the network like the windows it was trained on.
 */
public enum WindowNormalization implements Keyed {
    /** The scaled values as they are. */
    NONE,
    /** Subtract the last observed value: the network predicts the change from it (naive = output 0). */
    LAST_VALUE,
    /**
     * Subtract the input's mean and divide by its standard deviation, sqrt(var + 1e-5) as in RevIN (Kim et al.,
     * 2022: instance normalization with the same epsilon); DeepAR's mean scaling is the scale-only relative.
     */
    WINDOW_STANDARD,
    /**
     * Chosen when a model is fitted, among the three above: the one under which the least-squares linear
     * baseline forecasts the validation windows best ({@code NormalizationChoice}); the model's recipe records the
     * choice, never {@code auto}.
     */
    AUTO;

    /** The normalizations {@link #AUTO} chooses from. */
    public static final java.util.List<WindowNormalization> CHOICES = java.util.List.of(NONE, LAST_VALUE,
            WINDOW_STANDARD);

    /** RevIN's epsilon, added to the variance so a flat input window does not divide by zero. */
    static final double EPSILON = 1e-5;

    /** The normalization of a window whose input (on the series' scaled axis) is {@code input}. */
    public Norm of(double[] input) {
        return switch (this) {
            case NONE -> Norm.IDENTITY;
            case LAST_VALUE -> new Norm(input[input.length - 1], 1);
            case AUTO -> throw new IllegalStateException("window.normalization = auto is chosen when the model is"
                    + " fitted; these windows were cut before the choice");
            case WINDOW_STANDARD -> {
                double mean = 0;
                for (double v : input) {
                    mean += v;
                }
                mean /= input.length;
                double ss = 0;
                for (double v : input) {
                    ss += (v - mean) * (v - mean);
                }
                yield new Norm(mean, Math.sqrt(ss / input.length + EPSILON));
            }
        };
    }

    /**
     * z' = (z - shift) / spread on the series' scaled axis z; the network's target is z' minus the window's base
     * ({@link TargetBase}) whose lag is {@code baseLag} (0: none). {@code floorAtZero}: the window's forecasts on
     * the original scale are clamped at 0 (its series had no negative value before the window's forecast origin).
     */
    public record Norm(double shift, double spread, int baseLag, boolean floorAtZero)
            implements java.io.Serializable {
        public static final Norm IDENTITY = new Norm(0, 1);

        public Norm(double shift, double spread) {
            this(shift, spread, 0, false);
        }

        /** This normalization with targets relative to a base of lag {@code lag}, forecasts floored at 0 or not. */
        public Norm with(int lag, boolean floor) {
            return new Norm(shift, spread, lag, floor);
        }

        public double apply(double z) {
            return (z - shift) / spread;
        }

        public double invert(double normalized) {
            return normalized * spread + shift;
        }
    }
}
