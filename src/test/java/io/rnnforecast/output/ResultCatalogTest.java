package io.rnnforecast.output;

import io.rnnforecast.SparkTestSession;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the catalog holds after ResultTables writes, in a Hive session over an embedded Derby metastore. */
class ResultCatalogTest {
    private static final StructType REJECTS = new StructType().add("run_id", DataTypes.StringType)
            .add("unique_id", DataTypes.StringType).add("reason", DataTypes.StringType)
            .add("n_rows", DataTypes.LongType);

    @TempDir
    Path dir;

    private SparkSession spark;
    private Metastore metastore;
    private CatalogSpec spec;

    @BeforeEach
    void hiveSession() {
        SparkTestSession.stopAll();
        spec = new CatalogSpec(true, "results", "", dir.resolve("catalog").toString(), "");
        metastore = Metastore.of(spec);
        SparkSession.Builder builder = SparkSession.builder().master("local[2]").appName("catalog-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2");
        metastore.sparkConf().forEach(builder::config);
        spark = builder.getOrCreate();
    }

    @AfterEach
    void stop() {
        spark.stop();
        metastore.release();
    }

    private Dataset<Row> rejects(String runId, int n, StructType schema) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object[] values = new Object[schema.size()];
            values[0] = runId;
            values[1] = "s" + i;
            values[2] = "too_short";
            values[3] = (long) i;
            for (int k = 4; k < values.length; k++) {
                values[k] = "v" + i;
            }
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, schema).coalesce(1);
    }

    private long count(String where) {
        return spark.sql("SELECT count(*) FROM results.rejects WHERE " + where).first().getLong(0);
    }

    private List<String> partitions() {
        return spark.sql("SHOW PARTITIONS results.rejects").as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();
    }

    @Test
    void runsAddReplaceAndDropTheirPartitionsAndNewColumnsAreAdded() {
        String root = dir.resolve("tables").toUri().toString();
        ResultTables tables = new ResultTables(spark, root, spec);
        // A table whose first run has no rows is still registered (empty), with the schema written.
        tables.replaceRun(ResultTable.REJECTS, "clean", rejects("clean", 0, REJECTS));
        assertEquals(0, count("true"));
        assertEquals(List.of(), partitions());

        tables.replaceRun(ResultTable.REJECTS, "a", rejects("a", 3, REJECTS));
        tables.replaceRun(ResultTable.REJECTS, "b", rejects("b", 2, REJECTS));
        assertEquals(List.of("run_id=a", "run_id=b"), partitions());
        tables.replaceRun(ResultTable.REJECTS, "a", rejects("a", 1, REJECTS));   // rerun: replaced
        assertEquals(1, count("run_id = 'a'"));
        tables.replaceRun(ResultTable.REJECTS, "a", rejects("a", 0, REJECTS));   // rerun with no rows: gone
        assertEquals(List.of("run_id=b"), partitions());
        assertEquals(0, count("run_id = 'a'"));

        // Newer code writes another column: added to the table; older runs read it as null.
        tables.replaceRun(ResultTable.REJECTS, "c", rejects("c", 2, REJECTS.add("detail", DataTypes.StringType)));
        assertEquals("unique_id,reason,n_rows,detail,run_id",
                String.join(",", spark.table("results.rejects").columns()));
        assertEquals(2, count("detail IS NOT NULL"));
        assertEquals(2, count("run_id = 'b' AND detail IS NULL"));

        // The same database for another output root is refused, naming both places.
        ResultTables elsewhere = new ResultTables(spark, dir.resolve("other").toUri().toString(), spec);
        var e = assertThrows(IllegalStateException.class,
                () -> elsewhere.replaceRun(ResultTable.REJECTS, "x", rejects("x", 1, REJECTS)));
        assertTrue(e.getMessage().contains("results.rejects is registered at") && e.getMessage().contains("other"),
                e.getMessage());
    }

    @Test
    void tablesWrittenWithoutTheCatalogAreRegisteredWithAllTheirRuns() {
        String root = dir.resolve("tables").toUri().toString();
        ResultTables pathsOnly = new ResultTables(spark, root);
        pathsOnly.replaceRun(ResultTable.REJECTS, "old-1", rejects("old-1", 2, REJECTS));
        pathsOnly.replaceRun(ResultTable.REJECTS, "20240101", rejects("20240101", 1, REJECTS));
        ResultCatalog catalog = ResultCatalog.open(spark, spec, new ResultTables(spark, root, spec));
        catalog.registerExisting();
        catalog.use();
        assertEquals(List.of("run_id=20240101", "run_id=old-1"), partitions());
        // run_id stays a string even where the directory name looks like a number
        assertEquals("string", spark.table("rejects").schema().apply("run_id").dataType().simpleString());
        assertEquals(3, spark.sql("SELECT count(*) FROM rejects").first().getLong(0));
    }
}
