package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.api.RnnForecastModel;
import io.rnnforecast.series.Conformal;
import io.rnnforecast.store.IntervalCalibration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformal intervals through the commands: train calibrates every model on the validation windows (time split:
 * each series' horizon before its test part) and saves calibration.json; the naive baseline's half-widths are
 * the order statistics of its validation errors computed here by hand; the calibration survives load (an
 * unbounded 99% interval too); predict writes the intervals from it; evaluate scores them. Bad settings and a
 * model without a calibration asked for intervals are refused with exit code 2.
 */
class IntervalsIntegrationTest {
    private static final int SERIES = 30;
    private static final int LENGTH = 40;
    private static final int HORIZON = 3;

    @TempDir
    Path dir;

    private static double[] values(int k) {
        Random random = new Random(1000 + k);
        double[] v = new double[LENGTH];
        for (int t = 0; t < LENGTH; t++) {
            v[t] = 10 * (k + 1) + 3 * Math.sin(2 * Math.PI * t / 7) + random.nextGaussian();
        }
        return v;
    }

    private String[] command(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of(name, "--set", "spark.master=local[2]",
                "--set", "catalog.enabled=false", "--set", "output.plots=false", "--set", "workdir=" + dir.toUri(),
                "--set", "data.generator=none", "--set", "data.format=csv",
                "--set", "data.path=" + dir.resolve("series.csv").toUri(),
                "--set", "spark.conf={\"spark.ui.enabled\": false, \"spark.sql.shuffle.partitions\": 4}"));
        for (String e : extra) {
            args.add("--set");
            args.add(e);
        }
        return args.toArray(String[]::new);
    }

    private static final String[] RECIPE = {"window.input=8", "window.horizon=" + HORIZON, "split.mode=time",
            "split.cutoffs=1", "scaling.method=standard", "window.normalization=none", "window.max-per-series=5",
            "model.layers=1", "model.units=4", "train.epochs=1", "train.batch-size-per-worker=8",
            "evaluate.intervals.calibration-horizons=1"};

    /** The scores of two sets of windows as one calibration set. */
    private static double[] pooled(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String[] with(String[] base, String... more) {
        String[] out = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    /** mean |v[t] - v[t - 1]| for t in 1..end-1: the in-sample naive MAE of v[0, end) (integer steps: season 1). */
    private static double naiveMae(double[] v, int end) {
        double sum = 0;
        for (int t = 1; t < end; t++) {
            sum += Math.abs(v[t] - v[t - 1]);
        }
        return sum / (end - 1);
    }

    /** The default interval scale: the naive MAE of v[end - 4 x horizon, end), the 4 horizons before an origin. */
    private static double recentNaiveMae(double[] v, int end) {
        int from = end - 4 * HORIZON;
        double sum = 0;
        for (int t = from + 1; t < end; t++) {
            sum += Math.abs(v[t] - v[t - 1]);
        }
        return sum / (end - from - 1);
    }

    private static double level(Row r, String column, int level) {
        return r.<Integer, Double>getJavaMap(r.fieldIndex(column)).get(level);
    }

    private void writeSeries() throws Exception {
        List<String> csv = new ArrayList<>(List.of("unique_id,ds,y"));
        for (int k = 0; k < SERIES; k++) {
            double[] v = values(k);
            for (int t = 0; t < LENGTH; t++) {
                csv.add("s" + k + "," + t + "," + v[t]);
            }
        }
        Files.write(dir.resolve("series.csv"), csv);
    }

    /** The naive forecast's scores of every series' window with forecast origin {@code end}, at {@code step}. */
    private static double[] naiveScores(int end, int step) {
        double[] scores = new double[SERIES];
        for (int k = 0; k < SERIES; k++) {
            double[] v = values(k);
            scores[k] = Math.abs(v[end + step] - v[end - 1]) / recentNaiveMae(v, end);
        }
        return scores;
    }

    /**
     * A backtest over two cutoffs (origins n - 6 and n - 3; validation at n - 9): the first cutoff's intervals
     * come from the validation windows' errors, the second's from those and the first cutoff's (60 scores: the
     * 80% half-width is the 49th smallest, ceil(61 x 0.8)); with earlier-cutoffs = false both from the
     * validation windows. Checked on the naive forecasts' bounds, by hand.
     */
    @Test
    void laterCutoffsAreCalibratedOnTheEarlierOnesToo() throws Exception {
        writeSeries();
        String[] recipe = with(RECIPE, "split.cutoffs=2");
        assertEquals(0, Main.execute(command("train", with(recipe, "run-id=fit"))));
        assertEquals(0, Main.execute(command("evaluate", "run-id=rolling")));
        assertEquals(0, Main.execute(command("evaluate", "run-id=fixed", "evaluate.intervals.earlier-cutoffs=false")));
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> forecasts = spark.read().parquet(dir.resolve("tables/forecasts").toString())
                .where("unique_id = 's5' AND model = 'naive'");
        double[] v5 = values(5);
        for (int s = 0; s < HORIZON; s++) {
            double[] validation = naiveScores(LENGTH - 3 * HORIZON, s);
            double[] first = naiveScores(LENGTH - 2 * HORIZON, s);
            double[] both = pooled(validation, first);
            double[] sorted = both.clone();
            Arrays.sort(sorted);
            assertEquals(sorted[48], Conformal.halfWidth(both, 80), 0.0);
            double validationOnly = Conformal.halfWidth(validation, 80);
            for (String run : List.of("rolling", "fixed")) {
                // cutoff_step: the last observed step before the origin
                Row earlier = forecasts.where("run_id = '" + run + "' AND step = " + (s + 1) + " AND cutoff_step = "
                        + (LENGTH - 2 * HORIZON - 1)).first();
                assertEquals(v5[LENGTH - 2 * HORIZON - 1] + validationOnly * recentNaiveMae(v5, LENGTH - 2 * HORIZON),
                        level(earlier, "hi", 80), 1e-9, run + " cutoff 1 step " + (s + 1));
                Row later = forecasts.where("run_id = '" + run + "' AND step = " + (s + 1) + " AND cutoff_step = "
                        + (LENGTH - HORIZON - 1)).first();
                double halfWidth = run.equals("rolling") ? Conformal.halfWidth(both, 80) : validationOnly;
                assertEquals(v5[LENGTH - HORIZON - 1] - halfWidth * recentNaiveMae(v5, LENGTH - HORIZON),
                        level(later, "lo", 80), 1e-9, run + " cutoff 2 step " + (s + 1));
            }
        }
    }

    /**
     * calibration-horizons = 2: each series' validation window (origin n - 6) and the one before it (n - 9)
     * calibrate, 60 scores per step, the 80% half-width their 49th smallest; saved with the model and used by
     * predict; an evaluate asking for 1 calibrates again, on the validation windows alone; 0 is refused.
     */
    @Test
    void moreCalibrationHorizonsGiveMoreScoresPerSeries() throws Exception {
        writeSeries();
        assertEquals(0, Main.execute(command("train", with(RECIPE, "run-id=fit",
                "evaluate.intervals.calibration-horizons=2"))));
        SparkTestSession.get();
        IntervalCalibration calibration = RnnForecastModel.load(dir.resolve("model").toUri().toString())
                .trainedModel().calibration();
        assertEquals(2, calibration.horizons());
        IntervalCalibration.Steps naive = calibration.models().get("naive");
        assertEquals(0, Main.execute(command("predict", "run-id=next")));
        assertEquals(0, Main.execute(command("evaluate", "run-id=one", "evaluate.intervals.calibration-horizons=1")));
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> forecasts = spark.read().parquet(dir.resolve("tables/forecasts").toString())
                .where("unique_id = 's5' AND model = 'naive'");
        double[] v5 = values(5);
        for (int s = 0; s < HORIZON; s++) {
            double[] validation = naiveScores(LENGTH - 2 * HORIZON, s);
            double[] both = pooled(validation, naiveScores(LENGTH - 3 * HORIZON, s));
            double[] sorted = both.clone();
            Arrays.sort(sorted);
            assertEquals(2L * SERIES, naive.n()[s]);
            assertEquals(sorted[48], naive.halfWidths().get(80)[s], 1e-12, "80% step " + (s + 1));
            Row future = forecasts.where("run_id = 'next' AND step = " + (s + 1)).first();
            assertEquals(v5[LENGTH - 1] + sorted[48] * recentNaiveMae(v5, LENGTH), level(future, "hi", 80), 1e-9);
            Row test = forecasts.where("run_id = 'one' AND step = " + (s + 1)).first();
            assertEquals(v5[LENGTH - HORIZON - 1] - Conformal.halfWidth(validation, 80)
                    * recentNaiveMae(v5, LENGTH - HORIZON), level(test, "lo", 80), 1e-9, "evaluate, step " + (s + 1));
        }
        Refused.assertRefused("evaluate.intervals.calibration-horizons", command("evaluate", "run-id=refused",
                "evaluate.intervals.calibration-horizons=0"));
    }

    @Test
    void trainCalibratesEveryModelPredictAndEvaluateWriteAndScoreTheIntervals() throws Exception {
        writeSeries();

        // refused before any data is read: levels outside (0, 100), twice, an unknown method, no validation part
        Refused.assertRefused("evaluate.intervals.levels", command("train", with(RECIPE,
                "evaluate.intervals.levels=[0, 95]")));
        Refused.assertRefused("evaluate.intervals.levels", command("train", with(RECIPE,
                "evaluate.intervals.levels=[80, 100]")));
        Refused.assertRefused("names a level twice", command("train", with(RECIPE,
                "evaluate.intervals.levels=[80, 95, 80]")));
        Refused.assertRefused("evaluate.intervals.method", command("train", with(RECIPE,
                "evaluate.intervals.method=bootstrap")));
        Refused.assertRefused("needs a validation part", command("train", "split.mode=series", "split.validation=0",
                "evaluate.intervals.levels=[80, 95]"));

        assertEquals(0, Main.execute(command("train", with(RECIPE, "run-id=fit",
                "evaluate.intervals.levels=[80, 95, 99]"))));
        assertTrue(Files.exists(dir.resolve("model/calibration.json")));
        // each command stops its session: the test's own one is taken afresh after each
        SparkTestSession.get();
        IntervalCalibration calibration = RnnForecastModel.load(dir.resolve("model").toUri().toString())
                .trainedModel().calibration();
        assertEquals(List.of(80, 95, 99), calibration.levels());
        assertEquals(List.of(), calibration.missing(List.of("lstm-1x4", "naive", "seasonal_naive", "linear")));
        // integer steps have season 1: seasonal naive forecasts nothing, calibrated without a score
        assertEquals(List.of("seasonal_naive"), calibration.unscored());

        // naive by hand: each series' validation window ends where its last 2 horizons start (n - 6); its
        // forecast is v[n - 7]; the score divides by the naive MAE of the 4 horizons before that origin
        IntervalCalibration.Steps naive = calibration.models().get("naive");
        // with evaluate.intervals.scale-horizons = 0: the naive MAE of everything before the test part (n - 3)
        double[] wholeScaleHalfWidth80 = new double[HORIZON];
        for (int s = 0; s < HORIZON; s++) {
            double[] scores = new double[SERIES];
            double[] wholeScaleScores = new double[SERIES];
            for (int k = 0; k < SERIES; k++) {
                double[] v = values(k);
                double error = Math.abs(v[LENGTH - 2 * HORIZON + s] - v[LENGTH - 2 * HORIZON - 1]);
                scores[k] = error / recentNaiveMae(v, LENGTH - 2 * HORIZON);
                wholeScaleScores[k] = error / naiveMae(v, LENGTH - HORIZON);
            }
            Arrays.sort(wholeScaleScores);
            wholeScaleHalfWidth80[s] = wholeScaleScores[24];
            assertEquals(SERIES, naive.n()[s]);
            double[] sorted = scores.clone();
            Arrays.sort(sorted);
            // n = 30: 80% -> the 25th smallest (ceil(31 * 0.8)), 95% -> the 30th, 99% -> rank 31 > n: unbounded
            assertEquals(sorted[24], naive.halfWidths().get(80)[s], 1e-12, "80% step " + (s + 1));
            assertEquals(sorted[29], naive.halfWidths().get(95)[s], 1e-12, "95% step " + (s + 1));
            assertEquals(Conformal.halfWidth(scores, 80), naive.halfWidths().get(80)[s], 1e-12);
            assertEquals(Double.POSITIVE_INFINITY, naive.halfWidths().get(99)[s]);
        }

        // predict: the future intervals from the saved calibration, scaled by each series' last 4 horizons' naive MAE
        assertEquals(0, Main.execute(command("predict", "run-id=next")));
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> forecasts = spark.read().parquet(dir.resolve("tables/forecasts").toString())
                .where("run_id = 'next'");
        assertEquals(0L, forecasts.where("lo IS NULL OR hi IS NULL").count());
        double[] v5 = values(5);
        List<Row> naive5 = forecasts.where("unique_id = 's5' AND model = 'naive'").orderBy("step").collectAsList();
        for (int s = 0; s < HORIZON; s++) {
            Row r = naive5.get(s);
            double scale = recentNaiveMae(v5, LENGTH);
            assertEquals(v5[LENGTH - 1], r.<Double>getAs("y_hat"), 0.0);
            assertEquals(v5[LENGTH - 1] - naive.halfWidths().get(80)[s] * scale, level(r, "lo", 80), 1e-9);
            assertEquals(v5[LENGTH - 1] + naive.halfWidths().get(95)[s] * scale, level(r, "hi", 95), 1e-9);
            assertEquals(Double.NEGATIVE_INFINITY, level(r, "lo", 99));
        }
        Row network = forecasts.where("unique_id = 's5' AND model = 'lstm-1x4' AND step = 2").first();
        assertTrue(level(network, "lo", 80) < network.<Double>getAs("y_hat")
                && network.<Double>getAs("y_hat") < level(network, "hi", 80));
        assertTrue(level(network, "lo", 95) <= level(network, "lo", 80));

        // evaluate: every model's test points scored at every level (the model's own levels)
        assertEquals(0, Main.execute(command("evaluate", "run-id=eval")));
        spark = SparkTestSession.get();
        List<Row> summary = spark.read().parquet(dir.resolve("tables/summary").toString())
                .where("run_id = 'eval'").collectAsList();
        assertEquals(3, summary.size());
        for (Row r : summary) {
            for (int l : List.of(80, 95)) {
                double coverage = level(r, "coverage", l);
                assertTrue(coverage >= 0 && coverage <= 1, r.toString());
                assertTrue(level(r, "msis", l) > 0 && level(r, "interval_width", l) > 0, r.toString());
            }
            assertEquals(1.0, level(r, "coverage", 99), 0.0, "an unbounded interval covers everything");
        }
        Row naiveSummary = summary.stream().filter(r -> r.getAs("model").equals("naive")).findFirst().orElseThrow();
        // 30 series x 3 steps: at least 70% covered by the 95% intervals, or something is off
        assertTrue(level(naiveSummary, "coverage", 95) >= 0.7, naiveSummary.toString());

        // a baseline the model was not calibrated for (theta, added at evaluate time): calibrated on the evaluated
        // data's validation windows; the others keep the saved calibration (the same intervals as before)
        assertEquals(0, Main.execute(command("evaluate", "run-id=eval-theta",
                "evaluate.baselines=[naive, seasonal_naive, linear, theta]", "evaluate.combine-with=[theta]")));
        spark = SparkTestSession.get();
        Dataset<Row> summaries = spark.read().parquet(dir.resolve("tables/summary").toString());
        Row theta = summaries.where("run_id = 'eval-theta' AND model = 'theta'").first();
        assertTrue(level(theta, "coverage", 80) > 0 && level(theta, "msis", 95) > 0, theta.toString());
        Dataset<Row> all = spark.read().parquet(dir.resolve("tables/forecasts").toString());
        assertEquals(0L, all.where("run_id = 'eval-theta' AND model = 'theta' AND lo IS NULL").count());
        // evaluate.combine-with given to evaluate reaches the loaded model: the mean of the network and theta
        Map<String, Double> step2 = new HashMap<>();
        for (Row r : all.where("run_id = 'eval-theta' AND unique_id = 's5' AND step = 2").collectAsList()) {
            step2.put(r.getAs("model"), r.getAs("y_hat"));
        }
        assertEquals((step2.get("lstm-1x4") + step2.get("theta")) / 2, step2.get("lstm-1x4+theta"), 1e-9,
                step2.toString());
        for (String model : List.of("naive", "linear", "lstm-1x4")) {
            assertEquals(level(summaries.where("run_id = 'eval' AND model = '" + model + "'").first(), "msis", 95),
                    level(summaries.where("run_id = 'eval-theta' AND model = '" + model + "'").first(), "msis", 95),
                    1e-9 * level(summaries.where("run_id = 'eval' AND model = '" + model + "'").first(), "msis", 95),
                    model);
        }

        // another scale span at evaluate time: calibrated again (the saved one spans 12 steps); with 0 the scale
        // is the whole in-sample naive MAE, for the validation windows as for the test ones
        assertEquals(0, Main.execute(command("evaluate", "run-id=eval-whole", "evaluate.intervals.scale-horizons=0")));
        spark = SparkTestSession.get();
        Row whole = spark.read().parquet(dir.resolve("tables/forecasts").toString())
                .where("run_id = 'eval-whole' AND unique_id = 's5' AND model = 'naive' AND step = 2").first();
        assertEquals(whole.<Double>getAs("y_hat") - wholeScaleHalfWidth80[1] * naiveMae(v5, LENGTH - HORIZON),
                level(whole, "lo", 80), 1e-9);
        Refused.assertRefused("evaluate.intervals.scale-horizons", command("evaluate", "run-id=refused",
                "evaluate.intervals.scale-horizons=-1"));

        // a model without a calibration asked for intervals (its own levels, or others): refused; off: none
        Files.delete(dir.resolve("model/calibration.json"));
        Refused.assertRefused("saved without a calibration", command("predict", "run-id=refused"));
        Refused.assertRefused("saved without a calibration", command("predict", "run-id=refused",
                "evaluate.intervals.levels=[80]"));
        assertEquals(0, Main.execute(command("predict", "run-id=without", "evaluate.intervals.method=none")));
        spark = SparkTestSession.get();
        Dataset<Row> without = spark.read().parquet(dir.resolve("tables/forecasts").toString())
                .where("run_id = 'without'");
        assertTrue(without.count() > 0);
        assertEquals(without.count(), without.where("lo IS NULL AND hi IS NULL").count());
    }
}
