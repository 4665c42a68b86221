package io.rnnforecast.eval;

import io.rnnforecast.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationTablesTest {

    /**
     * Model m, horizon 2. Series a: one window (last), y = (1, 2), y_hat = (2, 0) -> e = (1, -2).
     * Series b: an earlier window y = (0, 0), y_hat = (0.5, 0.5) -> e = (0.5, 0.5); its last window y = (3, 3),
     * y_hat = (3, 6) -> e = (0, 3).
     */
    /** A prediction row whose scaled axis halves the original: y_scaled = y / 2. */
    private static Row row(String model, String id, int end, boolean last, int step, double y, double yHat) {
        return RowFactory.create(model, id, end, last, step, y, yHat, y / 2, yHat / 2, (long) end - 1,
                (long) end + step - 1, null, null, null, 1.0, null);
    }

    private static Dataset<Row> predictions() {
        List<Row> rows = List.of(
                row("m", "a", 10, true, 1, 1.0, 2.0),
                row("m", "a", 10, true, 2, 2.0, 0.0),
                row("m", "b", 5, false, 1, 0.0, 0.5),
                row("m", "b", 5, false, 2, 0.0, 0.5),
                row("m", "b", 7, true, 1, 3.0, 3.0),
                row("m", "b", 7, true, 2, 3.0, 6.0));
        return SparkTestSession.get().createDataFrame(rows, Prediction.SCHEMA);
    }

    private static Row metric(Dataset<Row> table, String id, int step) {
        return table.where("unique_id = '" + id + "' AND step = " + step).first();
    }

    @Test
    void seriesMetricsPerStepAndOverAllSteps() {
        Dataset<Row> m = EvaluationTables.seriesMetrics(predictions(), "r1", "toy");
        assertEquals(List.of("run_id", "model", "dataset", "unique_id", "step", "mae", "mse", "rmse", "mae_scaled",
                "mse_scaled", "rmse_scaled", "n", "smape", "skill", "skill_seasonal", "mase", "rmsse", "coverage",
                "interval_width", "msis", "pinball", "pinball_mean", "crps"),
                List.of(m.columns()));
        assertEquals(6, m.count());
        Row a0 = metric(m, "a", 0);
        assertEquals(1.5, a0.getDouble(5), 1e-12);
        assertEquals(2.5, a0.getDouble(6), 1e-12);
        assertEquals(Math.sqrt(2.5), a0.getDouble(7), 1e-12);
        assertEquals(0.75, a0.getDouble(8), 1e-12);          // scaled errors are half: 0.5, -1
        assertEquals(0.625, a0.getDouble(9), 1e-12);
        assertEquals(2L, a0.getLong(11));
        Row b2 = metric(m, "b", 2);          // e = 0.5, 3
        assertEquals(1.75, b2.getDouble(5), 1e-12);
        assertEquals((0.25 + 9) / 2, b2.getDouble(6), 1e-12);
        Row b0 = metric(m, "b", 0);          // e = 0.5, 0.5, 0, 3
        assertEquals(4.0 / 4, b0.getDouble(5), 1e-12);
        assertEquals(9.5 / 4, b0.getDouble(6), 1e-12);
        assertEquals(4L, b0.getLong(11));
        assertEquals("r1", b0.getString(0));
        assertEquals("toy", b0.getString(2));
    }

    @Test
    void summaryColumns() {
        Row s = EvaluationTables.summary(predictions(), "r1", "toy", "test").first();
        assertEquals(List.of("run_id", "model", "dataset", "split", "mae", "mse", "rmse", "mae_scaled", "mse_scaled",
                "rmse_scaled", "n_series", "n_points", "last_time_step_mse", "all_steps_mse", "smape",
                "smape_median_series", "beats_naive_share", "beats_seasonal_naive_share", "mase_mean", "mase_median",
                "coverage", "interval_width", "msis", "pinball", "pinball_mean", "crps"),
                List.of(s.schema().fieldNames()));
        // all e: 1, -2, 0.5, 0.5, 0, 3 -> mae = 7/6, mse = (1+4+0.25+0.25+0+9)/6
        assertEquals(7.0 / 6, s.getDouble(4), 1e-12);
        assertEquals(14.5 / 6, s.getDouble(5), 1e-12);
        assertEquals(Math.sqrt(14.5 / 6), s.getDouble(6), 1e-12);
        assertEquals(14.5 / 6 / 4, s.getDouble(8), 1e-12);
        assertEquals(2L, s.getLong(10));
        assertEquals(6L, s.getLong(11));
        // a model with one output vector (no all-steps errors): its mse is already the last step's; no Géron columns
        assertTrue(s.isNullAt(12));
        assertTrue(s.isNullAt(13));
    }

    /**
     * A seq2seq model s2s carries, per forecast row, the mean over input steps of that horizon step's squared
     * error: last_time_step_mse is the MSE of its forecasts (its last step's vectors) over every window, not only
     * each series' last one, and all_steps_mse the mean of the carried all-steps errors.
     */
    @Test
    void lastTimeStepAndAllStepsMseForPerStepModels() {
        List<Row> rows = new java.util.ArrayList<>(predictions().collectAsList());
        double[][] errors = {{1, -2, 0.5}, {0.5, 0, 3}};
        double[] allSteps = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        for (int i = 0; i < 6; i++) {
            Row r = rows.get(i);
            double y = r.getDouble(5);
            rows.add(RowFactory.create("s2s", r.getString(1), r.getInt(2), r.getBoolean(3), r.getInt(4), y,
                    y + errors[i % 2][i / 2], y / 2, (y + errors[i % 2][i / 2]) / 2, r.getLong(9), r.getLong(10),
                    null, null, allSteps[i], 1.0, null));
        }
        Dataset<Row> p = SparkTestSession.get().createDataFrame(rows, Prediction.SCHEMA);
        Row s = EvaluationTables.summary(p, "r", "toy", "test").where("model = 's2s'").first();
        // e: 1, 0.5, -2, 0, 0.5, 3 over all three windows (two of series b)
        assertEquals((1 + 0.25 + 4 + 0 + 0.25 + 9) / 6, s.<Double>getAs("last_time_step_mse"), 1e-12);
        assertEquals(s.<Double>getAs("mse"), s.<Double>getAs("last_time_step_mse"), 1e-12);
        assertEquals(2.1 / 6, s.<Double>getAs("all_steps_mse"), 1e-12);
        Row m = EvaluationTables.summary(p, "r", "toy", "test").where("model = 'm'").first();
        assertTrue(m.isNullAt(m.fieldIndex("last_time_step_mse")));
    }

    @Test
    void unscoredRowsArePassedOverAndForecastsCarryStepKeys() {
        Dataset<Row> future = SparkTestSession.get().createDataFrame(List.of(
                RowFactory.create("m", "a", 12, true, 1, null, 9.0, null, 4.5, 11L, 12L, null, null, null, 1.0, null)),
                Prediction.SCHEMA);
        Dataset<Row> all = predictions().unionByName(future);
        assertEquals(6L, EvaluationTables.summary(all, "r1", "toy", "test").first().<Long>getAs("n_points"));
        Row f = EvaluationTables.forecasts(all, "r1", false).where("y IS NULL").first();
        assertEquals(11L, f.<Long>getAs("cutoff_step"));
        assertEquals(12L, f.<Long>getAs("ds_step"));
        assertTrue(f.isNullAt(f.fieldIndex("ds")));
        Row t = EvaluationTables.forecasts(all, "r1", true).where("y IS NULL").first();
        assertEquals(java.sql.Timestamp.from(java.time.Instant.ofEpochSecond(12)), t.getAs("ds"));
        assertEquals(12L, t.<Long>getAs("ds_step"));           // window_end 12 + step 1 - 1
    }

    /**
     * Horizon 2, model m against naive. a: y = (1, 2), m = (2, 0), naive = (1, 1). b: y = (3, 3), m = (3, 3.5),
     * naive = (2, 2). By hand: sMAPE points of m: a 200/3, 200; b 0, 200 * 0.5 / 6.5. mae m: a 1.5, b 0.25; naive:
     * a 0.5, b 1 -> skill a 1 - 1.5 / 0.5 = -2, b 1 - 0.25 / 1 = 0.75.
     */
    @Test
    void scaleFreeMetricsAgainstHandComputations() {
        List<Row> rows = List.of(row("m", "a", 10, true, 1, 1.0, 2.0), row("m", "a", 10, true, 2, 2.0, 0.0),
                row("naive", "a", 10, true, 1, 1.0, 1.0), row("naive", "a", 10, true, 2, 2.0, 1.0),
                row("m", "b", 7, true, 1, 3.0, 3.0), row("m", "b", 7, true, 2, 3.0, 3.5),
                row("naive", "b", 7, true, 1, 3.0, 2.0), row("naive", "b", 7, true, 2, 3.0, 2.0));
        Dataset<Row> p = SparkTestSession.get().createDataFrame(rows, Prediction.SCHEMA);
        Dataset<Row> m = EvaluationTables.seriesMetrics(p, "r", "toy").where("model = 'm'");
        double smapeA = (200.0 / 3 + 200) / 2;
        double smapeB = (0 + 200 * 0.5 / 6.5) / 2;
        assertEquals(smapeA, metric(m, "a", 0).<Double>getAs("smape"), 1e-9);
        assertEquals(smapeB, metric(m, "b", 0).<Double>getAs("smape"), 1e-9);
        assertEquals(-2.0, metric(m, "a", 0).<Double>getAs("skill"), 1e-12);
        assertEquals(0.75, metric(m, "b", 0).<Double>getAs("skill"), 1e-12);
        assertEquals(1 - 2.0 / 1, metric(m, "a", 2).<Double>getAs("skill"), 1e-12);   // step 2: |e| 2 vs naive 1
        Row s = EvaluationTables.summary(p, "r", "toy", "test").where("model = 'm'").first();
        assertEquals((200.0 / 3 + 200 + 0 + 200 * 0.5 / 6.5) / 4, s.<Double>getAs("smape"), 1e-9);
        assertEquals((smapeA + smapeB) / 2, s.<Double>getAs("smape_median_series"), 1e-9);
        assertEquals(0.5, s.<Double>getAs("beats_naive_share"), 1e-12);
        Row naive = EvaluationTables.summary(p, "r", "toy", "test").where("model = 'naive'").first();
        assertEquals(0.0, naive.<Double>getAs("beats_naive_share"), 0.0);
    }

    /**
     * MASE and RMSSE from the scales each prediction row carries: series a with in-sample seasonal naive MAE 0.5 and
     * MSE 0.25, series b with 2 and 8. m on a: e = (1, -2) -> mae 1.5, mse 2.5 -> MASE 3, RMSSE sqrt(10);
     * m on b: e = (0, 0.5) -> mae 0.25, mse 0.125 -> MASE 0.125, RMSSE 0.125.
     */
    @Test
    void maseAndRmsseUseEachSeriesInSampleScale() {
        List<Row> rows = List.of(
                RowFactory.create("m", "a", 10, true, 1, 1.0, 2.0, 0.5, 1.0, 9L, 10L, 0.5, 0.25, null, 1.0, null),
                RowFactory.create("m", "a", 10, true, 2, 2.0, 0.0, 1.0, 0.0, 9L, 11L, 0.5, 0.25, null, 1.0, null),
                RowFactory.create("m", "b", 7, true, 1, 3.0, 3.0, 1.5, 1.5, 6L, 7L, 2.0, 8.0, null, 1.0, null),
                RowFactory.create("m", "b", 7, true, 2, 3.0, 3.5, 1.5, 1.75, 6L, 8L, 2.0, 8.0, null, 1.0, null));
        Dataset<Row> p = SparkTestSession.get().createDataFrame(rows, Prediction.SCHEMA);
        Dataset<Row> m = EvaluationTables.seriesMetrics(p, "r", "toy");
        assertEquals(3.0, metric(m, "a", 0).<Double>getAs("mase"), 1e-12);
        assertEquals(Math.sqrt(10), metric(m, "a", 0).<Double>getAs("rmsse"), 1e-12);
        assertEquals(0.125, metric(m, "b", 0).<Double>getAs("mase"), 1e-12);
        assertEquals(0.125, metric(m, "b", 0).<Double>getAs("rmsse"), 1e-12);
        assertEquals(2.0 / 0.5, metric(m, "a", 2).<Double>getAs("mase"), 1e-12);   // step 2 alone: |e| = 2
        Row s = EvaluationTables.summary(p, "r", "toy", "test").first();
        assertEquals((3.0 + 0.125) / 2, s.<Double>getAs("mase_mean"), 1e-12);
        assertEquals((3.0 + 0.125) / 2, s.<Double>getAs("mase_median"), 1e-12);
    }

    @Test
    void inSampleScaleIsTheSeasonalNaiveErrorOfTheTrainingPart() {
        // season 4 over the first 6 values: differences y[t] - y[t-4] for t = 4, 5: (5 - 1) and (2 - 4)
        double[] v = {1, 4, 2, 8, 5, 2, 100, 100};
        var scale = io.rnnforecast.series.ErrorScale.of(v, 6, 4);
        assertEquals((4 + 2) / 2.0, scale.mae(), 1e-12);
        assertEquals((16 + 4) / 2.0, scale.mse(), 1e-12);
        // a part not longer than the season falls back to lag 1: |4-1|, |2-4|, |8-2|
        var lag1 = io.rnnforecast.series.ErrorScale.of(v, 4, 4);
        assertEquals((3 + 2 + 6) / 3.0, lag1.mae(), 1e-12);
        assertTrue(Double.isNaN(io.rnnforecast.series.ErrorScale.of(new double[] {3, 3, 3}, 3, 1).mae()),
                "a constant part has no scale");
    }

    private static Row quantileRow(String model, String id, int step, double y, double yHat, double scale,
                                   java.util.Map<String, Double> quantiles) {
        return RowFactory.create(model, id, 10, true, step, y, yHat, y, yHat, 9L, 9L + step, scale, scale * scale,
                null, scale, quantiles);
    }

    /**
     * Pinball loss per level, scaled by the series' MASE scale, its mean and CRPS = 2 x the mean: series a (scale
     * 0.5), levels 0.1 and 0.9, step 1: y = 1, q = (0.5, 2): 0.1 * 0.5 = 0.05 and 0.1 * 1 = 0.1 (y below q_0.9:
     * (1 - 0.9) * 1); step 2: y = 3, q = (1, 2.5): 0.1 * 2 = 0.2 and 0.9 * 0.5 = 0.45. Means over the steps /
     * 0.5: 0.1 -> (0.05 + 0.2) / 2 / 0.5 = 0.25, 0.9 -> (0.1 + 0.45) / 2 / 0.5 = 0.55, mean 0.4, crps 0.8.
     * Series b (scale 2), one step: y = 0, q = (-1, 1): 0.1 and 0.1, / 2: 0.05 each. The baseline n has no
     * quantiles: null maps and values. The forecasts table carries the map.
     */
    @Test
    void pinballLossPerLevelIsScaledLikeMaseAndCrpsIsTwiceItsMean() {
        List<Row> rows = List.of(
                quantileRow("q", "a", 1, 1, 1, 0.5, java.util.Map.of("0.1", 0.5, "0.9", 2.0)),
                quantileRow("q", "a", 2, 3, 2, 0.5, java.util.Map.of("0.1", 1.0, "0.9", 2.5)),
                quantileRow("q", "b", 1, 0, 0, 2, java.util.Map.of("0.1", -1.0, "0.9", 1.0)),
                quantileRow("n", "a", 1, 1, 1, 0.5, null),
                quantileRow("n", "a", 2, 3, 1, 0.5, null),
                quantileRow("n", "b", 1, 0, 0, 2, null));
        Dataset<Row> p = SparkTestSession.get().createDataFrame(rows, Prediction.SCHEMA);
        List<Double> levels = List.of(0.1, 0.9);
        Dataset<Row> m = EvaluationTables.seriesMetrics(p, "r", "toy", List.of(), levels);
        Row a = m.where("model = 'q' AND unique_id = 'a' AND step = 0").first();
        java.util.Map<String, Double> pinball = a.getJavaMap(a.fieldIndex("pinball"));
        assertEquals(0.25, pinball.get("0.1"), 1e-12);
        assertEquals(0.55, pinball.get("0.9"), 1e-12);
        assertEquals(0.4, a.<Double>getAs("pinball_mean"), 1e-12);
        assertEquals(0.8, a.<Double>getAs("crps"), 1e-12);
        Row a2 = m.where("model = 'q' AND unique_id = 'a' AND step = 2").first();
        assertEquals(0.2 / 0.5, a2.<String, Double>getJavaMap(a2.fieldIndex("pinball")).get("0.1"), 1e-12);
        Row b = m.where("model = 'q' AND unique_id = 'b' AND step = 0").first();
        assertEquals(0.05, b.<Double>getAs("pinball_mean"), 1e-12);
        Row n = m.where("model = 'n' AND unique_id = 'a' AND step = 0").first();
        assertTrue(n.isNullAt(n.fieldIndex("pinball")) && n.isNullAt(n.fieldIndex("pinball_mean"))
                && n.isNullAt(n.fieldIndex("crps")), n.toString());

        Dataset<Row> summary = EvaluationTables.summary(p, m, "r", "toy", "test", List.of(), levels);
        Row s = summary.where("model = 'q'").first();
        // the mean over series, as mase_mean
        assertEquals((0.25 + 0.05) / 2, s.<String, Double>getJavaMap(s.fieldIndex("pinball")).get("0.1"), 1e-12);
        assertEquals((0.55 + 0.05) / 2, s.<String, Double>getJavaMap(s.fieldIndex("pinball")).get("0.9"), 1e-12);
        assertEquals((0.4 + 0.05) / 2, s.<Double>getAs("pinball_mean"), 1e-12);
        assertEquals(0.4 + 0.05, s.<Double>getAs("crps"), 1e-12);
        Row sn = summary.where("model = 'n'").first();
        assertTrue(sn.isNullAt(sn.fieldIndex("pinball")) && sn.isNullAt(sn.fieldIndex("crps")), sn.toString());
        // without quantile levels the columns are there, null
        Row none = EvaluationTables.seriesMetrics(p, "r", "toy").where("model = 'q'").first();
        assertTrue(none.isNullAt(none.fieldIndex("pinball")) && none.isNullAt(none.fieldIndex("crps")));

        Row f = EvaluationTables.forecasts(p, "r", false).where("model = 'q' AND unique_id = 'b'").first();
        assertEquals(java.util.Map.of("0.1", -1.0, "0.9", 1.0), f.getJavaMap(f.fieldIndex("quantiles")));
        Row fn = EvaluationTables.forecasts(p, "r", false).where("model = 'n'").first();
        assertTrue(fn.isNullAt(fn.fieldIndex("quantiles")));
        assertEquals(null, io.rnnforecast.output.ResultTable.FORECASTS.mismatch(EvaluationTables.forecasts(p, "r",
                false).schema()));
        assertEquals(null, io.rnnforecast.output.ResultTable.SERIES_METRICS.mismatch(m.schema()));
        assertEquals(null, io.rnnforecast.output.ResultTable.SUMMARY.mismatch(summary.schema()));
    }
}
