package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Monthly series with a strong trend and a yearly season, split by time: the test horizon lies above every value
 * the standard scaler saw. The same LSTM trained with last-value window normalization must do far better than
 * without it, and so must the one trained relative to the seasonal naive forecast (window.target-base); the
 * seasonal naive and least-squares linear baselines are written beside it.
 */
class TrendNormalizationIntegrationTest {
    private static final int SERIES = 24;
    private static final int MONTHS = 96;
    private static final int HORIZON = 6;

    @TempDir
    Path dir;

    @Test
    void lastValueNormalizationBeatsSeriesScalingOnTrendingSeries() throws Exception {
        Random noise = new Random(3);
        double[][] values = new double[SERIES][MONTHS];
        List<String> lines = new ArrayList<>(List.of("unique_id,ds,y"));
        for (int k = 0; k < SERIES; k++) {
            double slope = 0.5 + 0.1 * k;
            for (int t = 0; t < MONTHS; t++) {
                values[k][t] = 100 + 20 * k + slope * t + 8 * Math.sin(2 * Math.PI * t / 12 + k)
                        + noise.nextGaussian();
                lines.add("s" + k + "," + LocalDate.of(2010, 1, 1).plusMonths(t) + "," + values[k][t]);
            }
        }
        Path csv = dir.resolve("trend.csv");
        Files.write(csv, lines);

        double plain = run(csv, "plain", "none", "none");
        double lastValue = run(csv, "diff", "last-value", "none");
        assertTrue(lastValue < 0.5 * plain, "LSTM mean MASE with last-value normalization " + lastValue
                + " vs " + plain + " without");
        // the seasonal naive base (the value 12 months back) carries the level too, without window normalization
        double base = run(csv, "base", "none", "seasonal-naive");
        assertTrue(base < 0.5 * plain, "LSTM mean MASE with window.target-base = seasonal-naive " + base
                + " vs " + plain + " without");

        SparkSession spark = SparkTestSession.get();
        Dataset<Row> summary = spark.read().parquet(dir.resolve("tables/summary").toString())
                .where("run_id = 'diff'");
        Row seasonal = summary.where("model = 'seasonal_naive'").first();
        assertEquals((long) SERIES, seasonal.<Long>getAs("n_series"));
        // seasonal naive at step s is y[cutoff + s - 12], by hand over the last horizon of every series
        double abs = 0;
        for (int k = 0; k < SERIES; k++) {
            for (int s = 1; s <= HORIZON; s++) {
                abs += Math.abs(values[k][MONTHS - HORIZON - 1 + s - 12] - values[k][MONTHS - HORIZON - 1 + s]);
            }
        }
        assertEquals(abs / (SERIES * HORIZON), seasonal.<Double>getAs("mae"), 1e-9);
        Row linear = summary.where("model = 'linear'").first();
        assertTrue(linear.<Double>getAs("mase_mean") < seasonal.<Double>getAs("mase_mean"),
                "the least-squares autoregression captures trend and season: " + linear.<Double>getAs("mase_mean"));

        // the same rows through `sql --csv`, as scripts read them (the command stops the session: collect first);
        // a map column as JSON in one RFC 4180 field (quotes doubled)
        List<String> expected = new ArrayList<>(List.of("model,n_series,mase_mean,coverage"));
        for (Row r : summary.orderBy("model").collectAsList()) {
            java.util.Map<Integer, Double> coverage = r.getJavaMap(r.fieldIndex("coverage"));
            expected.add(r.getString(r.fieldIndex("model")) + "," + r.<Long>getAs("n_series") + ","
                    + r.<Double>getAs("mase_mean") + ",\"{\"\"80\"\":" + coverage.get(80) + ",\"\"95\"\":"
                    + coverage.get(95) + "}\"");
        }
        String csvOut = captureStdout(() -> assertEquals(0, Main.execute("sql", "--csv", "--set", "workdir="
                + dir.toUri(), "--set", "catalog.enabled=false", "--set", "spark.master=local[2]",
                "SELECT model, n_series, mase_mean, coverage FROM summary WHERE run_id = 'diff' ORDER BY model")));
        assertEquals(expected, csvOut.lines().filter(l -> !l.isBlank()).toList());
    }

    private static String captureStdout(Runnable body) {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Trains and evaluates one configuration; returns the LSTM's mean MASE over series. */
    private double run(Path csv, String runId, String normalization, String targetBase) {
        int code = Main.execute("run", "--set", "spark.master=local[2]", "--set", "workdir=" + dir.toUri(),
                "--set", "run-id=" + runId, "--set", "data.path=" + csv.toUri(), "--set", "data.format=csv",
                "--set", "data.generator=none", "--set", "window.input=24", "--set", "window.horizon=" + HORIZON,
                "--set", "window.max-per-series=60", "--set", "window.normalization=" + normalization,
                "--set", "window.target-base=" + targetBase,
                "--set", "split.mode=time", "--set", "scaling.method=standard", "--set", "model.layers=1",
                "--set", "model.units=16", "--set", "model.learning-rate=0.01", "--set", "train.epochs=6",
                "--set", "train.model-dir=" + dir.resolve("model-" + runId).toUri(),
                "--set", "spark.conf={\"spark.ui.enabled\": false}", "--set", "catalog.enabled=false");
        assertEquals(0, code);
        Row lstm = SparkTestSession.get().read().parquet(dir.resolve("tables/summary").toString())
                .where("run_id = '" + runId + "' AND model = 'lstm-1x16'").first();
        System.out.printf("normalization %s, base %s: LSTM mase_mean %.3f%n", normalization, targetBase, lstm.<Double>getAs("mase_mean"));
        return lstm.<Double>getAs("mase_mean");
    }
}
