package io.rnnforecast.api;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.config.ConfigProblem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rolling-origin evaluation of a time-split model: origins one horizon apart at the end of every series. */
class CrossValidationTest {
    private static final int SERIES = 40;
    private static final int LENGTH = 80;
    private static final int HORIZON = 4;

    private static Dataset<Row> sines(SparkSession spark) {
        Random random = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            double period = 8 + random.nextInt(8);
            for (int t = 0; t < LENGTH; t++) {
                rows.add(RowFactory.create("s" + s, (long) t, Math.sin(2 * Math.PI * t / period)
                        + 0.05 * random.nextGaussian()));
            }
        }
        return spark.createDataFrame(rows, new StructType().add("unique_id", DataTypes.StringType)
                .add("ds", DataTypes.LongType).add("y", DataTypes.DoubleType));
    }

    private static List<Row> scored(Evaluation e, long cutoffStep) {
        return e.forecasts().where("y IS NOT NULL AND cutoff_step = " + cutoffStep)
                .orderBy("model", "unique_id", "step").selectExpr("model", "unique_id", "step", "y_hat", "y")
                .collectAsList();
    }

    @Test
    void eachOriginIsForecastAsTheModelsOwnTestAndOriginsItTrainedOnAreRefused() {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> data = sines(spark);
        RnnForecastModel model = new RnnForecaster().setInput(12).setHorizon(HORIZON).setSplitMode("time")
                .setCutoffs(2).setMaxWindowsPerSeries(8).setEpochs(1).setWorkers(2).fit(data);
        long last = LENGTH - HORIZON - 1;
        long before = last - HORIZON;
        try (Evaluation test = model.evaluate(data); Evaluation one = model.crossValidate(data, 1)) {
            List<Row> cutoffs = test.forecasts().where("y IS NOT NULL").select("cutoff_step").distinct()
                    .orderBy("cutoff_step").collectAsList();
            assertEquals(List.of(before, last), cutoffs.stream().map(r -> r.getLong(0)).toList());
            List<Row> lastOrigin = scored(test, last);
            // lstm, naive, linear for every series and step (seasonal naive needs a season above 1)
            assertEquals(3 * SERIES * HORIZON, lastOrigin.size());
            List<Row> crossValidated = scored(one, last);
            assertEquals(lastOrigin.size(), crossValidated.size());
            for (int i = 0; i < lastOrigin.size(); i++) {
                Row want = lastOrigin.get(i);
                Row got = crossValidated.get(i);
                assertEquals(want.getString(0) + want.getString(1) + want.getInt(2) + want.getDouble(4),
                        got.getString(0) + got.getString(1) + got.getInt(2) + got.getDouble(4), "row " + i);
                // the network's float kernels batch the windows of a partition (here 2 origins against 1): its
                // outputs agree to float rounding, 2^-23 relative; the baselines are computed per window, exactly
                double tolerance = want.getString(0).startsWith("lstm") ? 1e-6 * Math.max(1, Math.abs(
                        want.getDouble(3))) : 0;
                assertEquals(want.getDouble(3), got.getDouble(3), tolerance, "row " + i + ": " + want);
            }
            assertTrue(scored(one, before).isEmpty());
            assertTrue(one.summary().count() >= 3);
        }
        var refused = assertThrows(ConfigProblem.class, () -> model.crossValidate(data, 3));
        assertTrue(refused.getMessage().contains("would score windows it trained on"), refused.getMessage());
    }
}
