package io.rnnforecast.eval;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

/**
 * Aggregates forecast rows ({@link Forecaster#SCHEMA}) into the metric tables. Errors are e = y_hat - y;
 * mae = mean |e|, mse = mean e^2, rmse = sqrt(mse). Step 0 in {@code series_metrics} aggregates all steps.
 * {@code last_time_step_mse} (Géron) is the MSE over the horizon of each series' final window, the forecast made at
 * the last observed time step; it is written only when horizon > 1.
 */
public final class EvaluationTables {
    private EvaluationTables() {
    }

    public static Dataset<Row> seriesMetrics(Dataset<Row> predictions, String runId, String dataset) {
        Dataset<Row> errors = withError(predictions);
        Dataset<Row> perStep = errors.groupBy(col("model"), col("unique_id"), col("step")).agg(
                avg(abs(col("e"))).as("mae"), avg(col("e2")).as("mse"), count(lit(1)).as("n"));
        Dataset<Row> allSteps = errors.groupBy(col("model"), col("unique_id")).agg(
                        avg(abs(col("e"))).as("mae"), avg(col("e2")).as("mse"), count(lit(1)).as("n"))
                .withColumn("step", lit(0));
        return perStep.unionByName(allSteps).select(
                lit(runId).as("run_id"), col("model"), lit(dataset).as("dataset"), col("unique_id"),
                col("step"), col("mae"), col("mse"), sqrt(col("mse")).as("rmse"), col("n"));
    }

    public static Dataset<Row> summary(Dataset<Row> predictions, String runId, String dataset, String split,
                                       int horizon) {
        Column lastStep = horizon > 1 ? avg(when(col("last_window"), col("e2"))) : lit(null).cast("double");
        return withError(predictions).groupBy(col("model")).agg(
                        avg(abs(col("e"))).as("mae"), avg(col("e2")).as("mse"),
                        countDistinct(col("unique_id")).as("n_series"), count(lit(1)).as("n_points"),
                        lastStep.as("last_time_step_mse"))
                .select(lit(runId).as("run_id"), col("model"), lit(dataset).as("dataset"), lit(split).as("split"),
                        col("mae"), col("mse"), sqrt(col("mse")).as("rmse"), col("n_series"), col("n_points"),
                        col("last_time_step_mse"));
    }

    private static Dataset<Row> withError(Dataset<Row> predictions) {
        Column e = col("y_hat").minus(col("y"));
        return predictions.withColumn("e", e).withColumn("e2", e.multiply(e));
    }
}
