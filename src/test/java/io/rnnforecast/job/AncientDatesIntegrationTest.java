package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Yearly series whose dates start in 1700 (before 1900: Parquet's INT96 timestamps would need a rebase), in 1500
 * (before the Gregorian reform of 1582: Spark 2's hybrid calendar differs by days there) and in year 1 go through
 * ingestion, training, evaluation, prediction and every table write; their forecasts' dates come back exactly as
 * the proleptic Gregorian dates they are (java.time's calendar, which Spark 3 uses), with no rebase in either
 * direction.
 */
class AncientDatesIntegrationTest {
    private static final int YEARS = 40;
    private static final Map<String, Integer> START_YEAR = Map.of("from-1700", 1700, "from-1500", 1500,
            "from-0001", 1);

    @TempDir
    Path dir;

    private static double value(int k, int t) {
        return 100 + 10 * k + 5 * Math.sin(t / 2.0) + 0.5 * t;
    }

    private static long epochSecond(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    @Test
    void datesFromYearOneGoThroughEveryTableAsTheyAre() throws Exception {
        List<String> lines = new ArrayList<>(List.of("unique_id,ds,y"));
        int k = 0;
        for (Map.Entry<String, Integer> s : START_YEAR.entrySet()) {
            for (int t = 0; t < YEARS; t++) {
                lines.add(s.getKey() + "," + LocalDate.of(s.getValue() + t, 1, 1) + "," + value(k, t));
            }
            k++;
        }
        Path csv = dir.resolve("ancient.csv");
        Files.write(csv, lines);
        List<String> settings = List.of("data.generator=none", "data.format=csv", "data.path=" + csv.toUri(),
                "data.name=ancient", "window.input=6", "window.horizon=3", "split.mode=time", "split.cutoffs=1",
                "scaling.method=standard", "train.epochs=1", "evaluate.future=true", "output.plots=true");
        assertEquals(0, Main.execute(LocalCommand.of(dir, "run", "old", settings)));
        assertEquals(0, Main.execute(LocalCommand.of(dir, "predict", "old-next", settings)));

        SparkSession spark = SparkTestSession.get();
        String tables = dir.resolve("tables").toString();
        // cutoff and ds as epoch seconds: independent of the session's time zone and of java.sql's hybrid calendar
        List<Row> rows = spark.read().parquet(tables + "/forecasts").where("model = 'naive'")
                .selectExpr("run_id", "unique_id", "step", "CAST(cutoff AS LONG)", "CAST(ds AS LONG)", "y_hat")
                .collectAsList();
        Map<String, Row> byKey = rows.stream().collect(Collectors.toMap(
                r -> r.getString(0) + "/" + r.getString(1) + "/" + r.getInt(2) + "/" + r.getLong(3), r -> r));
        for (String id : START_YEAR.keySet()) {
            int start = START_YEAR.get(id);
            // the test horizon: cutoff = the 37th year, forecasts for years 38..40 of the series
            int testCutoff = start + YEARS - 3 - 1;
            Row scored = byKey.get("old/" + id + "/2/" + epochSecond(testCutoff));
            assertEquals(epochSecond(testCutoff + 2), scored.getLong(4), id + " test ds");
            // past the end: cutoff = the last year, in both the run's future rows and predict's
            for (String run : List.of("old", "old-next")) {
                Row future = byKey.get(run + "/" + id + "/3/" + epochSecond(start + YEARS - 1));
                assertEquals(epochSecond(start + YEARS + 2), future.getLong(4), id + " " + run + " future ds");
            }
        }
        assertEquals(2L, spark.read().parquet(tables + "/runs").count());
        assertEquals(3L, spark.read().parquet(tables + "/series_metrics")
                .where("run_id = 'old' AND model = 'naive' AND step = 0").count());
        assertEquals(1L, spark.read().parquet(tables + "/epochs").where("run_id = 'old'").count());
    }
}
