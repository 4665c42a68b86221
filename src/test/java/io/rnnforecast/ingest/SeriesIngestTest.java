package io.rnnforecast.ingest;

import io.rnnforecast.SparkTestSession;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesIngestTest {
    /**
     * a: clean (6 rows). b: a null, a NaN and an infinite y, a duplicate ds 5 (6 then 7), so steps 1-3 are gaps
     * (9 rows). A row with no unique_id. c: one null ds, two good rows, too short (3 rows). d: constant (5 rows).
     * e: every other step (5 rows).
     */
    private static final List<String> MIXED = List.of(
            "a,0,1.0", "a,1,2.0", "a,2,3.0", "a,3,4.0", "a,4,5.0", "a,5,6.0",
            "b,0,1", "b,1,", "b,2,NaN", "b,3,Infinity", "b,4,5", "b,5,6", "b,5,7", "b,6,7", "b,7,8",
            ",3,1.0",
            "c,,2.0", "c,0,1", "c,1,2",
            "d,0,5", "d,1,5", "d,2,5", "d,3,5", "d,4,5",
            "e,0,1", "e,2,3", "e,4,5", "e,6,7", "e,8,9");

    @TempDir
    Path dir;

    private static IngestSpec spec(String format, RepairPolicy.Duplicates duplicates) {
        return new IngestSpec(SourceFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT)), SeriesColumns.DEFAULT,
                new RepairPolicy(duplicates, RepairPolicy.Gaps.INTERPOLATE, null),
                new ScalingPolicy(Scaling.Method.STANDARD, ScalingPolicy.WhenConstant.REJECT_SERIES), 4, 1);
    }

    private String csv(String name, List<String> lines) throws Exception {
        Path file = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of("unique_id,ds,y"));
        all.addAll(lines);
        Files.write(file, all);
        return file.toString();
    }

    private static SeriesIngest.Ingested ingest(String path, IngestSpec spec) {
        return new SeriesIngest(SparkTestSession.get(), spec).read(path);
    }

    @Test
    void everyBadRowAndSeriesIsCountedAndListed() throws Exception {
        var in = ingest(csv("mixed.csv", MIXED), spec("csv", RepairPolicy.Duplicates.KEEP_LAST));
        IngestCounts c = in.counts();
        assertEquals(29, c.rowsRead());
        assertEquals(16, c.rowsUsed());   // a 6 + b 5 (6 good rows less 1 duplicate) + e 5
        assertEquals(Map.of("null_unique_id", 1L, "null_ds", 1L, "null_y", 1L, "nan_y", 1L, "infinite_y", 1L,
                "duplicate_ds", 1L, "series_rejected", 7L), c.rowsDropped());
        assertEquals(3, c.rowsFilled());
        assertEquals(5, c.seriesRead());
        assertEquals(3, c.seriesUsed());
        assertEquals(Map.of("too_short", 1L, "constant", 1L), c.seriesRejected());
        assertTrue(c.balanced());

        List<String> rejects = new ArrayList<>();
        for (Row r : in.rejects().collectAsList()) {
            rejects.add(r.getString(0) + "/" + r.getString(1) + "/" + r.getLong(2));
        }
        Collections.sort(rejects);
        assertEquals(List.of("b/duplicate_ds/1", "b/infinite_y/1", "b/nan_y/1", "b/null_y/1", "c/null_ds/1",
                "c/too_short/2", "d/constant/5", "null/null_unique_id/1"), rejects);

        Row b = in.series().where("unique_id = 'b'").first();
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0, 5.0, 7.0, 7.0, 8.0), b.getList(b.fieldIndex("values")));
        // standard scaler fitted without the held-out last value: mean and population std of 1,2,3,4,5,7,7
        double mean = 29.0 / 7;
        assertEquals(mean, b.<Double>getAs("center"), 1e-12);
        assertEquals(Math.sqrt(153.0 / 7 - mean * mean), b.<Double>getAs("scale"), 1e-12);
        Row e = in.series().where("unique_id = 'e'").first();
        assertEquals(2L, e.<Long>getAs("freq_every"));
        assertEquals(List.of(1.0, 3.0, 5.0, 7.0, 9.0), e.getList(e.fieldIndex("values")));
    }

    @Test
    void csvAndParquetGiveTheSameSeriesAndShuffledInputTheSameToo() throws Exception {
        SparkSession spark = SparkTestSession.get();
        IngestSpec csvSpec = spec("csv", RepairPolicy.Duplicates.MEAN);
        String csvPath = csv("mixed.csv", MIXED);
        String parquetPath = dir.resolve("mixed.parquet").toString();
        spark.read().option("header", "true").csv(csvPath)
                .selectExpr("unique_id", "CAST(ds AS BIGINT) AS ds", "CAST(y AS DOUBLE) AS y")
                .repartition(3).write().parquet(parquetPath);
        List<String> shuffled = new ArrayList<>(MIXED);
        Collections.shuffle(shuffled, new Random(11));

        var fromCsv = ingest(csvPath, csvSpec);
        var fromParquet = ingest(parquetPath, spec("parquet", RepairPolicy.Duplicates.MEAN));
        var fromShuffled = ingest(csv("shuffled.csv", shuffled), csvSpec);
        assertEquals(sorted(fromCsv.series()), sorted(fromParquet.series()));
        assertEquals(sorted(fromCsv.series()), sorted(fromShuffled.series()));
        assertEquals(sorted(fromCsv.rejects()), sorted(fromParquet.rejects()));
        assertEquals(sorted(fromCsv.rejects()), sorted(fromShuffled.rejects()));
        assertEquals(fromCsv.counts(), fromParquet.counts());
        assertEquals(fromCsv.counts(), fromShuffled.counts());
    }

    @Test
    void aScaleThatOverflowsIsItsOwnReasonNotConstant() throws Exception {
        var in = ingest(csv("huge.csv", List.of("big,0,1e300", "big,1,-1e300", "big,2,1e300", "big,3,5", "big,4,1",
                "flat,0,2", "flat,1,2", "flat,2,2", "flat,3,2", "flat,4,7",
                "ok,0,1", "ok,1,2", "ok,2,3", "ok,3,5", "ok,4,8")), spec("csv", RepairPolicy.Duplicates.KEEP_LAST));
        assertEquals(java.util.Map.of(io.rnnforecast.series.RejectReason.NON_FINITE_SCALE.key(), 1L, io.rnnforecast.series.RejectReason.CONSTANT.key(), 1L),
                in.counts().seriesRejected());
        assertTrue(in.counts().balanced(), in.counts().toString());
        assertEquals(15, in.counts().rowsRead());
        Row big = in.rejects().where("unique_id = 'big'").first();
        assertEquals(io.rnnforecast.series.RejectReason.NON_FINITE_SCALE.key(), big.getAs("reason"));
        assertEquals(5L, big.<Long>getAs("n_rows"));
    }

    @Test
    void quarterlyAndYearlyDatesComeThroughWhole() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int q = 0; q < 12; q++) {
            rows.add("q," + java.time.LocalDate.of(2015, 3, 31).plusMonths(3L * q).withDayOfMonth(1).plusMonths(1)
                    .minusDays(1) + "," + q);
        }
        for (int y = 0; y < 9; y++) {
            rows.add("y," + java.time.LocalDate.of(1996 + y, 1, 1) + "," + (y * y));
        }
        var in = ingest(csv("calendar.csv", rows), spec("csv", RepairPolicy.Duplicates.KEEP_LAST));
        assertEquals(21, in.counts().rowsUsed(), in.counts().toString());
        assertEquals(0, in.counts().seriesIrregular());
        assertEquals(0, in.counts().rowsFilled());
        assertEquals(java.util.Map.of(), in.counts().rowsDropped());
        for (Row r : in.series().collectAsList()) {
            assertEquals("MONTHS", r.getAs("freq_unit"));
            assertEquals(r.getString(0).equals("q") ? 3L : 12L, r.<Long>getAs("freq_every"));
        }
    }

    @Test
    void datesGiveADailyGridAndTimestampsBack() throws Exception {
        var in = ingest(csv("dates.csv", List.of("x,2024-03-01,1", "x,2024-03-02,2", "x,2024-03-04,4",
                "x,2024-03-05,5")), new IngestSpec(SourceFormat.CSV, SeriesColumns.DEFAULT, new RepairPolicy(
                RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.FORWARD_FILL, null),
                new ScalingPolicy(Scaling.Method.NONE, ScalingPolicy.WhenConstant.REJECT_SERIES), 3, 1));
        assertEquals(TimeKind.TIMESTAMP, in.timeKind());
        Row x = in.series().first();
        assertEquals(List.of(1.0, 2.0, 2.0, 4.0, 5.0), x.getList(x.fieldIndex("values")));
        assertEquals(86_400L, x.<Long>getAs("freq_every"));
        assertEquals("SECONDS", x.getAs("freq_unit"));
    }

    @Test
    void wrongSchemaFailsNamingTheColumnAndAnExample() throws Exception {
        IngestSpec spec = spec("csv", RepairPolicy.Duplicates.KEEP_LAST);
        var missing = assertThrows(IllegalArgumentException.class, () -> ingest(csv("m.csv", List.of()),
                new IngestSpec(SourceFormat.CSV, new SeriesColumns("id", "ds", "y"), spec.repair(), new ScalingPolicy(Scaling.Method.NONE, ScalingPolicy.WhenConstant.REJECT_SERIES), 
                        2, 1)));
        assertTrue(missing.getMessage().contains("no column 'id'"), missing.getMessage());
        var y = assertThrows(IllegalArgumentException.class,
                () -> ingest(csv("y.csv", List.of("a,0,1.5", "a,1,abc")), spec));
        assertTrue(y.getMessage().contains("column 'y' must be numeric, found 'abc'"), y.getMessage());
        var ds = assertThrows(IllegalArgumentException.class,
                () -> ingest(csv("ds.csv", List.of("a,0,1", "a,yesterday,2")), spec));
        assertTrue(ds.getMessage().contains("column 'ds'") && ds.getMessage().contains("'yesterday'"),
                ds.getMessage());
    }

    private static List<String> sorted(Dataset<Row> df) {
        List<String> rows = new ArrayList<>();
        for (Row r : df.collectAsList()) {
            rows.add(r.toString());
        }
        Collections.sort(rows);
        return rows;
    }
}
