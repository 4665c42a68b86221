package io.rnnforecast.output;

import io.rnnforecast.train.EpochStats;
import io.rnnforecast.window.Task;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

/**
 * The Parquet tables under the output root, each partitioned by run_id. Writing a run replaces exactly that run's
 * partition, crash-safely (see {@link #write}): a rerun leaves one copy of its rows and other runs untouched. With
 * a catalog ({@link CatalogSpec}), each write then registers the run's partition there ({@link ResultCatalog}).
 */
public final class ResultTables {
    private static final Logger LOG = LoggerFactory.getLogger(ResultTables.class);
    private static final String STAGING = "_staging";
    private static final String SWAPS = "_swaps";
    private static final String TRASH = "_trash";
    private static final String ROWS = "rows";
    private static final String EMPTY = "empty";
    /**
     * An intent younger than this may belong to a writer still swapping (a swap takes milliseconds): recovery
     * leaves it alone, so two jobs writing different runs of a table never finish each other's swaps.
     */
    static long swapGraceMillis = 120_000;
    /**
     * Staged writes and trash without an intent are removed once this old: a concurrent writer's staging
     * directory (a long write) must not be deleted under it.
     */
    static long orphanAgeMillis = 24L * 3600 * 1000;
    /** Called after each step of a swap; tests halt the JVM there to check every crash point. */
    static java.util.function.Consumer<String> stepHook = step -> {
    };

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

    /** The output root the tables are under. */
    public String root() {
        return root;
    }

    public String path(ResultTable table) {
        return root.endsWith("/") ? root + table.tableName() : root + "/" + table.tableName();
    }

    /**
     * Replaces run {@code runId}'s partition of {@code table} with {@code rows} (all of that run; none leaves the run
     * no partition), so that a crash at any moment leaves either the complete old or the complete new rows:
     * <ol>
     * <li>the rows are written to {@code <table>/_staging/<id>/} (a path Spark's readers skip: it starts with '_'),
     * so jobs writing different runs at once never share Spark's _temporary directory; a crash here leaves the old
     * partition untouched and garbage in _staging, removed a day later;</li>
     * <li>an intent file {@code <table>/_swaps/run_id=<run>} naming the staged write is created: from now on the
     * new rows are complete and the swap will be finished by whoever opens the table next ({@link #recover});</li>
     * <li>the old partition is renamed into {@code _trash}, the staged one renamed into place, then the intent,
     * the staging and the trash are deleted. An intent left by a crashed writer is finished by the next job that
     * opens the table once the intent is 2 minutes old (younger ones may be a live writer's), or overwritten by a
     * rerun of the same run.</li>
     * </ol>
     * On HDFS and local filesystems a directory rename is atomic, so a reader sees the old or the new partition,
     * or (for the moment between the two renames, or after a crash there until the next write or read through
     * this class) none. On object stores (s3a) a rename copies file by file: a concurrent reader can see a partial
     * partition during the swap; the end state after a crash is still whole once recovered.
     */
    public void write(ResultTable table, String runId, Dataset<Row> rows) {
        String mismatch = table.mismatch(rows.schema());
        if (mismatch != null) {
            throw new IllegalStateException("Cannot write run " + runId + ": " + mismatch);
        }
        replaceRun(table, runId, rows);
    }

    /**
     * Spark's default rebase mode (EXCEPTION) fails the write of any timestamp before 1900 (Parquet INT96) or date
     * before 1582 instead of choosing between Spark 3's proleptic Gregorian calendar and the hybrid one of Spark 2
     * and Hive 2: a yearly series from the 1700s lost a whole run's evaluation at its forecasts table. The tables
     * are written by and for Spark 3 and later, so values are written as they are (CORRECTED); a session that chose
     * LEGACY for old readers keeps its choice.
     */
    static void writeDatesAsTheyAre(SparkSession spark) {
        for (String key : List.of("spark.sql.parquet.int96RebaseModeInWrite",
                "spark.sql.parquet.datetimeRebaseModeInWrite")) {
            if ("EXCEPTION".equalsIgnoreCase(spark.conf().get(key, "EXCEPTION"))) {
                spark.conf().set(key, "CORRECTED");
            }
        }
    }

    /** {@link #write} without the schema check (the swap itself, for rows of any schema). */
    void replaceRun(ResultTable table, String runId, Dataset<Row> rows) {
        recover(table);
        String id = UUID.randomUUID().toString();
        Path staging = new Path(new Path(path(table), STAGING), id);
        writeDatesAsTheyAre(rows.sparkSession());
        rows.write().mode(SaveMode.ErrorIfExists).partitionBy("run_id").parquet(staging.toString());
        try {
            FileSystem fs = staging.getFileSystem(hadoop());
            boolean hasRows = fs.exists(new Path(staging, partitionName(runId)));
            Path intent = intentPath(table, runId);
            try (FSDataOutputStream out = fs.create(intent, true)) {
                out.write((id + "\n" + (hasRows ? ROWS : EMPTY) + "\n").getBytes(StandardCharsets.UTF_8));
                out.hflush();
            }
            stepHook.accept("intent");
            finishSwap(fs, table, runId, id, hasRows);
            registerInCatalog(table, runId, rows.schema());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace run " + runId + " in " + path(table) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Finishes every swap a crashed writer left in {@code table} (see {@link #write}; intents older than
     * {@link #swapGraceMillis}) and removes staged writes and trash no intent names once older than
     * {@link #orphanAgeMillis}.
     */
    public void recover(ResultTable table) {
        Path swaps = new Path(path(table), SWAPS);
        long now = System.currentTimeMillis();
        try {
            FileSystem fs = swaps.getFileSystem(hadoop());
            java.util.Set<String> live = new java.util.HashSet<>();
            if (fs.exists(swaps)) {
                for (FileStatus intent : fs.listStatus(swaps)) {
                    if (now - intent.getModificationTime() < swapGraceMillis) {
                        live.add(firstLine(fs, intent.getPath()));
                        continue;
                    }
                    String runId = intent.getPath().getName().substring("run_id=".length());
                    String[] lines;
                    try (var in = fs.open(intent.getPath())) {
                        lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
                    }
                    LOG.warn("finishing an interrupted rewrite of run {} in {}", runId, path(table));
                    finishSwap(fs, table, runId, lines[0], ROWS.equals(lines[1]));
                }
            }
            for (String dir : List.of(STAGING, TRASH)) {
                Path parent = new Path(path(table), dir);
                if (!fs.exists(parent)) {
                    continue;
                }
                for (FileStatus orphan : fs.listStatus(parent)) {
                    if (!live.contains(orphan.getPath().getName())
                            && now - orphan.getModificationTime() >= orphanAgeMillis) {
                        fs.delete(orphan.getPath(), true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recover " + path(table) + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(FileSystem fs, Path file) throws IOException {
        try (var in = fs.open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")[0];
        }
    }

    /** Idempotent: may run again after a crash at any of its steps. */
    private void finishSwap(FileSystem fs, ResultTable table, String runId, String id, boolean hasRows)
            throws IOException {
        Path partition = new Path(path(table), partitionName(runId));
        Path staged = new Path(new Path(new Path(path(table), STAGING), id), partitionName(runId));
        Path trash = new Path(new Path(path(table), TRASH), id);
        if (hasRows ? fs.exists(staged) : fs.exists(partition)) {
            fs.mkdirs(trash.getParent());
            if (fs.exists(partition) && !fs.rename(partition, trash)) {
                throw new IOException("rename " + partition + " -> " + trash + " returned false");
            }
            stepHook.accept("old-moved");
            if (hasRows && !fs.rename(staged, partition)) {
                throw new IOException("rename " + staged + " -> " + partition + " returned false");
            }
            stepHook.accept("new-moved");
        }
        fs.delete(intentPath(table, runId), false);
        fs.delete(new Path(new Path(path(table), STAGING), id), true);
        fs.delete(trash, true);
    }

    /** Adds run {@code runId}'s partition of {@code table} to the catalog (or drops it: no rows), if there is one. */
    private void registerInCatalog(ResultTable table, String runId, StructType schema) {
        if (!catalogSpec.enabled()) {
            return;
        }
        if (catalog == null) {
            catalog = ResultCatalog.open(spark, catalogSpec, this);
        }
        catalog.register(table, runId, schema);
    }

    private Path intentPath(ResultTable table, String runId) {
        return new Path(new Path(path(table), SWAPS), partitionName(runId));
    }

    private static String partitionName(String runId) {
        return "run_id=" + runId;
    }

    private org.apache.hadoop.conf.Configuration hadoop() {
        return spark.sparkContext().hadoopConfiguration();
    }

    /** Writes {@code run}'s row of the runs table, its columns by name. */
    public void writeRun(RunRecord run) {
        java.util.Map<String, Object> columns = run.columns();
        StructType schema = ResultTable.RUNS.schema();
        Object[] values = new Object[schema.fields().length];
        for (int i = 0; i < values.length; i++) {
            String name = schema.fields()[i].name();
            if (!columns.containsKey(name)) {
                throw new IllegalStateException("The runs row has no value for column " + name);
            }
            values[i] = columns.get(name);
        }
        write(ResultTable.RUNS, run.runId(), spark.createDataFrame(List.of(RowFactory.create(values)), schema)
                .coalesce(1));
    }

    /**
     * The epochs of the model a run used, under that run's id (its model's own run is {@code runs.model_run_id}),
     * so a run's learning curve is queried like its metrics. A classifier's validation figure is its mean
     * cross-entropy, written in validation_cross_entropy; a forecaster's MSE in validation_mse.
     */
    public void writeEpochs(String runId, List<EpochStats> epochs, Task task) {
        boolean crossEntropy = task.classifies();
        List<Row> rows = epochs.stream().map(e -> RowFactory.create(runId, e.epoch(),
                RunRecord.nullIfNaN(e.trainingLoss()), crossEntropy ? null : RunRecord.nullIfNaN(e.validationMse()),
                RunRecord.nullIfNaN(e.samplesPerSecond()), e.seconds(), e.rounds(),
                crossEntropy ? RunRecord.nullIfNaN(e.validationMse()) : null)).toList();
        write(ResultTable.EPOCHS, runId, spark.createDataFrame(rows, ResultTable.EPOCHS.schema()).coalesce(1));
    }

    /**
     * All runs of a table (after finishing any interrupted rewrite); runs written by older versions lack newer
     * columns (null there).
     */
    public Dataset<Row> read(ResultTable table) {
        recover(table);
        return spark.read().option("mergeSchema", "true").parquet(path(table));
    }
}
