package io.rnnforecast.api;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.job.Main;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public API against the command line: the same data and seed through {@code RnnForecaster.fit},
 * {@code evaluate} and {@code transform} give the {@code run} command's tables bit for bit; a model saves and loads
 * through Spark ML's persistence, alone and as a stage of a PipelineModel, with bit-identical forecasts.
 */
class RnnForecasterApiTest {
    private static final int SERIES = 600;

    @TempDir
    static Path dir;

    /**
     * The quick start's command, small (600 Géron series, 2 epochs, the test session's settings), then predict
     * with its model on the same data.
     */
    @BeforeAll
    static void runTheCommands() {
        List<String> common = List.of("--set", "spark.master=local[2]", "--set", "catalog.enabled=false",
                "--set", "output.plots=false", "--set", "workdir=" + dir.toUri(), "--set", "data.partitions=2",
                "--set", "spark.conf={\"spark.sql.shuffle.partitions\": 4, \"spark.ui.enabled\": false}");
        List<String> run = new java.util.ArrayList<>(List.of("run", "--set", "run-id=cli", "--set",
                "data.series=" + SERIES, "--set", "train.epochs=2", "--set", "model.learning-rate=0.01"));
        run.addAll(common);
        assertEquals(0, Main.execute(run.toArray(String[]::new)));
        List<String> predict = new java.util.ArrayList<>(List.of("predict", "--set", "run-id=cli-predict"));
        predict.addAll(common);
        assertEquals(0, Main.execute(predict.toArray(String[]::new)));
    }

    private static Dataset<Row> data(SparkSession spark) {
        return spark.read().parquet(dir.resolve("data/geron").toString());
    }

    private static Dataset<Row> table(SparkSession spark, String name) {
        return table(spark, name, "cli");
    }

    private static Dataset<Row> table(SparkSession spark, String name, String runId) {
        return spark.read().parquet(dir.resolve("tables").resolve(name).toString())
                .where(org.apache.spark.sql.functions.col("run_id").equalTo(runId));
    }

    /** The rows of {@code rows} in {@code columns}' order, sorted by their text: compared value by value. */
    private static List<String> rows(Dataset<Row> rows, String... columns) {
        return rows.selectExpr(columns).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** Equal lists, or a failure naming the first row that differs (not the whole table). */
    private static void assertSameRows(List<String> expected, List<String> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": rows");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": row " + i);
        }
    }

    private static String[] columns(Dataset<Row> table) {
        return Arrays.stream(table.columns()).filter(c -> !c.equals("run_id")).toArray(String[]::new);
    }

    @Test
    void fitEvaluateAndTransformEqualTheRunCommandsTablesBitForBit() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> data = data(spark);
        RnnForecastModel model = new RnnForecaster().setEpochs(2).setLearningRate(0.01).setRunId("cli")
                .fit(data);
        assertEquals("lstm-2x20", model.name());
        assertEquals(2, model.trainingHistory().size());
        try (Evaluation evaluation = model.evaluate(data)) {
            for (var pair : List.of(List.of("summary", evaluation.summary()),
                    List.of("series_metrics", evaluation.seriesMetrics()),
                    List.of("forecasts", evaluation.forecasts()))) {
                Dataset<Row> written = table(spark, (String) pair.get(0));
                @SuppressWarnings("unchecked") Dataset<Row> computed = (Dataset<Row>) pair.get(1);
                String[] columns = columns(written);
                List<String> expected = rows(written, columns);
                assertFalse(expected.isEmpty());
                assertSameRows(expected, rows(computed, columns), pair.get(0) + " against the run command's");
            }
        }
        // transform: the forecasts past the end of every series, as the predict command and the run wrote them:
        // the baselines to the bit; the network to float rounding: its float kernels' sums follow the shape and
        // order of the batch a window is forecast in, and each path reads the series into its own partitions
        Dataset<Row> transformed = model.setRunId("cli-predict").transform(data);
        assertEquals(3 * SERIES, transformed.count(), "lstm, naive and linear, one step, every series");
        List<Row> now = transformed.orderBy("model", "unique_id").collectAsList();
        for (Dataset<Row> written : List.of(table(spark, "forecasts", "cli-predict"),
                table(spark, "forecasts").where("y IS NULL"))) {
            List<Row> want = written.orderBy("model", "unique_id").collectAsList();
            assertEquals(want.size(), now.size());
            for (int i = 0; i < want.size(); i++) {
                Row w = want.get(i);
                Row n = now.get(i);
                assertEquals(List.of(w.getAs("model"), w.getAs("unique_id"), w.getAs("ds_step"), w.getAs("step")),
                        List.of(n.getAs("model"), n.getAs("unique_id"), n.getAs("ds_step"), n.getAs("step")));
                double y = w.<Double>getAs("y_hat");
                double tolerance = w.<String>getAs("model").startsWith("lstm") ? 1e-6 * Math.max(1, Math.abs(y)) : 0;
                assertEquals(y, n.<Double>getAs("y_hat"), tolerance, w.toString());
            }
        }
    }

    @Test
    void aSavedModelLoadsThroughMlReadableAndForecastsTheSame() throws java.io.IOException {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> data = data(spark).where("pmod(hash(unique_id), 3) = 0");
        RnnForecastModel model = new RnnForecaster().setEpochs(1).setSeed(7).fit(data);
        String path = dir.resolve("saved").toUri().toString();
        model.write().save(path);
        RnnForecastModel loaded = RnnForecastModel.load(path);
        assertEquals(model.recipe(), loaded.recipe());
        assertEquals(model.provenance(), loaded.provenance());
        String[] columns = {"model", "unique_id", "ds_step", "step", "y_hat"};
        assertSameRows(rows(model.transform(data), columns), rows(loaded.transform(data), columns), "loaded");
        assertEquals(7L, loaded.getSetting("model.seed"), "its Params are the settings it was trained with");
        // the read() of MLReadable and the directory the train command writes are one format
        assertEquals(model.recipe(), RnnForecastModel.read().load(path).recipe());
    }

    @Test
    void aPipelineWithTheForecasterSavesAndLoadsWithBitIdenticalForecasts() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> data = data(spark).where("pmod(hash(unique_id), 4) = 1");
        SQLTransformer named = new SQLTransformer().setStatement(
                "SELECT unique_id AS store, ds AS day, y * 10 AS units FROM __THIS__");
        RnnForecaster forecaster = new RnnForecaster().setIdCol("store").setTimeCol("day").setValueCol("units")
                .setScaling("standard").setEpochs(1);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {named, forecaster}).fit(data);
        String path = dir.resolve("pipeline").toUri().toString();
        try {
            fitted.write().save(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        PipelineModel loaded = PipelineModel.load(path);
        assertTrue(loaded.stages()[1] instanceof RnnForecastModel);
        String[] columns = {"model", "unique_id", "ds_step", "step", "y_hat"};
        List<String> before = rows(fitted.transform(data), columns);
        assertEquals(3 * data.select("unique_id").distinct().count(), before.size());
        assertSameRows(before, rows(loaded.transform(data), columns), "pipeline loaded");
        // the forecasts are on the transformed scale (y * 10): the naive one is 10 x the last observed value
        String id = data.first().getAs("unique_id");
        Row last = data.where(org.apache.spark.sql.functions.col("unique_id").equalTo(id)).orderBy(
                org.apache.spark.sql.functions.col("ds").desc()).first();
        Row naive = fitted.transform(data).where(org.apache.spark.sql.functions.col("model").equalTo("naive")
                .and(org.apache.spark.sql.functions.col("unique_id").equalTo(id))).first();
        assertEquals(10 * last.<Double>getAs("y"), naive.<Double>getAs("y_hat"), 1e-12);
    }
}
