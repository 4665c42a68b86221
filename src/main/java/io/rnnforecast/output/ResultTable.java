package io.rnnforecast.output;

import io.rnnforecast.eval.ClassificationTables;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The result tables: each one's name (its directory under the output root and its name in the catalog) and its
 * schema. {@link ResultTables#write} refuses rows whose columns (names and types, in order) are not the table's,
 * so a change to what the evaluation computes cannot reach the Parquet files unnoticed.
 */
public enum ResultTable {
    // interval bounds and metrics by level (percent): lo[80], coverage[95], ... (eval.PredictionIntervals);
    // quantile forecasts and metrics by level key: quantiles['0.1'], pinball['0.9'] (eval.EvaluationTables)
    SUMMARY("summary", withErrors(new StructType()
            .add("run_id", DataTypes.StringType).add("model", DataTypes.StringType)
            .add("dataset", DataTypes.StringType).add("split", DataTypes.StringType))
            .add("n_series", DataTypes.LongType)
            .add("n_points", DataTypes.LongType).add("last_time_step_mse", DataTypes.DoubleType)
            .add("all_steps_mse", DataTypes.DoubleType).add("smape", DataTypes.DoubleType)
            .add("smape_median_series", DataTypes.DoubleType).add("beats_naive_share", DataTypes.DoubleType)
            .add("beats_seasonal_naive_share", DataTypes.DoubleType).add("mase_mean", DataTypes.DoubleType)
            .add("mase_median", DataTypes.DoubleType)
            .add("coverage", Types.LEVEL_MAP).add("interval_width", Types.LEVEL_MAP).add("msis", Types.LEVEL_MAP)
            .add("pinball", Types.QUANTILE_MAP).add("pinball_mean", DataTypes.DoubleType)
            .add("crps", DataTypes.DoubleType)),
    SERIES_METRICS("series_metrics", withErrors(new StructType()
            .add("run_id", DataTypes.StringType).add("model", DataTypes.StringType)
            .add("dataset", DataTypes.StringType).add("unique_id", DataTypes.StringType)
            .add("step", DataTypes.IntegerType))
            .add("n", DataTypes.LongType).add("smape", DataTypes.DoubleType).add("skill", DataTypes.DoubleType)
            .add("skill_seasonal", DataTypes.DoubleType).add("mase", DataTypes.DoubleType)
            .add("rmsse", DataTypes.DoubleType)
            .add("coverage", Types.LEVEL_MAP).add("interval_width", Types.LEVEL_MAP).add("msis", Types.LEVEL_MAP)
            .add("pinball", Types.QUANTILE_MAP).add("pinball_mean", DataTypes.DoubleType)
            .add("crps", DataTypes.DoubleType)),
    FORECASTS("forecasts", new StructType()
            .add("run_id", DataTypes.StringType).add("model", DataTypes.StringType)
            .add("unique_id", DataTypes.StringType).add("cutoff", DataTypes.TimestampType)
            .add("ds", DataTypes.TimestampType).add("cutoff_step", DataTypes.LongType)
            .add("ds_step", DataTypes.LongType).add("step", DataTypes.IntegerType)
            .add("y_hat", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
            .add("lo", Types.LEVEL_MAP).add("hi", Types.LEVEL_MAP).add("quantiles", Types.QUANTILE_MAP)),
    REJECTS("rejects", new StructType()
            .add("run_id", DataTypes.StringType).add("unique_id", DataTypes.StringType)
            .add("reason", DataTypes.StringType).add("n_rows", DataTypes.LongType)),
    RUNS("runs", Schemas.RUNS),
    /**
     * The model's training history, one row per epoch; the validation figure is the task's: a forecaster's MSE in
     * validation_mse, a classifier's mean cross-entropy in validation_cross_entropy (the other null).
     */
    EPOCHS("epochs", new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("epoch", DataTypes.IntegerType, false)
            .add("training_loss", DataTypes.DoubleType, true)
            .add("validation_mse", DataTypes.DoubleType, true)
            .add("samples_per_sec", DataTypes.DoubleType, true)
            .add("seconds", DataTypes.DoubleType, false)
            .add("rounds", DataTypes.IntegerType, false)
            .add("validation_cross_entropy", DataTypes.DoubleType, true)),
    /** A classifier's predictions (the classification tasks). */
    LABELS("labels", new StructType()
            .add("run_id", DataTypes.StringType).add("model", DataTypes.StringType)
            .add("unique_id", DataTypes.StringType).add("ds", DataTypes.TimestampType)
            .add("ds_step", DataTypes.LongType).add("window_end", DataTypes.LongType)
            .add("actual", DataTypes.StringType).add("predicted", DataTypes.StringType)
            .add("probability", DataTypes.DoubleType).add("p_actual", DataTypes.DoubleType)),
    CLASSIFICATION_METRICS("classification_metrics", ClassificationTables.METRICS_SCHEMA);

    private final String tableName;
    private final StructType schema;

    ResultTable(String tableName, StructType schema) {
        this.tableName = tableName;
        this.schema = schema;
    }

    /** {@code t} then the error columns of summary and series_metrics: on the original, then the scaled axis. */
    private static StructType withErrors(StructType t) {
        return t.add("mae", DataTypes.DoubleType).add("mse", DataTypes.DoubleType).add("rmse", DataTypes.DoubleType)
                .add("mae_scaled", DataTypes.DoubleType).add("mse_scaled", DataTypes.DoubleType)
                .add("rmse_scaled", DataTypes.DoubleType);
    }

    /** The directory and catalog name. */
    public String tableName() {
        return tableName;
    }

    public StructType schema() {
        return schema;
    }

    /** The table called {@code name}, or an IllegalArgumentException listing the tables. */
    public static ResultTable named(String name) {
        for (ResultTable t : values()) {
            if (t.tableName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("No result table " + name + " (tables: " + String.join(", ", names())
                + ")");
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (ResultTable t : values()) {
            names.add(t.tableName);
        }
        return names;
    }

    /**
     * Whether {@code actual} has this table's columns, by name and type, in order (nullability aside: Spark
     * derives it from the plan); {@code run_id} may come anywhere (a partition column).
     */
    public String mismatch(StructType actual) {
        List<String> want = columns(schema);
        List<String> have = columns(actual);
        return want.equals(have) ? null : "table " + tableName + " takes " + want + ", got " + have;
    }

    private static List<String> columns(StructType type) {
        List<String> out = new ArrayList<>();
        for (StructField f : type.fields()) {
            out.add(f.name() + " " + simple(f.dataType()));
        }
        return out;
    }

    private static String simple(DataType t) {
        return t instanceof StructType s ? columns(s).toString() : t.catalogString().replaceAll(",false|,true", "");
    }

    /** The type of the per-level columns (a nested class: an enum's constants cannot read its own statics). */
    private static final class Types {
        static final MapType LEVEL_MAP = DataTypes.createMapType(DataTypes.IntegerType, DataTypes.DoubleType, true);
        /** A quantile network's values by level key ("0.1"): forecasts.quantiles, pinball (eval.EvaluationTables). */
        static final MapType QUANTILE_MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true);
    }

    /** The runs table's schema, declared where its row is built (RunRecord.columns()). */
    private static final class Schemas {
        private static final MapType COUNTS = DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false);
        static final StructType RUNS = new StructType()
                .add("run_id", DataTypes.StringType, false)
                .add("command", DataTypes.StringType, false)
                .add("model_run_id", DataTypes.StringType, false)
                .add("model", DataTypes.StringType, false)
                .add("dataset", DataTypes.StringType, false)
                .add("started_at", DataTypes.TimestampType, false)
                .add("finished_at", DataTypes.TimestampType, false)
                .add("config", DataTypes.StringType, false)
                .add("code_version", DataTypes.StringType, false)
                .add("spark_master", DataTypes.StringType, false)
                .add("executors", DataTypes.IntegerType, false)
                .add("workers", DataTypes.IntegerType, false)
                .add("train_windows", DataTypes.LongType, false)
                .add("train_samples_per_sec", DataTypes.DoubleType, false)
                .add("train_wall_seconds", DataTypes.DoubleType, false)
                .add("final_validation_mse", DataTypes.DoubleType, true)
                .add("epochs_trained", DataTypes.IntegerType, false)
                .add("best_epoch", DataTypes.IntegerType, false)
                .add("resumed_after_epoch", DataTypes.IntegerType, false)
                .add("stop_reason", DataTypes.StringType, true)
                .add("rounds_per_epoch", DataTypes.IntegerType, false)
                .add("round_overhead_seconds", DataTypes.DoubleType, true)
                .add("executors_lost", DataTypes.IntegerType, false)
                .add("failed_tasks", DataTypes.IntegerType, false)
                .add("rows_read", DataTypes.LongType, false)
                .add("rows_used", DataTypes.LongType, false)
                .add("rows_dropped", COUNTS, false)
                .add("rows_filled", DataTypes.LongType, false)
                .add("series_read", DataTypes.LongType, false)
                .add("series_used", DataTypes.LongType, false)
                .add("series_rejected", COUNTS, false)
                .add("series_irregular", DataTypes.LongType, false)
                .add("final_validation_cross_entropy", DataTypes.DoubleType, true);
    }
}
