package io.rnnforecast.series;

import io.rnnforecast.config.Keyed;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A per-series affine scaling z = (y - center) / scale, fitted on the series' training part only.
 * <ul>
 * <li>standard: center = mean, scale = population standard deviation (scikit-learn's StandardScaler)</li>
 * <li>minmax: center = min, scale = max - min (values map to [0, 1])</li>
 * <li>robust: center = median, scale = q75 - q25 (numpy's linear percentiles; scikit-learn's RobustScaler)</li>
 * <li>mase: center = mean, scale = the part's in-sample seasonal naive MAE, mean |y_t - y_(t-m)| (MASE's
 * denominator, {@link ErrorScale}; m = the season, 1 when the part is not longer than a season): an error on this
 * axis is the error divided by that MAE, so an L1 loss here is the MASE of the training forecasts, the same weight
 * for every series whatever its level and noise (a scale-free loss, as M4 scores)</li>
 * <li>none: center 0, scale 1</li>
 * </ul>
 */
public record Scaling(Method method, double center, double scale) implements Serializable {

    public enum Method implements Keyed {
        NONE, STANDARD, MINMAX, ROBUST, MASE
    }

    public static final Scaling IDENTITY = new Scaling(Method.NONE, 0, 1);

    /** {@link #fit(Method, double[], int, int)} with season 1 (MASE's naive lag). */
    public static Scaling fit(Method method, double[] values, int end) {
        return fit(method, values, end, 1);
    }

    /**
     * Fits on {@code values[0, end)}; the scale is 0 for a constant part (the caller decides what that means).
     * {@code season} is MASE's seasonal lag (the other methods ignore it).
     */
    public static Scaling fit(Method method, double[] values, int end, int season) {
        if (method == Method.NONE) {
            return IDENTITY;
        }
        if (end < 1) {
            throw new IllegalArgumentException("no values to fit a scaler on");
        }
        double[] part = Arrays.copyOf(values, end);
        return switch (method) {
            case STANDARD -> {
                double mean = Arrays.stream(part).sum() / end;
                double ss = 0;
                for (double v : part) {
                    ss += (v - mean) * (v - mean);
                }
                yield new Scaling(method, mean, Math.sqrt(ss / end));
            }
            case MINMAX -> {
                double min = Arrays.stream(part).min().orElseThrow();
                double max = Arrays.stream(part).max().orElseThrow();
                yield new Scaling(method, min, max - min);
            }
            case ROBUST -> {
                Arrays.sort(part);
                yield new Scaling(method, percentile(part, 50), percentile(part, 75) - percentile(part, 25));
            }
            case MASE -> {
                double mean = Arrays.stream(part).sum() / end;
                ErrorScale naive = ErrorScale.of(part, end, season);
                yield new Scaling(method, mean, Double.isNaN(naive.mae()) ? 0 : naive.mae());
            }
            case NONE -> IDENTITY;
        };
    }

    /** Zero spread (a constant training part): nothing to divide by. */
    public boolean degenerate() {
        return !(scale > 0);
    }

    /**
     * A center or scale that overflowed (values near Double.MAX_VALUE: their squares are infinite) or is NaN:
     * the series cannot be scaled, which is not the same as being constant.
     */
    public boolean nonFinite() {
        return !Double.isFinite(center) || !Double.isFinite(scale);
    }

    /** The same center with scale 1, for a constant training part under the shift-only policy. */
    public Scaling shiftOnly() {
        return new Scaling(method, center, 1);
    }

    public double apply(double y) {
        return (y - center) / scale;
    }

    public double invert(double z) {
        return z * scale + center;
    }

    /** numpy.percentile's default (linear) on sorted values. */
    static double percentile(double[] sorted, double q) {
        double rank = q / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
