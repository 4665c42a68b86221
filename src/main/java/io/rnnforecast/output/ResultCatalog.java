package io.rnnforecast.output;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The result tables by name in the session's catalog: database {@code output.database}, one external Parquet table
 * per result table at its path under the output root, partitioned by run_id. The Parquet layout is the one
 * {@link ResultTables} writes; the catalog only points at it. After each write the run's partition is added
 * ({@code ALTER TABLE ... ADD IF NOT EXISTS PARTITION}: one metastore call whatever the number of runs, where
 * {@code MSCK REPAIR TABLE} lists every run's directory), or dropped when the run wrote no rows to that table.
 * Dropping a table or partition of the catalog never deletes Parquet files (the tables are external).
 */
public final class ResultCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ResultCatalog.class);
    private static final String RUN_ID = "run_id";

    private final SparkSession spark;
    private final String database;
    private final ResultTables tables;

    private ResultCatalog(SparkSession spark, String database, ResultTables tables) {
        this.spark = spark;
        this.database = database;
        this.tables = tables;
    }

    /**
     * Opens the catalog of the tables under {@code tables}' root: creates the database if needed and checks that
     * result tables already registered there point at this root. Fails here, before a command's work, when the
     * metastore cannot be opened (an embedded Derby database held by another JVM) or belongs to another root.
     */
    public static ResultCatalog open(SparkSession spark, CatalogSpec spec, ResultTables tables) {
        if (!"hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"))) {
            LOG.warn("this SparkSession was started without Hive support (before the job's catalog settings"
                    + " applied): the result tables are registered in its in-memory catalog only");
        }
        ResultCatalog catalog = new ResultCatalog(spark, spec.database(), tables);
        try {
            spark.sql("CREATE DATABASE IF NOT EXISTS " + spec.database()
                    + " COMMENT 'rnn-forecast result tables (external, over " + escape(tables.root()) + ")'");
        } catch (Exception e) {   // AnalysisException is not a RuntimeException
            throw explain(e);
        }
        for (ResultTable table : ResultTable.values()) {
            CatalogTable existing = catalog.existing(table);
            if (existing != null) {
                String registered = existing.location().toString();
                String ours = catalog.qualified(tables.path(table)).toString();
                if (!new Path(registered).equals(new Path(ours))) {
                    throw new IllegalStateException("Table " + catalog.name(table) + " is registered at " + registered
                            + ", not at " + ours + ": set output.database to another database for this output.root,"
                            + " drop that table (its files stay), or set catalog.enabled = false");
                }
            }
        }
        return catalog;
    }

    public String database() {
        return database;
    }

    public String name(ResultTable table) {
        return database + "." + table.tableName();
    }

    /**
     * After {@code table}'s partition of {@code runId} was written with rows of {@code schema}: creates the table if
     * needed (adding columns newer code writes), and adds the partition, or drops it when the run wrote no rows.
     */
    public void register(ResultTable table, String runId, StructType schema) {
        ensureTable(table, schema);
        Path partition = new Path(tables.path(table), RUN_ID + "=" + runId);
        String spec = " PARTITION (" + RUN_ID + " = '" + escape(runId) + "')";
        if (exists(partition)) {
            spark.sql("ALTER TABLE " + name(table) + " ADD IF NOT EXISTS" + spec + " LOCATION '"
                    + escape(qualified(partition.toString()).toString()) + "'");
        } else {
            spark.sql("ALTER TABLE " + name(table) + " DROP IF EXISTS" + spec);
        }
        spark.catalog().refreshTable(name(table));
    }

    /**
     * Registers the tables that have rows under the output root but are not in the catalog (written before it,
     * or with catalog.enabled = false), with all their runs' partitions. Tables already there are left as they are.
     */
    public void registerExisting() {
        for (ResultTable table : ResultTable.values()) {
            if (existing(table) != null || !exists(new Path(tables.path(table)))) {
                continue;
            }
            Path root = new Path(tables.path(table));
            try {
                var files = root.getFileSystem(spark.sparkContext().hadoopConfiguration())
                        .globStatus(new Path(root, RUN_ID + "=*/*.parquet"));
                if (files == null || files.length == 0) {
                    continue;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + root + ": " + e.getMessage(), e);
            }
            ensureTable(table, tables.read(table).schema());
            spark.catalog().recoverPartitions(name(table));
            LOG.info("registered {} with the runs found under {}", name(table), root);
        }
    }

    /** Makes the result database the session's current one, so queries name the tables alone. */
    public void use() {
        spark.catalog().setCurrentDatabase(database);
    }

    private void ensureTable(ResultTable table, StructType schema) {
        List<StructField> columns = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!f.name().equals(RUN_ID)) {
                columns.add(f);
            }
        }
        CatalogTable existing = existing(table);
        if (existing == null) {
            StringBuilder ddl = new StringBuilder();
            for (StructField f : columns) {
                ddl.append(quote(f.name())).append(' ').append(f.dataType().sql()).append(", ");
            }
            ddl.append(RUN_ID).append(" STRING");
            try {
                spark.sql("CREATE TABLE IF NOT EXISTS " + name(table) + " (" + ddl + ") USING parquet PARTITIONED BY ("
                        + RUN_ID + ") LOCATION '" + escape(qualified(tables.path(table)).toString()) + "'");
                LOG.info("created table {} over {}", name(table), tables.path(table));
            } catch (Exception e) {
                if (existing(table) == null) {   // not another job creating it at the same moment
                    throw explain(e);
                }
            }
            return;
        }
        List<String> added = new ArrayList<>();
        for (StructField f : columns) {
            if (!List.of(existing.dataSchema().fieldNames()).contains(f.name())) {
                added.add(quote(f.name()) + " " + f.dataType().sql());
            }
        }
        if (!added.isEmpty()) {
            spark.sql("ALTER TABLE " + name(table) + " ADD COLUMNS (" + String.join(", ", added) + ")");
            LOG.info("added columns {} to {}", added, name(table));
        }
    }

    private CatalogTable existing(ResultTable table) {
        var external = spark.sharedState().externalCatalog();
        return external.tableExists(database, table.tableName()) ? external.getTable(database, table.tableName()) : null;
    }

    private boolean exists(Path path) {
        try {
            return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private Path qualified(String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.makeQualified(p);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve " + path + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String column) {
        return "`" + column.replace("`", "``") + "`";
    }

    private static String escape(String literal) {
        return literal.replace("\\", "\\\\").replace("'", "\\'");
    }

    /** Derby's "another JVM holds this database", said with what to do about it. */
    static RuntimeException explain(Exception e) {
        // DataNucleus keeps Derby's error among "nested" exceptions that are not causes: search the whole trace.
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        if (trace.toString().contains("Another instance of Derby may have already booted the database")) {
            return new IllegalStateException("The catalog's Derby metastore is held by another JVM that opened it"
                    + " embedded (a running job or `sql`; Hive retried for ~20 s): run jobs at once only while"
                    + " ./submit/thrift-server.sh runs (its Derby network server lets JVMs share the catalog), wait"
                    + " for the other one, or set catalog.enabled = false", e);
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
}
