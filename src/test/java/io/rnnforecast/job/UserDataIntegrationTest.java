package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users' own daily data as CSV with their column names, shuffled, a missing day, scaled per series, split by time
 * with two rolling origins: the naive baseline's metrics on the original scale are checked against a hand
 * computation from the raw values, and the forecasts carry real dates.
 */
class UserDataIntegrationTest {
    private static final int SERIES = 12;
    private static final int DAYS = 40;
    private static final LocalDate START = LocalDate.of(2025, 1, 1);

    @TempDir
    Path dir;

    /** Series k: y(t) = 10 k + (k + 1) sin(t) + 0.1 t; store 3 misses 2025-01-10 (interpolated). */
    private static double value(int k, int t) {
        return 10 * k + (k + 1) * Math.sin(t) + 0.1 * t;
    }

    @Test
    void timeSplitWithScalingOnUserCsv() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < SERIES; k++) {
            for (int t = 0; t < DAYS; t++) {
                if (k == 3 && t == 9) {
                    continue;
                }
                lines.add("store-" + k + "," + START.plusDays(t) + "," + value(k, t));
            }
        }
        Collections.shuffle(lines, new Random(5));
        lines.add(0, "store,date,sales");
        Path csv = dir.resolve("sales.csv");
        Files.write(csv, lines);

        int code = Main.execute("run", "--set", "spark.master=local[2]", "--set", "workdir=" + dir.toUri(),
                "--set", "run-id=user", "--set", "data.path=" + csv.toUri(),
                "--set", "data.format=csv", "--set", "data.name=sales", "--set", "data.columns.id=store",
                "--set", "data.columns.ds=date", "--set", "data.columns.y=sales", "--set", "window.input=7",
                "--set", "window.horizon=3", "--set", "window.max-per-series=100", "--set", "split.mode=time",
                "--set", "split.cutoffs=2", "--set", "scaling.method=standard", "--set", "train.epochs=1",
                "--set", "data.generator=none", "--set", "spark.conf={\"spark.ui.enabled\": false}",
                "--set", "catalog.enabled=false");   // path-only: the catalog has its own tests
        assertEquals(0, code);
        assertTrue(Files.exists(csv), "run must not touch the user's data");
        SparkSession spark = SparkTestSession.get();
        String tables = dir.resolve("tables").toString();

        // naive on the original scale, by hand: test origins end at day 37 and 34 (cutoffs day 36 and 33)
        double abs = 0;
        double sq = 0;
        int n = 0;
        for (int k = 0; k < SERIES; k++) {
            for (int cutoff : new int[] {33, 36}) {
                for (int s = 1; s <= 3; s++) {
                    double e = value(k, cutoff) - value(k, cutoff + s);
                    abs += Math.abs(e);
                    sq += e * e;
                    n++;
                }
            }
        }
        Row naive = spark.read().parquet(tables + "/summary").where("run_id = 'user' AND model = 'naive'").first();
        // the model's axis is float32: inputs pass through it, so allow 1e-6 relative
        assertEquals(abs / n, naive.<Double>getAs("mae"), 1e-6 * abs / n);
        assertEquals(sq / n, naive.<Double>getAs("mse"), 1e-6 * sq / n);
        assertEquals((long) n, naive.<Long>getAs("n_points"));
        assertEquals((long) SERIES, naive.<Long>getAs("n_series"));
        // scaled errors differ from the original ones by each series' own standard deviation
        assertTrue(Math.abs(naive.<Double>getAs("mse_scaled") - naive.<Double>getAs("mse")) > 1e-3);

        // MASE of naive on store-5, by hand: its mae over both origins / the in-sample seasonal naive (daily: lag 7)
        // MAE of its in-sample part: everything before the first test forecast (days 0..33; M4's definition; the
        // validation horizon, days 31..33, is in-sample too)
        double naiveAbs = 0;
        for (int cutoff : new int[] {33, 36}) {
            for (int s = 1; s <= 3; s++) {
                naiveAbs += Math.abs(value(5, cutoff) - value(5, cutoff + s));
            }
        }
        double inSample = 0;
        for (int t = 7; t < DAYS - 6; t++) {
            inSample += Math.abs(value(5, t) - value(5, t - 7));
        }
        double mase = (naiveAbs / 6) / (inSample / (DAYS - 6 - 7));
        Row store5 = spark.read().parquet(tables + "/series_metrics")
                .where("run_id = 'user' AND model = 'naive' AND unique_id = 'store-5' AND step = 0").first();
        assertEquals(mase, store5.<Double>getAs("mase"), 1e-6 * mase);

        Dataset<Row> forecasts = spark.read().parquet(tables + "/forecasts").where("run_id = 'user'");
        Row scored = forecasts.where("model = 'naive' AND unique_id = 'store-5' AND step = 2 AND cutoff_step = 36")
                .first();
        assertEquals(Timestamp.valueOf(START.plusDays(36).atStartOfDay()), scored.getAs("cutoff"));
        assertEquals(Timestamp.valueOf(START.plusDays(38).atStartOfDay()), scored.getAs("ds"));
        assertEquals(value(5, 38), scored.<Double>getAs("y"), 1e-9);
        assertEquals(value(5, 36), scored.<Double>getAs("y_hat"), 1e-6);
        Row future = forecasts.where("y IS NULL AND unique_id = 'store-3' AND step = 3 AND model = 'naive'").first();
        assertEquals(Timestamp.valueOf(START.plusDays(DAYS + 2).atStartOfDay()), future.getAs("ds"));
        assertEquals(value(3, DAYS - 1), future.<Double>getAs("y_hat"), 1e-6);

        Row run = spark.read().parquet(tables + "/runs").where("run_id = 'user'").first();
        assertEquals((long) SERIES * DAYS - 1, run.<Long>getAs("rows_read"));
        assertEquals(1L, run.<Long>getAs("rows_filled"));
        assertEquals((long) SERIES, run.<Long>getAs("series_used"));
    }
}
