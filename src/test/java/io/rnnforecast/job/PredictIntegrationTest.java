package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Train once on monthly series, then forecast new data with {@code predict}: the training series extended by one
 * month (their forecasts cross a year end), two series never seen in training (on another scale) and one shorter
 * than the input (forecast from a padded, masked window).
 * Expected forecasts are computed here from the raw values, the scalers fitted by hand and the saved network.
 */
class PredictIntegrationTest {
    private static final int SEEN = 10;
    private static final int TRAIN_MONTHS = 46;
    private static final int INPUT = 12;
    private static final int HORIZON = 3;
    private static final LocalDate START = LocalDate.of(2020, 1, 1);

    @TempDir
    Path dir;

    private static double seen(int k, int t) {
        return 10 + k + 3 * Math.sin(2 * Math.PI * t / 12) + 0.5 * t;
    }

    private static double unseen(int k, int t) {
        return 1000 * (k + 1) + 200 * Math.sin(2 * Math.PI * t / 12) + 5 * t;
    }

    private String[] command(String name, String... extra) {
        // Path-only tables: the catalog has its own tests (CatalogIntegrationTest, ResultCatalogTest).
        List<String> args = new ArrayList<>(List.of(name, "--set", "spark.master=local[2]",
                "--set", "catalog.enabled=false", "--set", "workdir=" + dir.toUri(), "--set", "data.generator=none",
                "--set", "data.format=csv",
                "--set", "spark.conf={\"spark.ui.enabled\": false, \"spark.sql.shuffle.partitions\": 4}"));
        for (String e : extra) {
            args.add("--set");
            args.add(e);
        }
        return args.toArray(String[]::new);
    }

    @Test
    void predictForecastsEverySeriesPastItsEndTheShortOneFromAPaddedMaskedWindow() throws Exception {
        List<String> train = new ArrayList<>(List.of("unique_id,ds,y"));
        for (int k = 0; k < SEEN; k++) {
            for (int t = 0; t < TRAIN_MONTHS; t++) {
                train.add("s" + k + "," + START.plusMonths(t) + "," + seen(k, t));
            }
        }
        Path trainCsv = Files.write(dir.resolve("train.csv"), train);
        assertEquals(0, Main.execute(command("train", "run-id=train-1", "data.path=" + trainCsv.toUri(),
                "window.input=" + INPUT, "window.horizon=" + HORIZON, "scaling.method=standard", "train.epochs=1",
                "window.normalization=last-value", "window.target-base=none",
                "model.layers=1", "model.units=8", "train.batch-size-per-worker=4")));

        // New data: every training series one month longer (last observation 2023-11), two new series, one short.
        List<String> next = new ArrayList<>(List.of("unique_id,ds,y"));
        for (int k = 0; k < SEEN; k++) {
            for (int t = 0; t <= TRAIN_MONTHS; t++) {
                next.add("s" + k + "," + START.plusMonths(t) + "," + seen(k, t));
            }
        }
        for (int k = 0; k < 2; k++) {
            for (int t = 0; t < 20; t++) {
                next.add("new" + k + "," + START.plusMonths(TRAIN_MONTHS - 19 + t) + "," + unseen(k, t));
            }
        }
        for (int t = 0; t < 5; t++) {
            next.add("short," + START.plusMonths(t) + "," + t);
        }
        Path nextCsv = Files.write(dir.resolve("next.csv"), next);

        // Settings fixed by the model cannot be changed at predict time.
        Refused.assertRefused("window.input is 6 here but 12 in the model",
                command("predict", "data.path=" + nextCsv.toUri(), "window.input=6"));

        assertEquals(0, Main.execute(command("predict", "run-id=daily-1", "data.path=" + nextCsv.toUri())));

        SparkSession spark = SparkTestSession.get();
        Dataset<Row> forecasts = spark.read().parquet(dir.resolve("tables/forecasts").toString())
                .where("run_id = 'daily-1'");
        // every series (10 seen + 2 new), HORIZON steps, model, naive, seasonal naive (monthly: season 12,
        // within the 12-value input) and linear; the short one (5 values, padded to 12) by the model, naive and
        // linear: no seasonal naive without a season of history; nothing scored (no actuals)
        assertEquals(12L * HORIZON * 4 + HORIZON * 3, forecasts.count());
        assertEquals(0L, forecasts.where("y IS NOT NULL").count());
        assertEquals(0L, forecasts.where("unique_id = 'short' AND model = 'seasonal_naive'").count());

        MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(dir.resolve("model/model.zip").toFile());
        // A seen series: scaled by the scaler fitted in training (its first 46 - 3 values), not by the new data.
        double[] s3 = new double[TRAIN_MONTHS + 1];
        Arrays.setAll(s3, t -> seen(3, t));
        double[] trained = meanStd(Arrays.copyOf(s3, TRAIN_MONTHS - HORIZON));
        double[] refit = meanStd(s3);
        double[] expected = forecast(network, s3, trained);
        double[] ifRefit = forecast(network, s3, refit);
        assertTrue(Math.abs(expected[0] - ifRefit[0]) > 1e-3 * Math.abs(expected[0]),
                "the test must tell the two scalers apart: " + expected[0] + " vs " + ifRefit[0]);
        List<Row> rows = forecasts.where("unique_id = 's3' AND model = 'lstm-1x8'").orderBy("step").collectAsList();
        String[] months = {"2023-12-01", "2024-01-01", "2024-02-01"};
        for (int s = 0; s < HORIZON; s++) {
            Row r = rows.get(s);
            assertEquals(expected[s], r.<Double>getAs("y_hat"), 1e-5 * Math.abs(expected[s]), "step " + (s + 1));
            assertEquals(LocalDate.parse(months[s]).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    r.<java.sql.Timestamp>getAs("ds").toInstant(), "step " + (s + 1));
            assertEquals((long) TRAIN_MONTHS + s + 1, r.<Long>getAs("ds_step"));
        }
        // A series never seen in training: scaled by its own whole history.
        double[] n1 = new double[20];
        Arrays.setAll(n1, t -> unseen(1, t));
        double[] own = forecast(network, n1, meanStd(n1));
        List<Row> newRows = forecasts.where("unique_id = 'new1' AND model = 'lstm-1x8'").orderBy("step")
                .collectAsList();
        for (int s = 0; s < HORIZON; s++) {
            assertEquals(own[s], newRows.get(s).<Double>getAs("y_hat"), 1e-5 * Math.abs(own[s]));
        }
        Row naive = forecasts.where("unique_id = 'new1' AND model = 'naive' AND step = 3").first();
        assertEquals(n1[19], naive.<Double>getAs("y_hat"), 0.0, "the naive forecast is the last value, exactly");
        List<Row> seasonal = forecasts.where("unique_id = 'new1' AND model = 'seasonal_naive'").orderBy("step")
                .collectAsList();
        for (int s = 1; s <= HORIZON; s++) {
            // the same month one year before: y[T + s - 12] with T = 19 the last index
            assertEquals(n1[19 + s - 12], seasonal.get(s - 1).<Double>getAs("y_hat"), 0.0, "seasonal naive step " + s);
        }

        // The short series (5 values, shorter than the 12-value input): left-padded to the input and masked, so
        // the network runs from a zero state over its 5 values, as the network given the padded window and the
        // mask by hand; the padded steps' values do not matter (checked: any value gives the same forecast).
        double[] shortValues = {0, 1, 2, 3, 4};
        double[] shortForecast = forecast(network, shortValues, meanStd(shortValues));
        List<Row> shortRows = forecasts.where("unique_id = 'short' AND model = 'lstm-1x8'").orderBy("step")
                .collectAsList();
        assertEquals(HORIZON, shortRows.size());
        for (int s = 0; s < HORIZON; s++) {
            assertEquals(shortForecast[s], shortRows.get(s).<Double>getAs("y_hat"), 1e-5 * Math.abs(shortForecast[s]));
        }
        assertEquals(4.0, forecasts.where("unique_id = 'short' AND model = 'naive' AND step = 1").first()
                .<Double>getAs("y_hat"), 0.0);

        Row run = spark.read().parquet(dir.resolve("tables/runs").toString()).where("run_id = 'daily-1'").first();
        assertEquals("predict", run.getAs("command"));
        assertEquals("train-1", run.getAs("model_run_id"));
        assertEquals(13L, run.<Long>getAs("series_used"));
        assertTrue(run.<scala.collection.Map<String, Long>>getAs("series_rejected").isEmpty());
        assertEquals((long) SEEN * (TRAIN_MONTHS + 1) + 2 * 20 + 5, run.<Long>getAs("rows_read"));
    }

    /** Population mean and standard deviation (scikit-learn's StandardScaler). */
    private static double[] meanStd(double[] v) {
        double mean = Arrays.stream(v).average().orElseThrow();
        double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        return new double[] {mean, Math.sqrt(ss / v.length)};
    }

    /**
     * The forecast by hand: standard-scale the last INPUT values, subtract the last scaled one (the model's
     * window normalization, last-value), run the network, add it back and invert the scaling. A series shorter
     * than INPUT is left-padded (with an arbitrary value, 99) and its padded steps masked; the forecast must not
     * depend on the padding value, which is checked against a second value.
     */
    private static double[] forecast(MultiLayerNetwork network, double[] values, double[] scaler) {
        double[] f = forecast(network, values, scaler, 99f);
        if (values.length < INPUT) {
            assertArrayEquals(f, forecast(network, values, scaler, -7f), 1e-6, "masked steps must not count");
        }
        return f;
    }

    private static double[] forecast(MultiLayerNetwork network, double[] values, double[] scaler, float padValue) {
        INDArray input = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 1, INPUT);
        INDArray mask = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, INPUT);
        double last = (values[values.length - 1] - scaler[0]) / scaler[1];
        int pad = Math.max(0, INPUT - values.length);
        for (int i = 0; i < INPUT; i++) {
            if (i < pad) {
                input.putScalar(new long[] {0, 0, i}, padValue);
                mask.putScalar(new long[] {0, i}, 0f);
                continue;
            }
            double z = (values[values.length - INPUT + i] - scaler[0]) / scaler[1];
            input.putScalar(new long[] {0, 0, i}, (float) (z - last));
        }
        INDArray out = network.output(input, false, pad > 0 ? mask : null, null);
        double[] f = new double[HORIZON];
        for (int s = 0; s < HORIZON; s++) {
            f[s] = (out.getDouble(0, s) + last) * scaler[1] + scaler[0];
        }
        return f;
    }
}
