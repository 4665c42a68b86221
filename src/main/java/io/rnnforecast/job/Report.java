package io.rnnforecast.job;

import io.rnnforecast.output.ResultViews;
import io.rnnforecast.output.ResultTables;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.PrintWriter;

/** What a finished run prints: the summary (model against naive), where the tables are, and a query to paste. */
final class Report {
    private Report() {
    }

    static void print(PrintWriter out, JobConfig config, Dataset<Row> summary) {
        String runId = summary.select("run_id").first().getString(0);
        out.println();
        out.println("Run " + runId + ": test-split summary");
        out.println(summary.select("model", "dataset", "split", "mae", "mse", "rmse", "n_series", "n_points",
                "last_time_step_mse").orderBy("model").showString(20, 0, false));
        ResultTables tables = new ResultTables(summary.sparkSession(), config.outputRoot());
        out.println("Result tables (Parquet, partitioned by run_id):");
        for (String table : ResultViews.TABLES) {
            out.println("  " + table + ": " + qualified(summary, tables.path(table)));
        }
        out.println();
        out.println("Query them with Spark SQL (spark-sql, or ./submit/run-local.sh sql \"...\" with views of the"
                + " same names):");
        out.println("  SELECT model, mae, mse, rmse, n_series FROM parquet.`"
                + qualified(summary, tables.path(ResultTables.SUMMARY)) + "` WHERE run_id = '" + runId
                + "' ORDER BY mse;");
        out.flush();
    }

    private static String qualified(Dataset<Row> any, String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(any.sparkSession().sparkContext().hadoopConfiguration()).makeQualified(p)
                    .toString();
        } catch (java.io.IOException e) {
            return path;
        }
    }
}
