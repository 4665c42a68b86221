package io.rnnforecast.api;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.series.classical.ClassicalMethod;
import io.rnnforecast.series.classical.SeasonalAdjustment;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classical baselines through the API on Spark: every {@code theta} row of the forecasts table (test windows at
 * two rolling origins, and past the end) is the pure-Java Theta applied by hand to the series' values before its
 * cutoff, with the evaluation season; {@code comb} is the mean of the {@code ses}, {@code holt} and {@code damped}
 * rows; every classical method forecasts every series.
 */
class ClassicalBaselinesTest {
    private static final int SERIES = 8;
    private static final int LENGTH = 96;
    private static final int HORIZON = 6;
    private static final int SEASON = 12;

    /** Monthly-like series: level, trend, a multiplicative yearly season and noise (positive). */
    private static Map<String, double[]> series() {
        Random random = new Random(5);
        Map<String, double[]> out = new HashMap<>();
        for (int s = 0; s < SERIES; s++) {
            double[] v = new double[LENGTH];
            double amplitude = s % 4 == 0 ? 0 : 0.1 + 0.05 * s;
            for (int t = 0; t < LENGTH; t++) {
                v[t] = (50 + 0.3 * s * t) * (1 + amplitude * Math.sin(2 * Math.PI * t / SEASON))
                        + random.nextGaussian();
            }
            out.put("s" + s, v);
        }
        return out;
    }

    private static Dataset<Row> frame(SparkSession spark, Map<String, double[]> series) {
        List<Row> rows = new ArrayList<>();
        series.forEach((id, v) -> {
            for (int t = 0; t < v.length; t++) {
                rows.add(RowFactory.create(id, (long) t, v[t]));
            }
        });
        return spark.createDataFrame(rows, new StructType().add("unique_id", DataTypes.StringType)
                .add("ds", DataTypes.LongType).add("y", DataTypes.DoubleType));
    }

    @Test
    void thetaRowsEqualTheJavaThetaOnEachSeriesHistoryAndCombIsTheMeanOfItsMembers() {
        SparkSession spark = SparkTestSession.get();
        Map<String, double[]> series = series();
        Dataset<Row> data = frame(spark, series);
        RnnForecastModel model = new RnnForecaster().setInput(24).setHorizon(HORIZON).setSplitMode("time")
                .setSetting("split.cutoffs", 2).setMaxWindowsPerSeries(5).setUnits(4).setLayers(1).setEpochs(1)
                .setWorkers(2).setScaling("standard").fit(data);
        model.setSeason(SEASON).setBaselines("naive", "seasonal_naive", "theta", "ses", "holt", "damped", "comb");
        Map<String, Map<String, Double>> byModel = new HashMap<>();
        int seasonalSeries = 0;
        try (Evaluation e = model.evaluate(data)) {
            List<Row> rows = e.forecasts().selectExpr("model", "unique_id", "cutoff_step", "step", "y_hat")
                    .collectAsList();
            for (Row r : rows) {
                byModel.computeIfAbsent(r.getString(0), k -> new HashMap<>())
                        .put(r.getString(1) + "/" + r.getLong(2) + "/" + r.getInt(3), r.getDouble(4));
            }
            // two test origins and the future one, every series, every step
            for (String m : List.of("theta", "ses", "holt", "damped", "comb")) {
                assertEquals(SERIES * 3 * HORIZON, byModel.get(m).size(), m);
            }
            for (Row r : rows) {
                if (!r.getString(0).equals("theta")) {
                    continue;
                }
                double[] history = Arrays.copyOf(series.get(r.getString(1)), (int) r.getLong(2) + 1);
                double[] byHand = ClassicalMethod.THETA.forecast(history, SEASON, HORIZON);
                assertEquals(byHand[r.getInt(3) - 1], r.getDouble(4), 0.0, r.toString());
                if (r.getInt(3) == 1 && SeasonalAdjustment.seasonal(history, SEASON)) {
                    seasonalSeries++;
                }
            }
            for (Map.Entry<String, Double> point : byModel.get("comb").entrySet()) {
                double mean = (byModel.get("ses").get(point.getKey()) + byModel.get("holt").get(point.getKey())
                        + byModel.get("damped").get(point.getKey())) / 3;
                assertEquals(mean, point.getValue(), 1e-12 * Math.abs(mean), point.getKey());
            }
            Row summary = e.summary().where("model = 'theta'").first();
            assertEquals((long) SERIES, summary.<Long>getAs("n_series"));
            assertEquals(0, e.summary().where("model = 'linear'").count(), "linear not asked for");
        }
        // the seasonal adjustment ran (6 of the 8 series have a season) and the flat ones were left as they are
        assertTrue(seasonalSeries >= 6 * 3 && seasonalSeries < SERIES * 3, "seasonal origins " + seasonalSeries);
    }
}
