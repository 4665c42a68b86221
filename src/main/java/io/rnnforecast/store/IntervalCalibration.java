package io.rnnforecast.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conformal calibration of a trained model's forecasters (saved as calibration.json in the model directory):
 * for each model name (network, ensemble members, baselines, combinations) and horizon step, the number of
 * validation scores n and, per level (percent), the half-width in units of the window's interval scale
 * ({@code Window#intervalScale}): the ceil((n + 1) L / 100)-th smallest score ({@code series.Conformal}),
 * +infinity where n is too small for the level. A forecast's interval is y_hat -/+ halfWidth * its scale.
 * {@code unscored}: the models calibrated that had no forecast on any validation window (seasonal naive without a
 * season), so they have no calibration but need no second try either. {@code scaleSteps}: the span of the
 * window's interval scale, in steps before the forecast origin (0: the series' whole in-sample part, as every
 * calibration.json saved before the span existed reads), which every forecast given these intervals uses too.
 * {@code horizons}: how many windows per series it was calibrated on with split.mode = time (the validation window
 * and the horizons - 1 before it; 1 for files saved before the setting existed).
 */
public record IntervalCalibration(List<Integer> levels, Map<String, Steps> models, List<String> unscored,
                                  int scaleSteps, int horizons) {
    /** A model's calibration: {@code n[step - 1]} scores and {@code halfWidths.get(level)[step - 1]}. */
    public record Steps(long[] n, Map<Integer, double[]> halfWidths) {
        public Steps {
            halfWidths = Map.copyOf(new TreeMap<>(halfWidths));
        }
    }

    public IntervalCalibration {
        levels = List.copyOf(levels);
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        unscored = unscored == null ? List.of() : List.copyOf(unscored);
        horizons = Math.max(1, horizons);
    }

    /** Calibrated on the validation windows alone (one per series with split.mode = time). */
    public IntervalCalibration(List<Integer> levels, Map<String, Steps> models, List<String> unscored,
                               int scaleSteps) {
        this(levels, models, unscored, scaleSteps, 1);
    }

    /** Whether every one of {@code wanted} levels is calibrated. */
    public boolean hasLevels(List<Integer> wanted) {
        return levels.containsAll(wanted);
    }

    /** The models of {@code names} not calibrated here (neither with scores nor found without). */
    public List<String> missing(List<String> names) {
        return names.stream().filter(n -> !models.containsKey(n) && !unscored.contains(n)).toList();
    }

    /** The models of {@code names} that have no half-widths here (their intervals are null). */
    public List<String> withoutIntervals(List<String> names) {
        return names.stream().filter(n -> !models.containsKey(n)).toList();
    }

    /** This calibration with {@code other}'s models added, or put in the place of this one's (at these levels). */
    public IntervalCalibration with(IntervalCalibration other) {
        if (!other.hasLevels(levels)) {
            throw new IllegalArgumentException("a calibration at levels " + other.levels + " lacks some of " + levels);
        }
        Map<String, Steps> all = new LinkedHashMap<>(models);
        all.putAll(other.models);
        java.util.Set<String> none = new java.util.TreeSet<>(unscored);
        none.addAll(other.unscored);
        none.removeAll(all.keySet());
        if (other.scaleSteps != scaleSteps) {
            throw new IllegalArgumentException("a calibration with the interval scale over " + other.scaleSteps
                    + " steps cannot join one over " + scaleSteps);
        }
        if (other.horizons != horizons) {
            throw new IllegalArgumentException("a calibration on " + other.horizons + " windows per series cannot"
                    + " join one on " + horizons);
        }
        return new IntervalCalibration(levels, all, List.copyOf(none), scaleSteps, horizons);
    }
}
