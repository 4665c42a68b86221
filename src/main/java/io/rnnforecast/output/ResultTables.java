package io.rnnforecast.output;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Parquet tables under the output root, each partitioned by run_id. Writing a run replaces exactly that run's
 * partition: a rerun leaves one copy of its rows and other runs untouched. With a catalog ({@link CatalogSpec}),
 * each write then registers the run's partition there ({@link ResultCatalog}).
 */
public final class ResultTables {
    public static final String SERIES_METRICS = "series_metrics";
    public static final String SUMMARY = "summary";
    public static final String RUNS = "runs";
    public static final String FORECASTS = "forecasts";
    public static final String REJECTS = "rejects";
    public static final List<String> ALL = List.of(SUMMARY, SERIES_METRICS, FORECASTS, REJECTS, RUNS);
    private static final MapType COUNTS = DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false);
    public static final StructType RUNS_SCHEMA = new StructType()
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
            .add("series_irregular", DataTypes.LongType, false);

    private final SparkSession spark;
    private final String root;
    private final CatalogSpec catalogSpec;
    /** Opened at the first write. */
    private ResultCatalog catalog;

    /** Path-only tables. */
    public ResultTables(SparkSession spark, String root) {
        this(spark, root, CatalogSpec.disabled());
    }

    public ResultTables(SparkSession spark, String root, CatalogSpec catalog) {
        this.spark = spark;
        this.root = root;
        this.catalogSpec = catalog;
    }

    public String path(String table) {
        return root.endsWith("/") ? root + table : root + "/" + table;
    }

    /**
     * Replaces run {@code runId}'s partition of {@code table} with {@code rows} (all of that run). The partition is
     * deleted first and the rows appended, so a rerun that now has no rows (no rejects, say) leaves none behind,
     * which dynamic partition overwrite alone would not do.
     */
    public void write(String table, String runId, Dataset<Row> rows) {
        Path partition = new Path(path(table), "run_id=" + runId);
        try {
            FileSystem fs = partition.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(partition) && !fs.delete(partition, true)) {
                throw new IOException("delete returned false");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace " + partition + ": " + e.getMessage(), e);
        }
        rows.write()
                .mode(SaveMode.Append)
                .partitionBy("run_id")
                .parquet(path(table));
        registerInCatalog(table, runId, rows.schema());
    }

    /** Adds run {@code runId}'s partition of {@code table} to the catalog (or drops it: no rows), if there is one. */
    private void registerInCatalog(String table, String runId, StructType schema) {
        if (!catalogSpec.enabled()) {
            return;
        }
        if (catalog == null) {
            catalog = ResultCatalog.open(spark, catalogSpec, this);
        }
        catalog.register(table, runId, schema);
    }

    public void writeRun(RunRecord run) {
        Row row = RowFactory.create(run.runId(), run.command(), run.modelRunId(), run.model(), run.dataset(),
                run.startedAt(), run.finishedAt(),
                run.configJson(), run.codeVersion(), run.sparkMaster(), run.executors(), run.workers(),
                run.trainWindows(), run.trainSamplesPerSec(), run.trainWallSeconds(),
                nullIfNaN(run.finalValidationMse()), run.roundsPerEpoch(), nullIfNaN(run.roundOverheadSeconds()),
                run.executorsLost(), run.failedTasks(),
                run.ingest().rowsRead(), run.ingest().rowsUsed(), scalaMap(run.ingest().rowsDropped()),
                run.ingest().rowsFilled(), run.ingest().seriesRead(), run.ingest().seriesUsed(),
                scalaMap(run.ingest().seriesRejected()), run.ingest().seriesIrregular());
        write(RUNS, run.runId(), spark.createDataFrame(List.of(row), RUNS_SCHEMA).coalesce(1));
    }

    private static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static scala.collection.Map<String, Long> scalaMap(java.util.Map<String, Long> map) {
        return scala.collection.JavaConverters.mapAsScalaMap(map);
    }

    /** All runs of a table; runs written by older versions lack newer columns (null there). */
    public Dataset<Row> read(String table) {
        return spark.read().option("mergeSchema", "true").parquet(path(table));
    }
}
