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
    private static Dataset<Row> predictions() {
        List<Row> rows = List.of(
                RowFactory.create("m", "a", 10, true, 1, 1.0, 2.0),
                RowFactory.create("m", "a", 10, true, 2, 2.0, 0.0),
                RowFactory.create("m", "b", 5, false, 1, 0.0, 0.5),
                RowFactory.create("m", "b", 5, false, 2, 0.0, 0.5),
                RowFactory.create("m", "b", 7, true, 1, 3.0, 3.0),
                RowFactory.create("m", "b", 7, true, 2, 3.0, 6.0));
        return SparkTestSession.get().createDataFrame(rows, Forecaster.SCHEMA);
    }

    private static Row metric(Dataset<Row> table, String id, int step) {
        return table.where("unique_id = '" + id + "' AND step = " + step).first();
    }

    @Test
    void seriesMetricsPerStepAndOverAllSteps() {
        Dataset<Row> m = EvaluationTables.seriesMetrics(predictions(), "r1", "toy");
        assertEquals(List.of("run_id", "model", "dataset", "unique_id", "step", "mae", "mse", "rmse", "n"),
                List.of(m.columns()));
        assertEquals(6, m.count());
        Row a0 = metric(m, "a", 0);
        assertEquals(1.5, a0.getDouble(5), 1e-12);
        assertEquals(2.5, a0.getDouble(6), 1e-12);
        assertEquals(Math.sqrt(2.5), a0.getDouble(7), 1e-12);
        assertEquals(2L, a0.getLong(8));
        Row b2 = metric(m, "b", 2);          // e = 0.5, 3
        assertEquals(1.75, b2.getDouble(5), 1e-12);
        assertEquals((0.25 + 9) / 2, b2.getDouble(6), 1e-12);
        Row b0 = metric(m, "b", 0);          // e = 0.5, 0.5, 0, 3
        assertEquals(4.0 / 4, b0.getDouble(5), 1e-12);
        assertEquals(9.5 / 4, b0.getDouble(6), 1e-12);
        assertEquals(4L, b0.getLong(8));
        assertEquals("r1", b0.getString(0));
        assertEquals("toy", b0.getString(2));
    }

    @Test
    void summaryWithLastTimeStepMse() {
        Row s = EvaluationTables.summary(predictions(), "r1", "toy", "test", 2).first();
        assertEquals(List.of("run_id", "model", "dataset", "split", "mae", "mse", "rmse", "n_series", "n_points",
                "last_time_step_mse"), List.of(s.schema().fieldNames()));
        // all e: 1, -2, 0.5, 0.5, 0, 3 -> mae = 7/6, mse = (1+4+0.25+0.25+0+9)/6
        assertEquals(7.0 / 6, s.getDouble(4), 1e-12);
        assertEquals(14.5 / 6, s.getDouble(5), 1e-12);
        assertEquals(Math.sqrt(14.5 / 6), s.getDouble(6), 1e-12);
        assertEquals(2L, s.getLong(7));
        assertEquals(6L, s.getLong(8));
        // last windows only: e = 1, -2, 0, 3 -> (1+4+0+9)/4
        assertEquals(14.0 / 4, s.getDouble(9), 1e-12);
    }

    @Test
    void noLastTimeStepMseForOneStepForecasts() {
        Row s = EvaluationTables.summary(predictions().where("step = 1"), "r1", "toy", "test", 1).first();
        assertTrue(s.isNullAt(9));
    }
}
