package io.rnnforecast.api;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.eval.CombinedForecaster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ensemble of networks (model.ensemble.members): each member trains as its own network would (member 1 is the
 * single network of the same settings, to the bit), the combined row is the median of the members' own rows, and
 * the whole ensemble saves and loads.
 */
class EnsembleTest {
    private static final int SERIES = 30;
    private static final int LENGTH = 60;
    private static final int HORIZON = 3;

    @TempDir
    Path dir;

    /** 30 noisy sines of 60 steps, periods 6..11 around 5 (also JordanTrainingTest's data). */
    static Dataset<Row> noisySines(SparkSession spark) {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            double period = 6 + random.nextInt(6);
            for (int t = 0; t < LENGTH; t++) {
                rows.add(RowFactory.create("s" + s, (long) t, 5 + Math.sin(2 * Math.PI * t / period)
                        + 0.1 * random.nextGaussian()));
            }
        }
        return spark.createDataFrame(rows, new StructType().add("unique_id", DataTypes.StringType)
                .add("ds", DataTypes.LongType).add("y", DataTypes.DoubleType));
    }

    private static RnnForecaster forecaster() {
        return new RnnForecaster().setInput(12).setHorizon(HORIZON).setSplitMode("time").setMaxWindowsPerSeries(10)
                .setUnits(8).setLayers(1).setLearningRate(0.01).setEpochs(2).setWorkers(2)
                .setScaling("standard");
    }

    /** model -> (unique_id/cutoff_step/step -> y_hat) of the scored forecasts. */
    private static Map<String, Map<String, Double>> forecasts(Evaluation e) {
        Map<String, Map<String, Double>> out = new HashMap<>();
        for (Row r : e.forecasts().where("y IS NOT NULL")
                .selectExpr("model", "unique_id", "cutoff_step", "step", "y_hat").collectAsList()) {
            out.computeIfAbsent(r.getString(0), k -> new HashMap<>())
                    .put(r.getString(1) + "/" + r.getLong(2) + "/" + r.getInt(3), r.getDouble(4));
        }
        return out;
    }

    @Test
    void theCombinedRowIsTheMedianOfTheMembersRowsAndMemberOneIsTheSingleNetwork() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> data = noisySines(spark);
        RnnForecastModel ensemble = forecaster().setEnsembleMembers(3).setEnsembleLosses("mse", "mae")
                .fit(data);
        RnnForecastModel single = forecaster().fit(data);
        assertEquals("lstm-1x8-ens3", ensemble.name());
        assertEquals(3, ensemble.trainedModel().networks().size());
        String path = dir.resolve("ensemble").toUri().toString();
        ensemble.save(path);
        RnnForecastModel loaded = RnnForecastModel.load(path);
        ensemble.setBaselines("naive", "seasonal_naive", "linear", "theta").setCombineWith("theta");
        loaded.setBaselines("naive", "seasonal_naive", "linear", "theta").setCombineWith("theta");
        try (Evaluation e = ensemble.evaluate(data); Evaluation one = single.evaluate(data);
             Evaluation back = loaded.evaluate(data)) {
            Map<String, Map<String, Double>> rows = forecasts(e);
            Map<String, Double> median = rows.get("lstm-1x8-ens3");
            List<Map<String, Double>> members = List.of(rows.get("lstm-1x8-ens3-m1"), rows.get("lstm-1x8-ens3-m2"),
                    rows.get("lstm-1x8-ens3-m3"));
            assertEquals(SERIES * HORIZON, median.size());
            for (Map.Entry<String, Double> point : median.entrySet()) {
                double[] values = members.stream().mapToDouble(m -> m.get(point.getKey())).toArray();
                Arrays.sort(values);
                assertEquals(values[1], point.getValue(), 0.0, point.getKey());
            }
            // the ensemble combined with Theta: the mean of the median's row and Theta's, point by point
            Map<String, Double> withTheta = rows.get("lstm-1x8-ens3+theta");
            assertEquals(SERIES * HORIZON, withTheta.size());
            for (Map.Entry<String, Double> point : withTheta.entrySet()) {
                double expected = (median.get(point.getKey()) + rows.get("theta").get(point.getKey())) / 2;
                assertEquals(expected, point.getValue(), 1e-12 * Math.abs(expected), point.getKey());
            }
            // member 1: seed model.seed and loss mse, as the single network; member 2 another seed and mae
            assertEquals(rows.get("lstm-1x8-ens3-m1"), forecasts(one).get("lstm-1x8"));
            assertNotEquals(rows.get("lstm-1x8-ens3-m1"), rows.get("lstm-1x8-ens3-m2"));
            assertEquals(rows, forecasts(back), "saved and loaded");
            // the summary ranks the combined row like any model, and counts its series
            Row summary = e.summary().where("model = 'lstm-1x8-ens3'").first();
            assertEquals((long) SERIES, summary.<Long>getAs("n_series"));
        }
        assertEquals(2, ensemble.provenance().otherMembers().size());
        assertTrue(ensemble.provenance().trainingWallSeconds() > ensemble.provenance().training().wallSeconds());
    }

    /**
     * Members over lookbacks (model.ensemble.lookbacks): member 1 reads the windows' last 6 steps, member 2 all 12;
     * each saved member network carries its own lookback, so the loaded ensemble forecasts as the trained one.
     */
    @Test
    void membersOverLookbacksCarryTheirLookbackThroughSaveAndLoad() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> data = noisySines(spark);
        RnnForecastModel ensemble = forecaster().setEnsembleMembers(2).setEnsembleLookbacks(6, 12).fit(data);
        var networks = ensemble.trainedModel().networks();
        assertEquals(new io.rnnforecast.model.LastSteps(1, 12, 6),
                networks.get(0).getLayerWiseConfigurations().getInputPreProcess(0));
        assertNull(networks.get(1).getLayerWiseConfigurations().getInputPreProcess(0));
        String path = dir.resolve("lookbacks").toUri().toString();
        ensemble.save(path);
        RnnForecastModel loaded = RnnForecastModel.load(path);
        assertEquals(List.of(6, 12), loaded.trainedModel().recipe().ensemble().lookbacks());
        try (Evaluation e = ensemble.evaluate(data); Evaluation back = loaded.evaluate(data)) {
            Map<String, Map<String, Double>> rows = forecasts(e);
            assertEquals(SERIES * HORIZON, rows.get("lstm-1x8-ens2-m1").size());
            assertNotEquals(rows.get("lstm-1x8-ens2-m1"), rows.get("lstm-1x8-ens2-m2"));
            assertEquals(rows, forecasts(back), "saved and loaded");
        }
    }

    @Test
    void combinationsTakeTheMedianOrMeanStepByStep() {
        var median = new CombinedForecaster("m", List.of("a", "b", "c", "d"), CombinedForecaster.Combiner.MEDIAN);
        var mean = new CombinedForecaster("m", List.of("a", "b"), CombinedForecaster.Combiner.MEAN);
        var f = new io.rnnforecast.eval.WindowForecaster.Forecast[] {
            new io.rnnforecast.eval.WindowForecaster.Forecast(new double[] {1, 10}, new double[] {0.1, 1}, null),
            new io.rnnforecast.eval.WindowForecaster.Forecast(new double[] {4, 0}, new double[] {0.4, 0}, null),
            new io.rnnforecast.eval.WindowForecaster.Forecast(new double[] {2, 5}, new double[] {0.2, 0.5}, null),
            new io.rnnforecast.eval.WindowForecaster.Forecast(new double[] {9, 7}, new double[] {0.9, 0.7}, null)};
        // even count: the mean of the middle two, (2 + 4) / 2 and (5 + 7) / 2
        assertEquals(List.of(3.0, 6.0), Arrays.stream(median.combine(f).original()).boxed().toList());
        assertEquals(0.3, median.combine(f).scaled()[0], 1e-15);
        assertEquals(List.of(2.5, 5.0), Arrays.stream(mean.combine(Arrays.copyOf(f, 2)).original()).boxed()
                .toList());
        f[2] = null;
        assertNull(median.combine(f), "no forecast where a member has none");
    }
}
