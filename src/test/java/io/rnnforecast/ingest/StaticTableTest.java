package io.rnnforecast.ingest;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.series.RejectReason;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.ScalingPolicy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * data.static-path: per-series columns from a side table keyed by id reach the series exactly as the same columns
 * repeated on every row of the long table do; a series without a row there is a counted reject; a bad side table
 * is refused, naming it.
 */
class StaticTableTest {
    private static final Map<String, String> STATICS = Map.of("p", "10,north", "q", "20,south", "r", "30,north");

    @TempDir
    Path dir;

    private static IngestSpec spec() {
        return new IngestSpec(SourceFormat.CSV, SeriesColumns.DEFAULT,
                new RepairPolicy(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE, null),
                new ScalingPolicy(Scaling.Method.NONE, ScalingPolicy.WhenConstant.REJECT_SERIES), 3, 1, 1, 1)
                .withCovariates(new CovariateSpec(List.of(), List.of(), List.of(),
                        new StaticCovariates(List.of("size"), List.of("region"))));
    }

    private Dataset<Row> csv(String name, List<String> lines) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, lines);
        return SeriesIngest.load(SparkTestSession.get(), file.toString(), SourceFormat.CSV);
    }

    /** Four steps each of p, q, r and w; with {@code inline}, each row carries its series' size and region. */
    private Dataset<Row> longTable(String name, boolean inline) throws Exception {
        List<String> lines = new ArrayList<>(List.of(inline ? "unique_id,ds,y,size,region" : "unique_id,ds,y"));
        for (String id : List.of("p", "q", "r", "w")) {
            for (int t = 0; t < 4; t++) {
                String row = id + "," + t + "," + (t * t + id.charAt(0));
                if (inline && STATICS.containsKey(id)) {
                    row += "," + STATICS.get(id);
                } else if (inline) {
                    row += ",,";
                }
                lines.add(row);
            }
        }
        return csv(name, lines);
    }

    @Test
    void aSideTablesColumnsServeThePerSeriesCovariatesAsTheLongTablesOwnWould() throws Exception {
        SparkSession spark = SparkTestSession.get();
        // z has no series (left out); w has no row (its statics null: rejected, counted)
        Dataset<Row> side = csv("statics.csv", List.of("unique_id,size,region", "r," + STATICS.get("r"),
                "p," + STATICS.get("p"), "z,99,east", "q," + STATICS.get("q")));
        Dataset<Row> joined = StaticTable.attach(longTable("long.csv", false), "long.csv", side, "statics.csv",
                "unique_id");
        assertEquals(16, joined.count(), "one joined row per long-table row");
        SeriesIngest.Ingested fromSide = new SeriesIngest(spark, spec()).read(joined, "long.csv");
        SeriesIngest.Ingested inline = new SeriesIngest(spark, spec()).read(longTable("inline.csv", true),
                "inline.csv");
        Map<String, AssembledSeries> a = new TreeMap<>(CovariateIngestTest.byId(fromSide));
        Map<String, AssembledSeries> b = CovariateIngestTest.byId(inline);
        assertEquals(List.of("p", "q", "r"), new ArrayList<>(a.keySet()));
        assertEquals(b.keySet(), a.keySet());
        for (String id : a.keySet()) {
            assertArrayEquals(b.get(id).statics(), a.get(id).statics(), 0.0, id);
            assertArrayEquals(b.get(id).categories(), a.get(id).categories(), id);
            assertArrayEquals(b.get(id).values(), a.get(id).values(), 0.0, id);
        }
        assertArrayEquals(new double[] {20}, a.get("q").statics());
        assertArrayEquals(new String[] {"north"}, a.get("r").categories());
        assertEquals(1L, fromSide.counts().seriesRejected().get(RejectReason.NULL_STATIC.key()),
                fromSide.counts().toString());
        assertEquals(inline.counts(), fromSide.counts());
    }

    @Test
    void aSideTableWithoutIdsWithAnIdTwiceOrSharingAColumnIsRefusedByName() throws Exception {
        Dataset<Row> rows = longTable("long.csv", false);
        ConfigProblem noId = assertThrows(ConfigProblem.class, () -> StaticTable.attach(rows, "long.csv",
                csv("a.csv", List.of("series,size", "p,1")), "a.csv", "unique_id"));
        assertTrue(noId.getMessage().contains("data.static-path a.csv has no id column 'unique_id'"), noId.getMessage());
        ConfigProblem twice = assertThrows(ConfigProblem.class, () -> StaticTable.attach(rows, "long.csv",
                csv("b.csv", List.of("unique_id,size", "p,1", "q,2", "p,3", "p,1")), "b.csv", "unique_id"));
        assertTrue(twice.getMessage().contains("more than one row for id 'p' (3 rows)"), twice.getMessage());
        ConfigProblem shared = assertThrows(ConfigProblem.class, () -> StaticTable.attach(rows, "long.csv",
                csv("c.csv", List.of("unique_id,y,size", "p,1,2")), "c.csv", "unique_id"));
        assertTrue(shared.getMessage().contains("[y]"), shared.getMessage());
        ConfigProblem onlyId = assertThrows(ConfigProblem.class, () -> StaticTable.attach(rows, "long.csv",
                csv("d.csv", List.of("unique_id", "p")), "d.csv", "unique_id"));
        assertTrue(onlyId.getMessage().contains("only the id column"), onlyId.getMessage());
        assertTrue(Arrays.asList(rows.columns()).contains("y"));
    }
}
