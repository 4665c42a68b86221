package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.model.MultiQuantileLoss;
import io.rnnforecast.model.Quantiles;
import io.rnnforecast.store.ModelStore;
import io.rnnforecast.store.TrainedModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A quantile network (model.quantiles = [0.1, 0.5, 0.9]) trained through {@code run} on generated Géron series,
 * 5 steps ahead: the held-out values fall between the 0.1 and 0.9 quantile forecasts about 80% of the time, the
 * 0.1 forecast is below the 0.9 one everywhere, the point forecast is the 0.5 quantile, the forecasts table's
 * quantiles are the saved network's outputs sorted and inverted like the mean forecast, and series_metrics'
 * pinball loss is the hand computation from the forecasts table and the data. The crossing rate of the raw
 * (unsorted) outputs is printed.
 */
class QuantileIntegrationTest {
    private static final int HORIZON = 5;
    private static final double[] LEVELS = {0.1, 0.5, 0.9};

    @TempDir
    Path dir;

    private String[] command(String command, String runId, String... extra) {
        List<String> settings = new ArrayList<>(List.of("data.series=2000", "window.horizon=" + HORIZON,
                "train.epochs=4", "model.learning-rate=0.01", "model.quantiles=[0.1, 0.5, 0.9]",
                // the outputs by hand below undo last-value normalization
                "window.normalization=last-value"));
        settings.addAll(List.of(extra));
        return LocalCommand.of(dir, command, runId, settings);
    }

    private Dataset<Row> table(String name) {
        return SparkTestSession.get().read().parquet(dir.resolve("tables").resolve(name).toString());
    }

    private static Map<String, Double> quantiles(Row r) {
        return r.getJavaMap(r.fieldIndex("quantiles"));
    }

    /** mean |v[t] - v[t - 1]| for t in 1..end-1: the in-sample naive MAE of v[0, end) (integer steps: season 1). */
    private static double naiveMae(double[] v, int end) {
        double sum = 0;
        for (int t = 1; t < end; t++) {
            sum += Math.abs(v[t] - v[t - 1]);
        }
        return sum / (end - 1);
    }

    @Test
    void quantileForecastsCoverTheHeldOutValuesAndArePinballScored() throws Exception {
        assertEquals(0, Main.execute(command("run", "q", "evaluate.future=false")));
        String name = "lstm-2x20";
        List<Row> rows = table("forecasts").where("run_id = 'q' AND model = '" + name + "'")
                .orderBy("unique_id", "step").collectAsList();
        assertTrue(rows.size() >= 500, rows.size() + " held-out values");
        int covered = 0;
        for (Row r : rows) {
            Map<String, Double> q = quantiles(r);
            assertEquals(List.of("0.1", "0.5", "0.9"), q.keySet().stream().sorted().toList());
            double lo = q.get("0.1");
            double hi = q.get("0.9");
            assertTrue(lo < hi, "0.1 below 0.9 after sorting: " + r);
            assertTrue(lo <= q.get("0.5") && q.get("0.5") <= hi, r.toString());
            assertEquals(q.get("0.5"), r.<Double>getAs("y_hat"), 0.0, "the point forecast is the 0.5 quantile");
            double y = r.getAs("y");
            if (lo <= y && y <= hi) {
                covered++;
            }
        }
        double coverage = (double) covered / rows.size();
        System.out.printf("quantile network: [q0.1, q0.9] covers %.3f of %d held-out values%n", coverage,
                rows.size());
        assertTrue(coverage > 0.6 && coverage < 0.95, "coverage of [q0.1, q0.9]: " + coverage);
        // the baselines have no quantiles
        Row naive = table("forecasts").where("run_id = 'q' AND model = 'naive'").first();
        assertTrue(naive.isNullAt(naive.fieldIndex("quantiles")));

        // the saved network: 15 outputs per window, its raw outputs + the last value, sorted, are the table's
        TrainedModel saved = new ModelStore(SparkTestSession.get(), dir.resolve("model").toUri().toString()).load();
        MultiLayerNetwork net = saved.network();
        assertEquals(HORIZON * 3, net.layerSize(net.getnLayers() - 1));
        List<String> ids = rows.stream().map(r -> r.<String>getAs("unique_id")).distinct().sorted().toList();
        List<Row> values = table("../data/geron").where(col("unique_id").isin(ids.toArray()))
                .orderBy("unique_id", "ds").collectAsList();
        int length = 50 + HORIZON;
        assertEquals(length * ids.size(), values.size());
        double[][] s = new double[ids.size()][length];
        float[] x = new float[ids.size() * 50];
        for (int i = 0; i < ids.size(); i++) {
            for (int t = 0; t < length; t++) {
                s[i][t] = values.get(length * i + t).getDouble(values.get(length * i + t).fieldIndex("y"));
            }
            for (int t = 0; t < 50; t++) {
                x[50 * i + t] = (float) (s[i][t] - (float) s[i][49]);
            }
        }
        float[][] out = net.output(Nd4j.create(x, new long[] {ids.size(), 1, 50}, 'c')).toFloatMatrix();
        int crossed = 0;
        Map<String, Row> byPoint = new HashMap<>();
        for (Row r : rows) {
            byPoint.put(r.getAs("unique_id") + "/" + r.<Integer>getAs("step"), r);
        }
        for (int i = 0; i < ids.size(); i++) {
            double[] raw = new double[out[i].length];
            for (int j = 0; j < raw.length; j++) {
                raw[j] = out[i][j];
            }
            double[][] sorted = Quantiles.sorted(raw, 3);
            for (int k = 0; k < HORIZON; k++) {
                if (Quantiles.crosses(raw, k, 3)) {
                    crossed++;
                }
                Map<String, Double> q = quantiles(byPoint.get(ids.get(i) + "/" + (k + 1)));
                for (int l = 0; l < 3; l++) {
                    assertEquals(sorted[k][l] + (float) s[i][49], q.get(Quantiles.key(LEVELS[l])), 1e-5,
                            ids.get(i) + " step " + (k + 1) + " level " + LEVELS[l]);
                }
            }
        }
        System.out.printf("quantile network: %d of %d steps (%.4f) crossed before sorting%n", crossed,
                ids.size() * HORIZON, (double) crossed / (ids.size() * HORIZON));

        // series_metrics' pinball for one series by hand: the forecasts table's values against y, scaled by the
        // in-sample naive MAE of its 50 observed values (a series split: everything before its test window)
        String id = ids.get(0);
        double scale = naiveMae(s[0], 50);
        double[] byLevel = new double[3];
        for (int k = 0; k < HORIZON; k++) {
            Row r = byPoint.get(id + "/" + (k + 1));
            for (int l = 0; l < 3; l++) {
                byLevel[l] += MultiQuantileLoss.pinball(LEVELS[l], r.getAs("y"),
                        quantiles(r).get(Quantiles.key(LEVELS[l]))) / scale / HORIZON;
            }
        }
        Row metrics = table("series_metrics").where("run_id = 'q' AND model = '" + name + "' AND unique_id = '" + id
                + "' AND step = 0").first();
        Map<String, Double> pinball = metrics.getJavaMap(metrics.fieldIndex("pinball"));
        for (int l = 0; l < 3; l++) {
            assertEquals(byLevel[l], pinball.get(Quantiles.key(LEVELS[l])), 1e-9, "pinball at " + LEVELS[l]);
        }
        double mean = Arrays.stream(byLevel).sum() / 3;
        assertEquals(mean, metrics.<Double>getAs("pinball_mean"), 1e-9);
        assertEquals(2 * mean, metrics.<Double>getAs("crps"), 1e-9);

        Row summary = table("summary").where("run_id = 'q' AND model = '" + name + "'").first();
        double seriesMean = table("series_metrics").where("run_id = 'q' AND model = '" + name + "' AND step = 0")
                .selectExpr("avg(pinball_mean)").first().getDouble(0);
        assertEquals(seriesMean, summary.<Double>getAs("pinball_mean"), 1e-9);
        assertEquals(2 * seriesMean, summary.<Double>getAs("crps"), 1e-9);
        System.out.printf("quantile network: summary pinball %s, mean %.4f, crps %.4f, mase_mean %.4f%n",
                summary.getJavaMap(summary.fieldIndex("pinball")), summary.<Double>getAs("pinball_mean"),
                summary.<Double>getAs("crps"), summary.<Double>getAs("mase_mean"));
        Row naiveSummary = table("summary").where("run_id = 'q' AND model = 'naive'").first();
        assertTrue(naiveSummary.isNullAt(naiveSummary.fieldIndex("pinball"))
                && naiveSummary.isNullAt(naiveSummary.fieldIndex("crps")));
        // the levels are the model's: others given to evaluate are refused (exit code 2)
        assertEquals(2, Main.execute(command("evaluate", "q-other", "model.quantiles=[0.2, 0.8]")));
    }

    /**
     * An ensemble of quantile networks: the combined row's quantiles are the median over the members of each step's
     * q-quantile (sorted), its point forecast the median of the members' 0.5 quantiles; the forecasts past the
     * end of the data have quantiles too. With evaluate.intervals.method = quantiles every row with quantiles (the
     * combined one, each member's, the forecasts past the end) has the 80% interval [q0.1, q0.9], the baselines
     * keep their conformal ones, and the summary's coverage is the share of held-out values inside [q0.1, q0.9];
     * levels whose bounds the network lacks are refused (exit code 2).
     */
    @Test
    void anEnsembleTakesTheMedianPerStepAndQuantile() throws Exception {
        assertEquals(2, Main.execute(command("run", "ens-95", "data.series=400", "train.epochs=1",
                "evaluate.intervals.method=quantiles", "evaluate.intervals.levels=[80, 95]")),
                "95% needs the quantiles 0.025 and 0.975");
        assertEquals(0, Main.execute(command("run", "ens", "data.series=400", "train.epochs=1",
                "model.ensemble.members=3", "evaluate.intervals.method=quantiles",
                "evaluate.intervals.levels=[80]")));
        int inside = 0;
        int scored = 0;
        for (Row r : table("forecasts").where("run_id = 'ens'").collectAsList()) {
            Map<Integer, Double> lo = r.getJavaMap(r.fieldIndex("lo"));
            Map<Integer, Double> hi = r.getJavaMap(r.fieldIndex("hi"));
            String model = r.getAs("model");
            if (model.startsWith("lstm-2x20-ens3")) {
                assertEquals(quantiles(r).get("0.1"), lo.get(80), 0.0, r.toString());
                assertEquals(quantiles(r).get("0.9"), hi.get(80), 0.0, r.toString());
                if (model.equals("lstm-2x20-ens3") && !r.isNullAt(r.fieldIndex("y"))) {
                    double y = r.getAs("y");
                    scored++;
                    inside += lo.get(80) <= y && y <= hi.get(80) ? 1 : 0;
                }
            } else if (model.equals("naive")) {
                // conformal: y_hat -/+ the same scaled half-width, symmetric about the point forecast
                double yHat = r.getAs("y_hat");
                assertEquals(yHat - lo.get(80), hi.get(80) - yHat, 1e-9 * Math.max(1, Math.abs(yHat)), r.toString());
            }
        }
        assertTrue(scored > 0);
        Row summary = table("summary").where("run_id = 'ens' AND model = 'lstm-2x20-ens3'").first();
        Map<Integer, Double> coverage = summary.getJavaMap(summary.fieldIndex("coverage"));
        assertEquals((double) inside / scored, coverage.get(80), 1e-12);
        String name = "lstm-2x20-ens3";
        Map<String, Map<String, Map<String, Double>>> byModel = new HashMap<>();
        Map<String, Double> point = new HashMap<>();
        for (Row r : table("forecasts").where("run_id = 'ens' AND model LIKE 'lstm-2x20-ens3%'").collectAsList()) {
            String key = r.getAs("unique_id") + "/" + r.<Long>getAs("cutoff_step") + "/" + r.<Integer>getAs("step");
            assertNotNull(r.getAs("quantiles"), r.toString());
            byModel.computeIfAbsent(r.getAs("model"), m -> new HashMap<>()).put(key, quantiles(r));
            if (name.equals(r.getAs("model"))) {
                point.put(key, r.getAs("y_hat"));
            }
        }
        Map<String, Map<String, Double>> combined = byModel.get(name);
        assertTrue(combined.size() > 0);
        long future = table("forecasts").where("run_id = 'ens' AND model = '" + name + "' AND y IS NULL").count();
        assertTrue(future > 0, "forecasts past the end");
        for (Map.Entry<String, Map<String, Double>> e : combined.entrySet()) {
            double previous = Double.NEGATIVE_INFINITY;
            for (double level : LEVELS) {
                String key = Quantiles.key(level);
                double[] members = new double[3];
                for (int m = 0; m < 3; m++) {
                    members[m] = byModel.get(name + "-m" + (m + 1)).get(e.getKey()).get(key);
                }
                Arrays.sort(members);
                assertEquals(members[1], e.getValue().get(key), 0.0, e.getKey() + " at " + key);
                assertTrue(e.getValue().get(key) >= previous);
                previous = e.getValue().get(key);
            }
            assertEquals(e.getValue().get("0.5"), point.get(e.getKey()), 0.0, "point = combined 0.5 quantile");
        }
    }
}
