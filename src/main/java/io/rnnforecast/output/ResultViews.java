package io.rnnforecast.output;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Registers the result tables that have rows under an output root as temporary views named after them. */
public final class ResultViews {

    private ResultViews() {
    }

    public static void register(SparkSession spark, String outputRoot) {
        ResultTables tables = new ResultTables(spark, outputRoot);
        for (ResultTable table : ResultTable.values()) {
            Path path = new Path(tables.path(table));
            try {
                // A table with no rows yet (the rejects of clean data) has no Parquet files to read: no view.
                var files = path.getFileSystem(spark.sparkContext().hadoopConfiguration())
                        .globStatus(new Path(path, "run_id=*/*.parquet"));
                if (files == null || files.length == 0) {
                    continue;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
            }
            tables.read(table).createOrReplaceTempView(table.tableName());
        }
    }
}
