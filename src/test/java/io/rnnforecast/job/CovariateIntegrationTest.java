package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A target only a future covariate can explain: y is a promotion flag drawn at random each step (Bernoulli 0.3),
 * so without the flag the best forecast is about 0.3 (MSE about 0.21, the flag's variance) and with the flag known
 * for the horizon it is the flag itself (MSE about 0). The network and the linear baseline trained with
 * {@code data.covariates.future = [promo]} learn it; without it they cannot. The saved model then forecasts past
 * the data from rows without y that carry the horizon's flags ({@code predict}), rejects a series without them
 * ({@code missing_future_covariate}), and refuses data without the column (exit 2).
 */
class CovariateIntegrationTest {
    private static final int SERIES = 400;
    private static final int LENGTH = 30;
    private static final int HORIZON = 3;

    @TempDir
    Path dir;

    private static double flag(int series, int t) {
        return new SplittableRandom(1000L * series + t).nextDouble() < 0.3 ? 1 : 0;
    }

    /** The long table: y = promo, and an unrelated historic column. */
    private Path trainingCsv() throws Exception {
        List<String> lines = new ArrayList<>(List.of("unique_id,ds,y,promo,temp"));
        for (int k = 0; k < SERIES; k++) {
            for (int t = 0; t < LENGTH; t++) {
                lines.add("s" + k + "," + t + "," + flag(k, t) + "," + flag(k, t) + "," + (t % 7));
            }
        }
        Path file = dir.resolve("train.csv");
        Files.write(file, lines);
        return file;
    }

    /**
     * y = w_c promo_t, the weight w_c of the series' category (A: +1, B: -1, C: 2) and a per-series numeric column
     * that says nothing (its size): from one input step the sign of the effect is unknown whenever that step's
     * flag was 0, so only the category tells it.
     */
    private Path categoryCsv() throws Exception {
        String[] category = {"A", "B", "C"};
        double[] weight = {1, -1, 2};
        List<String> lines = new ArrayList<>(List.of("unique_id,ds,y,promo,region,size"));
        for (int k = 0; k < SERIES; k++) {
            for (int t = 0; t < LENGTH; t++) {
                lines.add("s" + k + "," + t + "," + weight[k % 3] * flag(k, t) + "," + flag(k, t) + ","
                        + category[k % 3] + "," + (10 + k % 5));
            }
        }
        Path file = dir.resolve("category.csv");
        Files.write(file, lines);
        return file;
    }

    @Test
    void aCategoryTellsTheSignOfTheFlagsEffect() throws Exception {
        String data = "data.path=" + categoryCsv().toUri();
        List<String> oneStep = List.of(data, "window.input=1", "window.min-input=0",
                "data.covariates.future=[promo]");
        Path with = dir.resolve("category");
        Path without = dir.resolve("flag-only");
        List<String> withCategory = new ArrayList<>(oneStep);
        withCategory.addAll(List.of("data.covariates.categorical=[region]", "data.covariates.static=[size]"));
        assertEquals(0, Main.execute(command(with, "run", "c", withCategory.toArray(String[]::new))));
        assertEquals(0, Main.execute(command(without, "run", "f", oneStep.toArray(String[]::new))));
        double network = mse(with, "lstm-2x20");
        double blind = mse(without, "lstm-2x20");
        System.out.printf("y = w_category x promo from one input step: test MSE with the category %.5f, without"
                + " %.5f%n", network, blind);
        assertTrue(network < 0.05, "with the category: " + network);
        assertTrue(blind > 2 * network + 0.05, "without it: " + blind + " against " + network);

        // the recipe keeps what was fitted: the categories in order, size's mean and spread over the series
        String json = Files.readString(with.resolve("model").resolve("model.json"));
        assertTrue(json.replaceAll("\\s", "").contains("\"categories\":[[\"A\",\"B\",\"C\"]]"), json);
        assertTrue(json.replaceAll("\\s", "").contains("\"centers\":[12.0]"), json);
    }

    private String[] command(Path workdir, String command, String runId, String... extra) {
        List<String> settings = new ArrayList<>(List.of("data.generator=none", "data.format=csv",
                "window.input=10", "window.horizon=" + HORIZON, "window.max-per-series=8",
                "window.normalization=none", "train.epochs=6", "model.learning-rate=0.01",
                "evaluate.intervals.levels=[]"));
        settings.addAll(List.of(extra));
        return LocalCommand.of(workdir, command, runId, settings);
    }

    private static Dataset<Row> table(Path workdir, String name) {
        return SparkTestSession.get().read().parquet(workdir.resolve("tables").resolve(name).toString());
    }

    private static double mse(Path workdir, String model) {
        return table(workdir, "summary").where("model = '" + model + "'").first().<Double>getAs("mse");
    }

    @Test
    void aNetworkToldTheFutureFlagLearnsItAndOneWithoutCannot() throws Exception {
        String data = "data.path=" + trainingCsv().toUri();
        Path with = dir.resolve("with");
        Path without = dir.resolve("without");
        assertEquals(0, Main.execute(command(with, "run", "w", data, "data.covariates.future=[promo]",
                "data.covariates.historic=[temp]")));
        assertEquals(0, Main.execute(command(without, "run", "n", data)));
        double network = mse(with, "lstm-2x20");
        double linear = mse(with, "linear");
        double blind = mse(without, "lstm-2x20");
        double blindLinear = mse(without, "linear");
        System.out.printf("y = promo flag: test MSE with the future covariate lstm %.5f, linear %.5f; without"
                + " lstm %.5f, linear %.5f%n", network, linear, blind, blindLinear);
        // without the flag nothing beats its variance 0.3 x 0.7 = 0.21 by much; with it the target is an input
        assertTrue(blind > 0.15 && blindLinear > 0.15, blind + ", " + blindLinear);
        assertTrue(network < 0.05, "the network with the flag: " + network);
        assertTrue(linear < 0.01, "least squares with the flag among its regressors: " + linear);

        // predict: s0..s2 continue for 5 steps, then the horizon's flags without y; s3 has no rows past its end
        List<String> next = new ArrayList<>(List.of("unique_id,ds,y,promo,temp"));
        double[][] horizonFlags = {{1, 0, 1}, {0, 0, 1}, {1, 1, 0}};
        for (int k = 0; k < 4; k++) {
            for (int t = LENGTH; t < LENGTH + 12; t++) {
                next.add("s" + k + "," + t + "," + flag(k, t) + "," + flag(k, t) + "," + (t % 7));
            }
            for (int s = 0; k < 3 && s < HORIZON; s++) {
                next.add("s" + k + "," + (LENGTH + 12 + s) + ",," + horizonFlags[k][s] + ",");
            }
        }
        Path nextCsv = dir.resolve("next.csv");
        Files.write(nextCsv, next);
        assertEquals(0, Main.execute(command(with, "predict", "p", "data.path=" + nextCsv.toUri())));
        List<Row> forecasts = table(with, "forecasts").where("run_id = 'p' AND model = 'lstm-2x20'")
                .orderBy("unique_id", "step").collectAsList();
        assertEquals(3 * HORIZON, forecasts.size());
        for (Row r : forecasts) {
            int k = Integer.parseInt(r.<String>getAs("unique_id").substring(1));
            int step = r.<Integer>getAs("step");
            assertEquals(LENGTH + 12 + step - 1, r.<Long>getAs("ds_step"));
            assertEquals(horizonFlags[k][step - 1], r.<Double>getAs("y_hat"), 0.3, r.toString());
        }
        Row reject = table(with, "rejects").where("run_id = 'p' AND unique_id = 's3'").first();
        assertEquals("missing_future_covariate", reject.getAs("reason"));

        // data without the model's covariate column: refused, naming it
        Path plain = dir.resolve("plain.csv");
        Files.write(plain, List.of("unique_id,ds,y", "a,0,1", "a,1,2", "a,2,3"));
        Refused.assertRefused("no covariate column 'temp', 'promo'",
                command(with, "evaluate", "e", "data.path=" + plain.toUri()));
    }
}
