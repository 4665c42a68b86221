package io.rnnforecast.eval;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.series.Conformal;
import io.rnnforecast.store.IntervalCalibration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Split conformal intervals against hand computations: the half-width is the finite-sample corrected order
 * statistic of hand-made scores (taken on the executors), M4's MSIS of one series as its R code defines it, and the
 * coverage on Gaussian errors, whose true quantiles are known, within a tolerance from the sample sizes.
 */
class ConformalTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** A scored prediction row: y_hat, y and the window's interval scale (= its MASE scale here). */
    private static Row row(String model, String id, int step, Double y, double yHat, double scale) {
        return RowFactory.create(model, id, 10, true, step, y, yHat, y, yHat, 9L, 9L + step, scale, null, null,
                scale, null);
    }

    /** The value at {@code level} of the level map in column {@code column}. */
    private static double level(Row r, String column, int level) {
        return r.<Integer, Double>getJavaMap(r.fieldIndex(column)).get(level);
    }

    private static Dataset<Row> frame(List<Row> rows) {
        return SparkTestSession.get().createDataFrame(rows, Prediction.SCHEMA);
    }

    @Test
    void theHalfWidthIsTheCeilNPlusOneLevelthSmallestScore() {
        // k = ceil((n + 1) L / 100): n = 9 -> 80%: ceil(8) = 8, 50%: ceil(5) = 5, 95%: ceil(9.5) = 10 > n
        assertEquals(8, Conformal.rank(9, 80));
        assertEquals(5, Conformal.rank(9, 50));
        assertEquals(10, Conformal.rank(9, 95));
        assertEquals(19, Conformal.rank(19, 95));
        assertEquals(951, Conformal.rank(1000, 95));       // ceil(950.95)
        double[] scores = {1.5, 0.5, 4, 0.25, 3, 1, 1, 5, 2};   // sorted: .25 .5 1 1 1.5 2 3 4 5
        assertEquals(4.0, Conformal.halfWidth(scores, 80));
        assertEquals(1.5, Conformal.halfWidth(scores, 50));
        assertEquals(INF, Conformal.halfWidth(scores, 95));  // no finite score guarantees 95% with 9
    }

    @Test
    void calibrationOnTheExecutorsIsTheExactOrderStatisticPerModelAndStep() {
        List<Row> rows = new ArrayList<>();
        // model m, step 1: y_hat 0, scale 2, so the scores are |y| / 2 = the 9 scores above
        double[] y1 = {3, -1, 8, 0.5, -6, 2, 2, 10, -4};
        for (int i = 0; i < y1.length; i++) {
            rows.add(row("m", "s" + i, 1, y1[i], 0, 2));
        }
        // model m, step 2: scores 1..19, each from another scale and sign: |y - y_hat| / scale = j
        for (int j = 1; j <= 19; j++) {
            double scale = 0.5 + j % 4;
            rows.add(row("m", "s" + j, 2, 100 + (j % 2 == 0 ? 1 : -1) * j * scale, 100, scale));
        }
        // model b: 3 scores a step (4, 1, 2 on step 1; 0, 0, 7 on step 2), and a future row (y null), not scored
        rows.add(row("b", "x", 1, 4.0, 0, 1));
        rows.add(row("b", "y", 1, -1.0, 0, 1));
        rows.add(row("b", "z", 1, 2.0, 0, 1));
        rows.add(row("b", "x", 2, 5.0, 5, 1));
        rows.add(row("b", "y", 2, 5.0, 5, 1));
        rows.add(row("b", "z", 2, 12.0, 5, 1));
        rows.add(row("b", "w", 1, null, 0, 1));
        IntervalCalibration c = ConformalCalibration.fromPredictions(frame(rows), 2, List.of(50, 80, 95), 0);

        IntervalCalibration.Steps m = c.models().get("m");
        assertArrayEquals(new long[] {9, 19}, m.n());
        // step 2, n = 19: 50% -> rank 10, 80% -> rank 16, 95% -> rank 19 (the largest)
        assertArrayEquals(new double[] {1.5, 10}, m.halfWidths().get(50), 1e-12);
        assertArrayEquals(new double[] {4, 16}, m.halfWidths().get(80), 1e-12);
        assertArrayEquals(new double[] {INF, 19}, m.halfWidths().get(95), 1e-12);
        IntervalCalibration.Steps b = c.models().get("b");
        assertArrayEquals(new long[] {3, 3}, b.n());
        // n = 3: 50% -> rank ceil(2) = 2: step 1 sorted 1 2 4 -> 2, step 2 sorted 0 0 7 -> 0; 80%: rank 4 > 3
        assertArrayEquals(new double[] {2, 0}, b.halfWidths().get(50), 1e-12);
        assertArrayEquals(new double[] {INF, INF}, b.halfWidths().get(80));
    }

    /**
     * M4's MSIS (its R code): masep = mean(abs(diff(insample, lag = frequency))); b = (U - L) + (2 / a)(L - y)(y < L)
     * + (2 / a)(y - U)(y > U); MSIS = mean(b) / masep, a = 1 - level / 100.
     */
    private static double m4Msis(double[] y, double[] lower, double[] upper, double[] insample, int frequency,
                                 double a) {
        double sum = 0;
        for (int t = 0; t < y.length; t++) {
            sum += (upper[t] - lower[t]) + (2 / a) * (lower[t] - y[t]) * (y[t] < lower[t] ? 1 : 0)
                    + (2 / a) * (y[t] - upper[t]) * (y[t] > upper[t] ? 1 : 0);
        }
        return sum / y.length / masep(insample, frequency);
    }

    private static double masep(double[] insample, int frequency) {
        double sum = 0;
        for (int t = frequency; t < insample.length; t++) {
            sum += Math.abs(insample[t] - insample[t - frequency]);
        }
        return sum / (insample.length - frequency);
    }

    @Test
    void intervalsCoverageWidthAndMsisOfOneSeriesAreM4s() {
        double[] insample = {10, 12, 11, 14, 13, 15};
        double scale = masep(insample, 1);                    // 9 / 5 = 1.8, the series' in-sample naive MAE
        double[] y = {16, 12, 19, 15.5};
        double yHat = 15;                                     // the naive forecast
        Map<Integer, double[]> halfWidths = Map.of(80, new double[] {0.5, 1, 1.5, 2}, 95, new double[] {1, 2, 3, 4});
        IntervalCalibration calibration = new IntervalCalibration(List.of(80, 95),
                Map.of("naive", new IntervalCalibration.Steps(new long[] {99, 99, 99, 99}, halfWidths)), List.of(), 0);
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < y.length; s++) {
            rows.add(row("naive", "s", s + 1, y[s], yHat, scale));
        }
        SparkSession spark = SparkTestSession.get();
        List<Integer> levels = List.of(80, 95);
        Dataset<Row> predictions = PredictionIntervals.attach(spark, frame(rows), calibration, levels);
        Dataset<Row> metrics = EvaluationTables.seriesMetrics(predictions, "r", "toy", levels);
        Row all = metrics.where("step = 0").first();
        Row summary = EvaluationTables.summary(predictions, metrics, "r", "toy", "test", levels).first();
        List<Row> forecasts = EvaluationTables.forecasts(predictions, "r", false).orderBy("step").collectAsList();
        for (int level : levels) {
            double[] lo = new double[4];
            double[] hi = new double[4];
            int inside = 0;
            double width = 0;
            for (int s = 0; s < 4; s++) {
                lo[s] = yHat - halfWidths.get(level)[s] * scale;
                hi[s] = yHat + halfWidths.get(level)[s] * scale;
                inside += y[s] >= lo[s] && y[s] <= hi[s] ? 1 : 0;
                width += (hi[s] - lo[s]) / scale / 4;
                assertEquals(lo[s], level(forecasts.get(s), "lo", level), 1e-12);
                assertEquals(hi[s], level(forecasts.get(s), "hi", level), 1e-12);
            }
            double msis = m4Msis(y, lo, hi, insample, 1, 1 - level / 100.0);
            assertEquals(msis, level(all, "msis", level), 1e-12);
            assertEquals(msis, level(summary, "msis", level), 1e-12);
            assertEquals(inside / 4.0, level(all, "coverage", level), 1e-12);
            assertEquals(inside / 4.0, level(summary, "coverage", level),
                    1e-12);
            assertEquals(width, level(all, "interval_width", level), 1e-12);
        }
        // by hand at 95%: lo = 13.2 12.4 9.6 7.8, hi = 16.8 17.6 20.4 22.2: all inside; b = widths 3.6 7.2 10.8 14.4
        assertEquals((3.6 + 7.2 + 10.8 + 14.4) / 4 / 1.8, level(all, "msis", 95), 1e-12);
        // at 80%: lo = 14.1 13.2 12.3 11.4, hi = 15.9 16.8 17.7 18.6: y = 16 above by 0.1, y = 12 below by 1.2,
        // y = 19 above by 1.3; b = 1.8 + 10 * 0.1, 3.6 + 10 * 1.2, 5.4 + 10 * 1.3, 7.2
        assertEquals((2.8 + 15.6 + 18.4 + 7.2) / 4 / 1.8, level(all, "msis", 80), 1e-12);
    }

    @Test
    void coverageOnGaussianErrorsIsNominalAndHalfWidthsAreTheTrueQuantiles() {
        // errors N(0, sigma^2) with the interval scale sigma: the scores are |Z|, whose 80% and 95% quantiles are
        // z = 1.2816 and 1.9600; n calibration points, m test points, one step
        int n = 2000;
        int m = 20000;
        double sigma = 3;
        Random random = new Random(19);
        List<Row> calibrationRows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calibrationRows.add(row("gauss", "c" + i, 1, 50 + sigma * random.nextGaussian(), 50, sigma));
        }
        List<Row> testRows = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            testRows.add(row("gauss", "t" + i, 1, 50 + sigma * random.nextGaussian(), 50, sigma));
        }
        List<Integer> levels = List.of(80, 95);
        IntervalCalibration c = ConformalCalibration.fromPredictions(frame(calibrationRows), 1, levels, 0);
        Dataset<Row> test = PredictionIntervals.attach(SparkTestSession.get(), frame(testRows), c, levels);
        Row summary = EvaluationTables.summary(test, "r", "gauss", "test").first();
        Dataset<Row> metrics = EvaluationTables.seriesMetrics(test, "r", "gauss", levels);
        Row pooled = EvaluationTables.summary(test, metrics, "r", "gauss", "test", levels).first();
        assertEquals((long) m, summary.<Long>getAs("n_points"));
        Map<Integer, Double> z = Map.of(80, 1.2815516, 95, 1.9599640);
        for (int level : levels) {
            double p = level / 100.0;
            // the half-width is an order statistic of n |Z|: sd ~ sqrt(p (1 - p) / n) / f(z), f the density of |Z|
            double density = 2 * Math.exp(-z.get(level) * z.get(level) / 2) / Math.sqrt(2 * Math.PI);
            double quantileSd = Math.sqrt(p * (1 - p) / n) / density;
            double q = c.models().get("gauss").halfWidths().get(level)[0];
            assertEquals(z.get(level), q, 4 * quantileSd, "half-width at " + level);
            // coverage over m test points given the calibration, and the calibration's own spread (Beta with
            // variance ~ p (1 - p) / n): 4 standard deviations of both
            double coverageSd = Math.sqrt(p * (1 - p) * (1.0 / m + 1.0 / n));
            double coverage = level(pooled, "coverage", level);
            assertEquals(p, coverage, 4 * coverageSd, "coverage at " + level);
            assertTrue(4 * coverageSd < 0.04, "a tolerance that tests something: " + 4 * coverageSd);
        }
    }
}
