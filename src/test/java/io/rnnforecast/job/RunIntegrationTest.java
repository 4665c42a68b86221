package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.train.EpochStats;
import io.rnnforecast.store.ModelStore;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quick-start path end to end: real Spark on local[2], real Parquet, a real DL4J model on Géron data. */
class RunIntegrationTest {
    @TempDir
    Path dir;

    private String[] tiny(String runId, String... extra) {
        // Path-only tables: the catalog has its own tests (CatalogIntegrationTest, ResultCatalogTest).
        List<String> args = new java.util.ArrayList<>(List.of("run",
                "--set", "spark.master=local[2]", "--set", "catalog.enabled=false",
                "--set", "workdir=" + dir.toUri(),
                "--set", "run-id=" + runId,
                "--set", "data.series=4000",
                "--set", "data.partitions=4",
                "--set", "train.epochs=2",
                "--set", "model.learning-rate=0.01",
                "--set", "spark.conf={\"spark.sql.shuffle.partitions\": 4, \"spark.ui.enabled\": false}"));
        for (String e : extra) {
            args.add("--set");
            args.add(e);
        }
        return args.toArray(String[]::new);
    }

    @Test
    void runWritesTheThreeTablesAndTheLstmBeatsNaive() throws Exception {
        assertEquals(0, Main.execute(tiny("itest-1")));
        SparkSession spark = SparkTestSession.get();
        String tables = dir.resolve("tables").toString();

        Dataset<Row> summary = spark.read().parquet(tables + "/summary");
        assertEquals("model:string,dataset:string,split:string,mae:double,mse:double,rmse:double,mae_scaled:double,"
                + "mse_scaled:double,rmse_scaled:double,n_series:bigint,n_points:bigint,last_time_step_mse:double,"
                + "all_steps_mse:double,smape:double,smape_median_series:double,beats_naive_share:double,beats_seasonal_naive_share:double,"
                + "mase_mean:double,"
                + "mase_median:double,coverage:map<int,double>,interval_width:map<int,double>,"
                + "msis:map<int,double>,pinball:map<string,double>,pinball_mean:double,crps:double,run_id:string",
                fields(summary));
        Row lstm = summary.where("model = 'lstm-2x20'").first();
        Row naive = summary.where("model = 'naive'").first();
        assertTrue(lstm.<Double>getAs("mse") < naive.<Double>getAs("mse"),
                "LSTM test MSE " + lstm.getAs("mse") + " should be below naive " + naive.getAs("mse"));
        // one window per series: as many points as test series, and both models see the same ones
        assertEquals(lstm.<Long>getAs("n_series"), lstm.<Long>getAs("n_points"));
        assertEquals(naive.<Long>getAs("n_series"), lstm.<Long>getAs("n_series"));
        assertEquals(4000 * 0.1, lstm.<Long>getAs("n_series"), 80);
        // the exact least-squares linear autoregression is at least as good as Géron's SGD-trained Flatten + Dense
        // (published validation MSE 0.00417 on the same kind of series)
        Row linear = summary.where("model = 'linear'").first();
        assertTrue(linear.<Double>getAs("mse") < 0.00417, "linear test MSE " + linear.getAs("mse"));

        Dataset<Row> metrics = spark.read().parquet(tables + "/series_metrics");
        assertEquals("model:string,dataset:string,unique_id:string,step:int,mae:double,mse:double,rmse:double,"
                + "mae_scaled:double,mse_scaled:double,rmse_scaled:double,n:bigint,smape:double,skill:double,"
                + "skill_seasonal:double,mase:double,rmsse:double,coverage:map<int,double>,"
                + "interval_width:map<int,double>,msis:map<int,double>,pinball:map<string,double>,"
                + "pinball_mean:double,crps:double,run_id:string", fields(metrics));
        // per series: step 1 and the all-steps row 0, for the three models (lstm, naive, linear)
        assertEquals(6 * lstm.<Long>getAs("n_series"), metrics.count());
        double meanOfSeriesMse = metrics.where("model = 'naive' AND step = 0").agg(
                org.apache.spark.sql.functions.avg("mse")).first().getDouble(0);
        assertEquals(naive.<Double>getAs("mse"), meanOfSeriesMse, 1e-12);

        Dataset<Row> forecasts = spark.read().parquet(tables + "/forecasts");
        assertEquals("model:string,unique_id:string,cutoff:timestamp,ds:timestamp,cutoff_step:bigint,ds_step:bigint,"
                + "step:int,y_hat:double,y:double,lo:map<int,double>,hi:map<int,double>,"
                + "quantiles:map<string,double>,run_id:string",
                fields(forecasts));
        // the default intervals (80, 95) on every forecast of every model (seasonal naive has none: season 1)
        assertEquals(0L, forecasts.where("lo[80] IS NULL OR hi[95] IS NULL").count());
        assertTrue(Files.exists(dir.resolve("model/calibration.json")));
        // test windows (scored) for the three models, and one forecast past the end of each of the 4000 series
        assertEquals(3 * lstm.<Long>getAs("n_points"), forecasts.where("y IS NOT NULL").count());
        assertEquals(3 * 4000, forecasts.where("y IS NULL").count());
        assertEquals(51L, forecasts.where("y IS NULL").agg(org.apache.spark.sql.functions.min("ds_step")).first()
                .getLong(0));

        Dataset<Row> runs = spark.read().parquet(tables + "/runs");
        assertEquals(1, runs.count());
        Row run = runs.first();
        assertEquals("itest-1", run.getAs("run_id"));
        assertEquals("run", run.getAs("command"));
        assertEquals("itest-1", run.getAs("model_run_id"));
        assertEquals("completed 2 of 2 epochs", run.getAs("stop_reason"));
        assertEquals(2, run.<Integer>getAs("epochs_trained"));
        assertEquals(2, run.<Integer>getAs("best_epoch"));
        assertEquals(0, run.<Integer>getAs("resumed_after_epoch"));
        assertTrue(run.<String>getAs("config").contains("\"learning-rate\":0.01"));
        assertTrue(run.<Double>getAs("train_samples_per_sec") > 0);
        assertTrue(run.<java.sql.Timestamp>getAs("finished_at").after(run.getAs("started_at")));
        assertEquals(4000L * 51, run.<Long>getAs("rows_read"));
        assertEquals(4000L * 51, run.<Long>getAs("rows_used"));
        assertEquals(4000L, run.<Long>getAs("series_used"));
        assertTrue(Files.exists(dir.resolve("model/model.zip")));
        assertTrue(Files.isDirectory(dir.resolve("model/scalers")));
    }

    @Test
    void runAndEvaluateWriteTheModelsEpochsAndThePlots() throws Exception {
        assertEquals(0, Main.execute(tiny("curves", "data.series=300")));
        SparkSession spark = SparkTestSession.get();
        List<EpochStats> expected = new ModelStore(spark, dir.resolve("model").toUri().toString()).load()
                .provenance().training().epochs();
        assertEquals(2, expected.size());
        Dataset<Row> epochs = spark.read().parquet(dir.resolve("tables/epochs").toString());
        assertEquals("epoch:int,training_loss:double,validation_mse:double,samples_per_sec:double,seconds:double,"
                + "rounds:int,validation_cross_entropy:double,run_id:string", fields(epochs));
        List<Row> rows = epochs.where("run_id = 'curves'").orderBy("epoch").collectAsList();
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            EpochStats e = expected.get(i);
            Row r = rows.get(i);
            assertEquals(e.epoch(), r.<Integer>getAs("epoch"));
            assertEquals(e.trainingLoss(), r.<Double>getAs("training_loss"), 0.0);
            assertEquals(e.validationMse(), r.<Double>getAs("validation_mse"), 0.0);
            assertEquals(e.samplesPerSecond(), r.<Double>getAs("samples_per_sec"), 0.0);
            assertEquals(e.seconds(), r.<Double>getAs("seconds"), 0.0);
            assertEquals(e.rounds(), r.<Integer>getAs("rounds"));
        }

        Path plots = dir.resolve("tables/plots/run_id=curves");
        for (Object[] png : new Object[][] {{"learning-curve.png", 1000, 560}, {"forecasts.png", 1100, 3 * 400},
                {"error-distribution.png", 1000, 560}, {"calibration.png", 900, 500}}) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(plots.resolve((String) png[0]).toFile());
            assertTrue(image != null, png[0] + " is not a PNG");
            assertEquals(png[1], image.getWidth(), (String) png[0]);
            assertEquals(png[2], image.getHeight(), (String) png[0]);
        }

        // evaluate writes the same epochs under its own run id; output.plots = false draws nothing
        assertEquals(0, Main.execute("evaluate", "--set", "spark.master=local[2]", "--set", "workdir=" + dir.toUri(),
                "--set", "run-id=quiet", "--set", "output.plots=false",
                "--set", "spark.conf={\"spark.sql.shuffle.partitions\": 4, \"spark.ui.enabled\": false}"));
        Dataset<Row> both = SparkTestSession.get().read().parquet(dir.resolve("tables/epochs").toString());
        assertEquals(0, both.where("run_id = 'curves'").drop("run_id").except(
                both.where("run_id = 'quiet'").drop("run_id")).count());
        assertEquals(2, both.where("run_id = 'quiet'").count());
        assertTrue(!Files.exists(dir.resolve("tables/plots/run_id=quiet")));
    }

    @Test
    void rerunWithTheSameRunIdReplacesOnlyThatRun() {
        assertEquals(0, Main.execute(tiny("keep", "data.series=300", "train.epochs=1")));
        assertEquals(0, Main.execute(tiny("again", "data.series=300", "train.epochs=1")));
        assertEquals(0, Main.execute(tiny("again", "data.series=300", "train.epochs=1")));
        SparkSession spark = SparkTestSession.get();
        for (String table : List.of("summary", "series_metrics", "forecasts", "runs", "epochs")) {
            Dataset<Row> t = spark.read().parquet(dir.resolve("tables").resolve(table).toString());
            long keep = t.where("run_id = 'keep'").count();
            long again = t.where("run_id = 'again'").count();
            assertTrue(keep > 0, table);
            assertEquals(keep, again, table + ": the rerun must leave exactly one copy of its rows");
        }
    }

    @Test
    void evaluateTakesItsSettingsFromTheModelAndRefusesOthers() {
        assertEquals(0, Main.execute(tiny("both", "data.series=300", "train.epochs=1")));
        // Only where things are: windows, split and scaling come from the model.
        String[] alone = {"evaluate", "--set", "spark.master=local[2]", "--set", "workdir=" + dir.toUri(),
                "--set", "run-id=alone", "--set", "catalog.enabled=false",
                "--set", "spark.conf={\"spark.sql.shuffle.partitions\": 4, \"spark.ui.enabled\": false}"};
        assertEquals(0, Main.execute(alone));
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> summary = spark.read().parquet(dir.resolve("tables/summary").toString());
        for (String model : List.of("lstm-2x20", "naive", "linear")) {
            Row both = summary.where("run_id = 'both' AND model = '" + model + "'").first();
            Row evaluated = summary.where("run_id = 'alone' AND model = '" + model + "'").first();
            assertEquals(both.<Double>getAs("mse"), evaluated.<Double>getAs("mse"), 0.0, model);
            assertEquals(both.<Long>getAs("n_series"), evaluated.<Long>getAs("n_series"), model);
        }
        Dataset<Row> metrics = spark.read().parquet(dir.resolve("tables/series_metrics").toString());
        assertEquals(0, metrics.where("run_id = 'both'").select("unique_id").except(
                metrics.where("run_id = 'alone'").select("unique_id")).count(), "the same test series");

        for (String[] conflict : new String[][] {{"split.seed=7", "split.seed is 7 here but 42 in the model"},
                {"window.input=30", "window.input is 30 here but 50 in the model"},
                {"scaling.method=standard", "scaling.method is \"standard\" here but \"none\" in the model"}}) {
            String[] args = java.util.Arrays.copyOf(alone, alone.length + 2);
            args[alone.length] = "--set";
            args[alone.length + 1] = conflict[0];
            Refused.assertRefused(conflict[1], args);
        }
    }

    /** Input records read by every task of the commands run in between (Spark's task input metrics). */
    private static final class InputRecords extends org.apache.spark.scheduler.SparkListener {
        final java.util.concurrent.atomic.AtomicLong records = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
                records.addAndGet(end.taskMetrics().inputMetrics().recordsRead());
            }
        }
    }

    private static long inputRecordsOf(String... command) {
        SparkSession spark = SparkTestSession.get();
        InputRecords listener = new InputRecords();
        spark.sparkContext().addSparkListener(listener);
        assertEquals(0, Main.execute(command));
        // the command stopped the session, which delivers every pending listener event first
        return listener.records.get();
    }

    @Test
    void runReadsTheInputOnlyAsOftenAsOneIngestion() {
        assertEquals(0, Main.execute(generate("data.series=300")));
        long rows = 300 * 51;
        long check = inputRecordsOf(withCommand("check", tiny("reads", "data.series=300")));
        long run = inputRecordsOf(tiny("reads", "data.series=300", "data.generator=none", "train.epochs=1",
                "data.path=" + dir.resolve("data/geron").toUri()));
        assertTrue(check >= rows, "check read " + check + " records of " + rows);
        // run = one ingestion + reading back its 2 summary rows: far less than another scan of the input
        assertTrue(run - check < rows / 2, "run read " + run + " input records, one ingestion reads " + check);
    }

    private String[] generate(String... extra) {
        return withCommand("generate", tiny("gen", extra));
    }

    private static String[] withCommand(String command, String[] runArgs) {
        String[] args = runArgs.clone();
        args[0] = command;
        return args;
    }

    private static String fields(Dataset<Row> df) {
        StringBuilder s = new StringBuilder();
        for (var f : df.schema().fields()) {
            s.append(s.length() == 0 ? "" : ",").append(f.name()).append(':').append(f.dataType().simpleString());
        }
        return s.toString();
    }
}
