package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.store.ModelStore;
import io.rnnforecast.store.TrainedModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each multi-step strategy end to end through {@code run} on Géron series, 10 steps ahead (small: 300 series, one
 * epoch), then {@code evaluate} or the saved network checked against the tables.
 */
class StrategyIntegrationTest {
    @TempDir
    Path dir;

    private String[] command(String command, String runId, String... extra) {
        List<String> settings = new ArrayList<>(List.of("data.series=300", "window.horizon=10", "train.epochs=1",
                "model.learning-rate=0.01", "evaluate.future=false",
                // the forecasts by hand below undo last-value normalization (auto, the default, could choose another)
                "window.normalization=last-value"));
        settings.addAll(List.of(extra));
        return LocalCommand.of(dir, command, runId, settings);
    }

    private Dataset<Row> table(String name) {
        return SparkTestSession.get().read().parquet(dir.resolve("tables").resolve(name).toString());
    }

    /**
     * seq2seq: last_time_step_mse is the MSE of the forecasts table's rows of the model (its last step's vectors),
     * all_steps_mse sits beside it, the baselines have neither; evaluate with the saved model (which carries the
     * strategy) writes the same numbers.
     */
    @Test
    void seq2seqReportsGeronsLastTimeStepMse() throws Exception {
        assertEquals(0, Main.execute(command("run", "s2s", "model.strategy=seq2seq")));
        Row model = table("summary").where("run_id = 's2s' AND model = 'lstm-2x20-seq2seq'").first();
        double fromForecasts = table("forecasts").where("run_id = 's2s' AND model = 'lstm-2x20-seq2seq'")
                .selectExpr("avg((y_hat - y) * (y_hat - y))").first().getDouble(0);
        assertEquals(fromForecasts, model.<Double>getAs("last_time_step_mse"), 1e-12);
        assertEquals(model.<Double>getAs("mse"), model.<Double>getAs("last_time_step_mse"), 1e-12);
        assertNotNull(model.getAs("all_steps_mse"));
        assertTrue(model.<Double>getAs("all_steps_mse") > 0);
        assertEquals(10 * model.<Long>getAs("n_series"), model.<Long>getAs("n_points"));
        Row naive = table("summary").where("run_id = 's2s' AND model = 'naive'").first();
        assertTrue(naive.isNullAt(naive.fieldIndex("last_time_step_mse")));
        assertTrue(naive.isNullAt(naive.fieldIndex("all_steps_mse")));

        // the strategy is the model's: another one on the command line is refused (exit code 2)
        assertEquals(2, Main.execute(command("evaluate", "s2s-direct", "model.strategy=direct")));
        assertEquals(0, Main.execute(command("evaluate", "s2s-eval")));
        Row evaluated = table("summary").where("run_id = 's2s-eval' AND model = 'lstm-2x20-seq2seq'").first();
        assertEquals(model.<Double>getAs("last_time_step_mse"), evaluated.<Double>getAs("last_time_step_mse"),
                1e-9);
        assertEquals(model.<Double>getAs("all_steps_mse"), evaluated.<Double>getAs("all_steps_mse"), 1e-9);
    }

    /**
     * Géron's Conv1D + GRU trained seq2seq on the strided steps: last_time_step_mse is the MSE of the forecasts
     * table's rows, and both it and all_steps_mse equal what the saved network's 24 output steps give on the test
     * windows read back from the data (step j scored against s[3 + 2j + k + 1], the last step against the horizon);
     * evaluate with the saved model (its model.json carries the front end) writes the same numbers.
     */
    @Test
    void convSeq2seqScoresTheStridedSteps() throws Exception {
        String name = "conv20k4s2-gru-2x20-seq2seq";
        assertEquals(0, Main.execute(command("run", "conv", "model.strategy=seq2seq", "model.cell=gru",
                "model.units=[20,20]", "model.conv1d.filters=20")));
        Row model = table("summary").where("run_id = 'conv' AND model = '" + name + "'").first();
        Dataset<Row> forecasts = table("forecasts").where("run_id = 'conv' AND model = '" + name + "'");
        double fromForecasts = forecasts.selectExpr("avg((y_hat - y) * (y_hat - y))").first().getDouble(0);
        assertEquals(fromForecasts, model.<Double>getAs("last_time_step_mse"), 1e-12);

        MultiLayerNetwork net = new ModelStore(SparkTestSession.get(), dir.resolve("model").toUri().toString())
                .load().network();
        List<String> ids = forecasts.select("unique_id").distinct().orderBy("unique_id").as(Encoders.STRING())
                .collectAsList();
        List<Row> values = table("../data/geron").where(col("unique_id").isin(ids.toArray())).orderBy("unique_id",
                "ds").collectAsList();
        assertEquals(60 * ids.size(), values.size());
        float[] x = new float[ids.size() * 50];
        float[] last = new float[ids.size()];
        double[][] s = new double[ids.size()][60];
        for (int i = 0; i < ids.size(); i++) {
            for (int t = 0; t < 60; t++) {
                s[i][t] = values.get(60 * i + t).getDouble(values.get(60 * i + t).fieldIndex("y"));
            }
            last[i] = (float) s[i][49];
            for (int t = 0; t < 50; t++) {
                x[50 * i + t] = (float) s[i][t] - last[i];   // last-value normalization
            }
        }
        INDArray out = net.output(Nd4j.create(x, new long[] {ids.size(), 1, 50}, 'c'));
        assertArrayEquals(new long[] {ids.size(), 10, 24}, out.shape());
        double lastStep = 0;
        double allSteps = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (int k = 0; k < 10; k++) {
                double e = out.getFloat(i, k, 23) + last[i] - s[i][50 + k];
                lastStep += e * e;
                for (int j = 0; j < 24; j++) {
                    double ej = out.getFloat(i, k, j) + last[i] - s[i][3 + 2 * j + k + 1];
                    allSteps += ej * ej;
                }
            }
        }
        assertEquals(lastStep / (ids.size() * 10), model.<Double>getAs("last_time_step_mse"), 1e-6);
        assertEquals(allSteps / (ids.size() * 10 * 24), model.<Double>getAs("all_steps_mse"), 1e-6);

        assertEquals(0, Main.execute(command("evaluate", "conv-eval")));
        Row evaluated = table("summary").where("run_id = 'conv-eval' AND model = '" + name + "'").first();
        assertEquals(model.<Double>getAs("all_steps_mse"), evaluated.<Double>getAs("all_steps_mse"), 1e-9);
    }

    /**
     * iterative: the saved network is a one-step model; the forecasts table's step 1 is its output on the test
     * window (last-value normalization: the change from the last observed value) and step 2 its output on the window
     * extended by step 1. A direct run of the same data has no Géron columns.
     */
    @Test
    void iterativeFeedsTheOneStepModelItsOwnForecasts() throws Exception {
        assertEquals(0, Main.execute(command("run", "it", "model.strategy=iterative")));
        SparkSession spark = SparkTestSession.get();
        TrainedModel saved = new ModelStore(spark, dir.resolve("model").toUri().toString()).load();
        MultiLayerNetwork net = saved.network();
        assertEquals("lstm-2x20-iterative", saved.name());
        assertEquals(1, net.layerSize(net.getnLayers() - 1));
        List<Row> rows = table("forecasts").where("run_id = 'it' AND model = 'lstm-2x20-iterative' AND step <= 2")
                .orderBy("unique_id", "step").limit(10).collectAsList();
        assertEquals(10, rows.size());
        for (int r = 0; r < rows.size(); r += 2) {
            String id = rows.get(r).getAs("unique_id");
            List<Row> values = table("../data/geron").where("unique_id = '" + id + "' AND ds < 50").orderBy("ds")
                    .collectAsList();
            float last = (float) values.get(49).getDouble(values.get(49).fieldIndex("y"));
            float[] x = new float[51];
            for (int i = 0; i < 50; i++) {
                x[i] = (float) values.get(i).getDouble(values.get(i).fieldIndex("y")) - last;
            }
            float step1 = net.output(Nd4j.create(java.util.Arrays.copyOf(x, 50), new long[] {1, 1, 50}, 'c'))
                    .getFloat(0, 0);
            assertEquals(step1 + last, rows.get(r).<Double>getAs("y_hat"), 1e-5, id + " step 1");
            x[50] = step1;
            float step2 = net.output(Nd4j.create(x, new long[] {1, 1, 51}, 'c')).getFloat(0, 0);
            assertEquals(step2 + last, rows.get(r + 1).<Double>getAs("y_hat"), 1e-5, id + " step 2");
        }
        Row it = table("summary").where("run_id = 'it' AND model = 'lstm-2x20-iterative'").first();
        assertTrue(it.isNullAt(it.fieldIndex("last_time_step_mse")));

        assertEquals(0, Main.execute(command("run", "direct", "data.generator=none", "data.name=geron",
                "data.path=" + dir.resolve("data/geron").toUri(),
                "train.model-dir=" + dir.resolve("direct-model").toUri())));
        Row direct = table("summary").where("run_id = 'direct' AND model = 'lstm-2x20'").first();
        assertTrue(direct.isNullAt(direct.fieldIndex("last_time_step_mse")));
        assertEquals(it.<Long>getAs("n_points"), direct.<Long>getAs("n_points"));
    }
}
