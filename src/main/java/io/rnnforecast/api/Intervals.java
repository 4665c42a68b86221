package io.rnnforecast.api;

import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.eval.ConformalCalibration;
import io.rnnforecast.eval.ForecastRows;
import io.rnnforecast.eval.IntervalSpec;
import io.rnnforecast.eval.PredictionIntervals;
import io.rnnforecast.eval.RollingCalibration;
import io.rnnforecast.eval.WindowForecaster;
import io.rnnforecast.store.IntervalCalibration;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.Window;
import io.rnnforecast.windowrdd.WindowedSeries;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Where a model's prediction intervals come from, and what happens when they cannot be had. {@code fit} calibrates
 * every forecaster of the model (network, baselines, combinations) on the validation windows and saves the result
 * with the model; {@code evaluate} uses it and calibrates the forecasters it lacks (a baseline added to
 * evaluate.baselines after training, a model saved before intervals) on the evaluated data's own validation
 * windows, cut by the model's split; {@code predict}/{@code transform} have no actual values to calibrate on and
 * use only the saved calibration. When intervals cannot be had, evaluate.intervals set by the user is a
 * ConfigProblem (exit 2) naming it; the bundled default logs a warning and writes null interval maps.
 */
final class Intervals {
    private static final Logger LOG = LoggerFactory.getLogger(Intervals.class);

    private Intervals() {
    }

    /**
     * The calibration of {@code models} on the validation windows of {@code windows}, their interval scale over
     * {@code scaleSteps} values before each origin, or null when there are no windows.
     */
    static IntervalCalibration calibrate(SparkSession spark, List<WindowForecaster> models, int horizon,
                                         WindowedSeries windows, IntervalSpec spec, int scaleSteps) {
        long start = System.nanoTime();
        int horizons = windows.calibrationHorizons(spec.calibrationHorizons());
        IntervalCalibration calibration = ConformalCalibration.of(spark, models, horizon,
                windows.calibrationWindows(horizons), spec.levels(), scaleSteps, horizons);
        LOG.info(String.format("calibrated the %s%% intervals of %d models on the validation windows%s in %.1f s",
                spec.levels(), calibration.models().size(), horizons == 1 ? ""
                        : " and the " + (horizons - 1) + " horizons before each", (System.nanoTime() - start) / 1e9));
        if (calibration.models().isEmpty()) {
            unavailable(spec, "there are no validation windows to calibrate them on (split.mode = time: no series"
                    + " is long enough for a training window before its validation horizon; series: no validation"
                    + " series)");
            return null;
        }
        return calibration;
    }

    /**
     * Every model's prediction rows of the test windows (and the future ones, with {@code future}) with the
     * intervals of {@code calibration} at {@code levels} (none: null maps). With several cutoffs of a time split
     * ({@link IntervalSpec#rollsOver}) the later test cutoffs are calibrated on the earlier ones and the validation
     * windows ({@link RollingCalibration}), the future windows, like predict's, on the calibration alone. What it
     * caches for that is added to {@code cached}, for the caller to free.
     */
    static Dataset<Row> predictions(SparkSession spark, List<WindowForecaster> models, int horizon,
                                    WindowedSeries windows, boolean future, IntervalCalibration calibration,
                                    List<Integer> levels, SplitSpec split, IntervalSpec spec,
                                    List<Dataset<Row>> cached) {
        int scaleSteps = scaleSteps(calibration);
        JavaRDD<Window> test = windows.windows(Split.TEST);
        if (calibration == null || levels.isEmpty() || !spec.rollsOver(split)) {
            return PredictionIntervals.attach(spark, ForecastRows.predictions(spark, models, horizon,
                    future ? test.union(windows.futureWindows()) : test, scaleSteps), calibration, levels);
        }
        long start = System.nanoTime();
        Dataset<Row> numbered = RollingCalibration.numbered(ForecastRows.predictions(spark, models, horizon, test,
                scaleSteps)).persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(numbered);
        Dataset<Row> rows = RollingCalibration.attach(spark, numbered, ForecastRows.predictions(spark, models,
                horizon, windows.calibrationWindows(calibration.horizons()), scaleSteps), calibration, levels,
                horizon, split.cutoffs());
        LOG.info(String.format("calibrated the intervals of test cutoffs 2..%d on the validation windows and the"
                + " cutoffs before each (%s = true) in %.1f s", split.cutoffs(), IntervalSpec.EARLIER_CUTOFFS,
                (System.nanoTime() - start) / 1e9));
        return future ? rows.union(PredictionIntervals.attach(spark, ForecastRows.predictions(spark, models,
                horizon, windows.futureWindows(), scaleSteps), calibration, levels)) : rows;
    }

    /** The span of the interval scale of rows given {@code calibration}'s intervals (any, without intervals). */
    static int scaleSteps(IntervalCalibration calibration) {
        return calibration == null ? 0 : calibration.scaleSteps();
    }

    /**
     * Whether the saved {@code calibration} was made on the windows per series the spec asks for and its interval
     * scale spans the {@code scaleSteps} it asks for (a model saved before the span existed has 0, the whole
     * in-sample part; before calibration-horizons, 1); logged when not, as it is then made again.
     */
    static boolean sameCalibration(IntervalCalibration calibration, IntervalSpec spec, WindowedSeries windows,
                                   int scaleSteps) {
        int horizons = windows.calibrationHorizons(spec.calibrationHorizons());
        if (calibration.horizons() != horizons) {
            LOG.info("the saved calibration was made on {} windows per series, {} = {}: calibrating again",
                    calibration.horizons(), IntervalSpec.CALIBRATION_HORIZONS, spec.calibrationHorizons());
            return false;
        }
        if (calibration.scaleSteps() == scaleSteps) {
            return true;
        }
        LOG.info("the saved calibration's interval scale spans {} steps, {} = {} asks for {}: calibrating again",
                calibration.scaleSteps(), IntervalSpec.SCALE_HORIZONS, spec.scaleHorizons(), scaleSteps);
        return false;
    }

    /** The saved {@code calibration}, checked to cover {@code models} at the spec's levels (null: no intervals). */
    static IntervalCalibration saved(IntervalCalibration calibration, List<String> models, IntervalSpec spec,
                                     String where) {
        if (calibration == null || !calibration.hasLevels(spec.levels())) {
            unavailable(spec, "the model" + where + " was saved " + (calibration == null ? "without a calibration"
                    : "calibrated at levels " + calibration.levels()) + ": train it with " + IntervalSpec.LEVELS
                    + " = " + spec.levels());
            return null;
        }
        warnMissing(calibration, models, spec);
        return calibration;
    }

    /**
     * Says which of {@code models} have no calibration: no forecast of theirs on any validation window (seasonal
     * naive on series without a season has none anywhere). Logged, not an error, even when intervals were asked
     * for: such a model mostly has no rows to give intervals to; rows it has get null interval maps.
     */
    static void warnMissing(IntervalCalibration calibration, List<String> models, IntervalSpec spec) {
        List<String> missing = calibration.withoutIntervals(models);
        if (!missing.isEmpty()) {
            LOG.info("no {}% interval calibration for {}: no forecast of theirs on a validation window; their"
                    + " forecasts (if any) have null lo/hi", spec.levels(), missing);
        }
    }

    private static void unavailable(IntervalSpec spec, String why) {
        if (spec.requested()) {
            throw new ConfigProblem(IntervalSpec.LEVELS + " = " + spec.levels() + " asks for prediction intervals,"
                    + " but " + why + "; or set " + IntervalSpec.LEVELS + " = []");
        }
        LOG.warn("no prediction intervals ({} = {} by default): {}; their lo/hi and interval metrics are null",
                IntervalSpec.LEVELS, spec.levels(), why);
    }
}
