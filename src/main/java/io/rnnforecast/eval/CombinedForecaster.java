package io.rnnforecast.eval;

import java.util.Arrays;
import java.util.List;

/**
 * A model whose forecast of a window combines other models' forecasts of the same window, step by step: an
 * ensemble's median of its members, or a mean of different methods (M4's lesson: combinations beat single
 * methods). {@link ForecastRows} computes it from the members' forecasts of each batch, so a member runs once
 * however many combinations use it; it has no forecast of a window that one of its members has none of.
 * The original and the scaled axes are combined separately (the same values: scaling is increasing and affine).
 */
public record CombinedForecaster(String name, List<String> members, Combiner combiner) implements WindowForecaster {

    public enum Combiner {
        /** The median of the members' values (the mean of the middle two for an even count). */
        MEDIAN,
        MEAN;

        double of(double[] values) {
            if (this == MEAN) {
                return Arrays.stream(values).sum() / values.length;
            }
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    public CombinedForecaster {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException(name + " combines no models");
        }
    }

    /**
     * The models of {@code models} (in order) needed to forecast those named {@code wanted}: them, and every
     * member of a combination among them, transitively (an ensemble's median combined with Theta needs the
     * ensemble's members too).
     */
    public static List<WindowForecaster> needed(List<WindowForecaster> models, java.util.Collection<String> wanted) {
        java.util.Set<String> names = new java.util.HashSet<>(wanted);
        // combinations come after their members: walking back from the end reaches every member
        for (int m = models.size() - 1; m >= 0; m--) {
            if (models.get(m) instanceof CombinedForecaster c && names.contains(c.name())) {
                names.addAll(c.members());
            }
        }
        return models.stream().filter(m -> names.contains(m.name())).toList();
    }

    /** Never opened: {@link ForecastRows} combines the members' forecasts instead. */
    @Override
    public Open open() {
        throw new UnsupportedOperationException(name + " is computed from the forecasts of " + members);
    }

    /** The combination of one window's member forecasts (in {@link #members} order); null if one is missing. */
    public Forecast combine(Forecast[] forecasts) {
        for (Forecast f : forecasts) {
            if (f == null) {
                return null;
            }
        }
        int horizon = forecasts[0].original().length;
        double[] original = new double[horizon];
        double[] scaled = new double[horizon];
        double[] column = new double[forecasts.length];
        for (int s = 0; s < horizon; s++) {
            for (int m = 0; m < forecasts.length; m++) {
                column[m] = forecasts[m].original()[s];
            }
            original[s] = combiner.of(column);
            for (int m = 0; m < forecasts.length; m++) {
                column[m] = forecasts[m].scaled()[s];
            }
            scaled[s] = combiner.of(column);
        }
        double[][] quantiles = combinedQuantiles(forecasts);
        return quantiles == null ? new Forecast(original, scaled, null)
                : new Forecast(original, scaled, null, forecasts[0].levels(), quantiles);
    }

    /**
     * The members' quantiles combined per step and level (an ensemble of quantile networks: the median over members
     * of each step's q-quantile), then each step sorted; null unless every member has quantiles at the same levels
     * (a combination with a baseline has none). The members' quantiles are sorted, and the median and the mean are
     * monotone, so the sort changes nothing in exact arithmetic; it keeps the order whatever rounding does. The
     * combined point forecast stays the combination of the members' point forecasts: with 0.5 among the levels
     * that is the combined 0.5 quantile (the median of the members' 0.5 quantiles); without it, the median of the
     * members' means of their quantiles.
     */
    private double[][] combinedQuantiles(Forecast[] forecasts) {
        double[] levels = forecasts[0].levels();
        for (Forecast f : forecasts) {
            if (f.quantiles() == null || !Arrays.equals(f.levels(), levels)) {
                return null;
            }
        }
        int horizon = forecasts[0].quantiles().length;
        double[][] out = new double[horizon][levels.length];
        double[] column = new double[forecasts.length];
        for (int s = 0; s < horizon; s++) {
            for (int i = 0; i < levels.length; i++) {
                for (int m = 0; m < forecasts.length; m++) {
                    column[m] = forecasts[m].quantiles()[s][i];
                }
                out[s][i] = combiner.of(column);
            }
            Arrays.sort(out[s]);
        }
        return out;
    }
}
