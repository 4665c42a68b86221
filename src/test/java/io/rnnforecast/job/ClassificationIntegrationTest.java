package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classification tasks end to end through {@code run} and {@code evaluate}: the labels and
 * classification_metrics tables against metrics recomputed from the labels rows, the majority baseline, and a
 * labelling task only a bidirectional model can solve.
 */
class ClassificationIntegrationTest {
    @TempDir
    Path dir;

    private String[] command(String command, String runId, String... extra) {
        List<String> settings = new ArrayList<>(List.of("model.learning-rate=0.01", "window.normalization=none"));
        settings.addAll(List.of(extra));
        return LocalCommand.of(dir, command, runId, settings);
    }

    private Dataset<Row> table(String name, String runId) {
        return SparkTestSession.get().read().parquet(dir.resolve("tables").resolve(name).toString())
                .where("run_id = '" + runId + "'");
    }

    /**
     * classify-series on the generated families: the metrics row of the network equals accuracy and per-class
     * recall recomputed from its labels rows; the majority baseline's accuracy is its class's share of the test
     * labels; the network beats it by far (a random walk, a damped sine and two noisy sines differ in level and
     * shape); evaluate from the saved model writes the same metrics.
     */
    @Test
    void classifySeriesOnTheGeneratedFamilies() {
        assertEquals(0, Main.execute(command("run", "fam", "task=classify-series", "data.generator=families",
                "data.series=600", "window.input=30", "train.epochs=4", "model.units=16", "model.layers=1")));
        Dataset<Row> labels = table("labels", "fam");
        Dataset<Row> metrics = table("classification_metrics", "fam");
        Row model = metrics.where("model = 'lstm-1x16'").first();
        long n = labels.where("model = 'lstm-1x16'").count();
        long right = labels.where("model = 'lstm-1x16' AND actual = predicted").count();
        assertEquals(n, model.<Long>getAs("n"));
        assertTrue(n > 30, "one window per test series: " + n);
        assertEquals(right / (double) n, model.<Double>getAs("accuracy"), 1e-12);
        for (Row c : metrics.where("model = 'lstm-1x16'").selectExpr("inline(per_class)").collectAsList()) {
            String cls = c.getAs("class");
            long support = labels.where("model = 'lstm-1x16' AND actual = '" + cls + "'").count();
            long hits = labels.where("model = 'lstm-1x16' AND actual = '" + cls + "' AND predicted = actual").count();
            assertEquals(support, c.<Long>getAs("support"));
            assertEquals(hits / (double) support, c.<Double>getAs("recall"), 1e-12, cls);
        }
        double logLoss = labels.where("model = 'lstm-1x16'").selectExpr("avg(-ln(greatest(p_actual, 1e-43)))")
                .first().getDouble(0);
        assertEquals(logLoss, model.<Double>getAs("log_loss"), 1e-9);

        Row majority = metrics.where("model = 'majority'").first();
        List<Row> majorityClasses = majority.getList(majority.fieldIndex("per_class"));
        String majorityClass = majorityClasses.stream()
                .filter(c -> c.getAs("recall") != null && c.<Double>getAs("recall") == 1.0)
                .map(c -> c.<String>getAs("class")).findFirst().orElseThrow();
        long ofMajority = labels.where("model = 'lstm-1x16' AND actual = '" + majorityClass + "'").count();
        assertEquals(ofMajority / (double) n, majority.<Double>getAs("accuracy"), 1e-12);
        assertTrue(majority.isNullAt(majority.fieldIndex("log_loss")));
        assertTrue(model.<Double>getAs("accuracy") > majority.<Double>getAs("accuracy") + 0.3,
                model + " vs " + majority);

        // the task and window are the model's: evaluate needs neither on the command line
        assertEquals(0, Main.execute(command("evaluate", "fam-eval", "data.generator=none",
                "data.path=" + dir.resolve("data").resolve("families").toUri())));
        // generating unlabelled series for a classifier is refused before Spark starts
        assertEquals(2, Main.execute(command("run", "fam-geron", "task=classify-series", "data.generator=geron")));
        Row evaluated = table("classification_metrics", "fam-eval").where("model = 'lstm-1x16'").first();
        assertEquals(model.<Double>getAs("accuracy"), evaluated.<Double>getAs("accuracy"), 1e-12);
        // a classifier forecasts nothing: predict is refused as a settings conflict
        assertEquals(2, Main.execute(command("predict", "fam-predict", "task=classify-series",
                "data.generator=families", "window.input=30")));
    }

    /**
     * label-steps on users' data (a label column in long format): uniform noise, each step labelled up or down by
     * whether the NEXT value is higher. A model reading forward only cannot know the next value; from the current
     * value alone the best guess is right with probability E[max(x, 1 - x)] = 0.75. A bidirectional model sees both
     * neighbours and separates the classes almost perfectly.
     */
    @Test
    void labellingByTheNextValueNeedsABidirectionalModel() {
        String data = writeNextValueLabels(dir.resolve("next-value").toString(), 400, 20);
        String[] common = {"task=label-steps", "data.generator=none", "data.path=" + data, "data.name=next-value",
                "window.input=20", "train.epochs=12", "model.units=24", "model.layers=1",
                "train.batch-size-per-worker=16"};
        assertEquals(0, Main.execute(command("run", "uni", concat(common, "train.model-dir=" + dir.resolve("uni")))));
        assertEquals(0, Main.execute(command("run", "bi", concat(common, "train.model-dir=" + dir.resolve("bi"),
                "model.bidirectional=true"))));
        double uni = table("classification_metrics", "uni").where("model <> 'majority'").first().getDouble(
                table("classification_metrics", "uni").schema().fieldIndex("accuracy"));
        double bi = table("classification_metrics", "bi").where("model <> 'majority'").first().getDouble(
                table("classification_metrics", "bi").schema().fieldIndex("accuracy"));
        assertTrue(uni < 0.8, "forward only cannot see the next value: " + uni);
        assertTrue(bi > uni + 0.1, "bidirectional " + bi + " vs unidirectional " + uni);
        long steps = table("labels", "bi").count();
        assertEquals(0, steps % 20, "every step of every test window is labelled: " + steps);
    }

    private static String[] concat(String[] a, String... b) {
        List<String> out = new ArrayList<>(List.of(a));
        out.addAll(List.of(b));
        return out.toArray(String[]::new);
    }

    private static String writeNextValueLabels(String path, int series, int steps) {
        Random random = new Random(11);
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < series; s++) {
            double[] x = new double[steps + 1];
            for (int i = 0; i <= steps; i++) {
                x[i] = random.nextDouble();
            }
            for (int t = 0; t < steps; t++) {
                rows.add(RowFactory.create("s" + s, (long) t, x[t], x[t + 1] > x[t] ? "up" : "down"));
            }
        }
        StructType schema = new StructType().add("unique_id", DataTypes.StringType).add("ds", DataTypes.LongType)
                .add("y", DataTypes.DoubleType).add("label", DataTypes.StringType);
        SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(path);
        return path;
    }
}
