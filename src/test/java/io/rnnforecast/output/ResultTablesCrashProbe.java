package io.rnnforecast.output;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * A separate JVM that rewrites one run of a table and dies: args root, runId, value, rows, crashAt (a swap step
 * of {@link ResultTables#write} at which to halt like kill -9, or "slow": write slowly, creating the file
 * {@code args[5]} when the write's tasks have started, and wait to be killed).
 */
public final class ResultTablesCrashProbe {
    private ResultTablesCrashProbe() {
    }

    public static void main(String[] args) {
        String root = args[0];
        String runId = args[1];
        int value = Integer.parseInt(args[2]);
        int rows = Integer.parseInt(args[3]);
        String crashAt = args[4];
        SparkSession spark = SparkSession.builder().master("local[1]").appName("crash-probe")
                .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        ResultTables.stepHook = step -> {
            if (step.equals(crashAt)) {
                Runtime.getRuntime().halt(137);
            }
        };
        java.io.File writing = new java.io.File(args[5]);
        spark.udf().register("slowly", (UDF1<Long, Long>) id -> {
            writing.createNewFile();
            Thread.sleep(200);
            return id;
        }, DataTypes.LongType);
        Dataset<Row> data = spark.range(rows).select(lit(runId).as("run_id"),
                ("slow".equals(crashAt) ? callUDF("slowly", col("id")) : col("id")).as("id"), lit(value).as("v"));
        new ResultTables(spark, root).replaceRun(ResultTable.SUMMARY, runId, data);
        System.exit(0);
    }
}
