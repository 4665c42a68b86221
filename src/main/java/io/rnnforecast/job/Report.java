package io.rnnforecast.job;

import io.rnnforecast.output.ResultTable;
import io.rnnforecast.output.ResultTables;
import io.rnnforecast.api.Evaluation;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.PrintWriter;

import static org.apache.spark.sql.functions.col;

/** What a finished run prints: the summary (model against naive), where the tables are, and a query to paste. */
final class Report {
    private Report() {
    }

    /** What a run's headline table is: its name, the columns printed and those the pasted query selects. */
    private record Headline(String title, ResultTable table, String[] columns, String query, String orderBy) {
        /** By the rows' columns: a classifier's run (the model's task, whatever the command line says) has metrics. */
        static Headline of(Dataset<Row> rows) {
            return java.util.Arrays.asList(rows.columns()).contains("accuracy")
                    ? new Headline("classification metrics", ResultTable.CLASSIFICATION_METRICS, new String[] {"model",
                    "dataset", "split", "task", "n", "accuracy", "macro_f1", "log_loss"},
                    "model, accuracy, macro_f1, log_loss, pc.*", "accuracy DESC")
                    : new Headline("summary", ResultTable.SUMMARY, new String[] {"model", "dataset", "split", "mae",
                    "mse", "rmse", "n_series", "n_points", "last_time_step_mse", "all_steps_mse",
                    // the interval metrics per level, short enough to read (null maps without intervals)
                    "transform_values(coverage, (level, v) -> round(v, 3)) AS coverage",
                    "transform_values(msis, (level, v) -> round(v, 3)) AS msis"},
                    "model, mae, mse, rmse, n_series", "mse");
        }

        /** The query to paste over {@code from}: classification metrics with one row per class. */
        String sql(String from, String runId) {
            String perClass = table == ResultTable.CLASSIFICATION_METRICS
                    ? " LATERAL VIEW inline(per_class) pc" : "";
            return "SELECT " + query + " FROM " + from + perClass + " WHERE run_id = '" + runId + "' ORDER BY "
                    + orderBy + ";";
        }
    }

    static void print(PrintWriter out, JobConfig config, Dataset<Row> summary) {
        String runId = summary.select("run_id").first().getString(0);
        Headline headline = Headline.of(summary);
        out.println();
        out.println("Run " + runId + ": test-split " + headline.title());
        out.println(summary.selectExpr(headline.columns()).orderBy("model").showString(20, 0, false));
        ResultTables tables = new ResultTables(summary.sparkSession(), config.outputRoot());
        out.println("Result tables (Parquet, partitioned by run_id):");
        for (ResultTable table : ResultTable.values()) {
            out.println("  " + table.tableName() + ": " + qualified(summary.sparkSession(), tables.path(table)));
        }
        if (config.plots() && headline.table() == ResultTable.SUMMARY) {
            out.println("Plots (PNG): " + qualified(summary.sparkSession(),
                    Evaluation.plotsDirectory(config.outputRoot(), runId)));
        }
        out.println();
        if (config.catalog().enabled()) {
            out.println("Catalog tables " + config.catalog().database() + ".{" + String.join(", ", ResultTable.names())
                    + "}; query them with ./submit/run-local.sh sql \"...\", spark-sql (./submit/run-local.sh catalog"
                    + " prints its --conf settings) or the Thrift JDBC server (./submit/thrift-server.sh):");
            out.println("  " + headline.sql(config.catalog().database() + "." + headline.table().tableName(), runId));
        } else {
            out.println("Query them with Spark SQL (spark-sql, or ./submit/run-local.sh sql \"...\" with views of the"
                    + " same names):");
            out.println("  " + headline.sql("parquet.`" + qualified(summary.sparkSession(),
                    tables.path(headline.table())) + "`", runId));
        }
        out.flush();
    }

    /** What a predict run prints: counts, a few forecasts, where they are and a query to paste. */
    static void printPredict(PrintWriter out, JobConfig config, PredictStep.Outcome outcome, int show) {
        SparkSession spark = SparkSession.active();
        ResultTables tables = new ResultTables(spark, config.outputRoot());
        String forecasts = qualified(spark, tables.path(ResultTable.FORECASTS));
        out.println();
        out.printf("Run %s: forecast %,d series past their last observation (%,d never seen in training)%n",
                outcome.runId(), outcome.seriesForecast(), outcome.newSeries());
        out.println(outcome.counts());
        out.println(tables.read(ResultTable.FORECASTS).where(col("run_id").equalTo(outcome.runId()))
                .select("model", "unique_id", "ds", "ds_step", "step", "y_hat").orderBy("unique_id", "model", "step")
                .showString(show, 0, false));
        out.println("forecasts: " + forecasts);
        out.println("rejects:   " + qualified(spark, tables.path(ResultTable.REJECTS)));
        String from = config.catalog().enabled() ? config.catalog().database() + ".forecasts"
                : "parquet.`" + forecasts + "`";
        out.println("  SELECT unique_id, ds, step, y_hat, lo, hi FROM " + from + " WHERE run_id = '" + outcome.runId()
                + "' AND model <> 'naive' ORDER BY unique_id, step;");
        out.flush();
    }

    private static String qualified(SparkSession spark, String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
        } catch (java.io.IOException e) {
            return path;
        }
    }
}
