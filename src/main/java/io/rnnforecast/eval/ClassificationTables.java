package io.rnnforecast.eval;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.timestamp_seconds;

/**
 * The result tables of a classifier: {@code labels} (every prediction) and {@code classification_metrics} (per
 * model: accuracy, macro F1, log loss and per-class precision, recall, F1 and support), with a {@code majority}
 * baseline that always predicts the class most frequent in training.
 */
public final class ClassificationTables {
    public static final String MAJORITY = "majority";
    private static final StructType CLASS_METRICS = new StructType()
            .add("class", DataTypes.StringType, false)
            .add("precision", DataTypes.DoubleType, true)
            .add("recall", DataTypes.DoubleType, true)
            .add("f1", DataTypes.DoubleType, true)
            .add("support", DataTypes.LongType, false);
    public static final StructType METRICS_SCHEMA = new StructType()
            .add("run_id", DataTypes.StringType, false)
            .add("model", DataTypes.StringType, false)
            .add("dataset", DataTypes.StringType, false)
            .add("split", DataTypes.StringType, false)
            .add("task", DataTypes.StringType, false)
            .add("n", DataTypes.LongType, false)
            .add("accuracy", DataTypes.DoubleType, false)
            .add("macro_f1", DataTypes.DoubleType, false)
            .add("log_loss", DataTypes.DoubleType, true)
            .add("per_class", DataTypes.createArrayType(CLASS_METRICS, false), false);

    private ClassificationTables() {
    }

    /**
     * Every prediction as written: run_id, model, unique_id, ds (the labelled step: a timestamp, null for
     * integer-step data), ds_step (its key: the integer step, or epoch seconds), window_end (the key of the
     * window's last step), actual, predicted, probability (of the predicted class), p_actual.
     */
    public static Dataset<Row> labels(Dataset<Row> predictions, String runId, boolean timeKeys) {
        Column none = lit(null).cast("timestamp");
        return predictions.select(lit(runId).as("run_id"), col(Classifier.MODEL), col("unique_id"),
                timeKeys ? timestamp_seconds(col("ds_key")).as("ds") : none.as("ds"), col("ds_key").as("ds_step"),
                col("window_end_key").as("window_end"), col(Classifier.ACTUAL), col(Classifier.PREDICTED),
                col("probability"), col(Classifier.P_ACTUAL));
    }

    /**
     * The metrics of every model in {@code predictions} and of the majority baseline ({@code majorityClass}, from
     * the training labels), over {@code classes}. The confusion counts are aggregated on the executors; at most
     * models x classes^2 rows reach the driver.
     */
    public static Dataset<Row> metrics(SparkSession spark, Dataset<Row> predictions, String runId, String dataset,
                                       String split, String task, List<String> classes, String majorityClass) {
        Map<String, long[][]> confusion = new HashMap<>();
        Map<String, Double> logLoss = new HashMap<>();
        int c = classes.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < c; i++) {
            index.put(classes.get(i), i);
        }
        // -ln p(true class), a probability that underflowed to 0 counted as 1e-43 (a loss of ~99); summed per cell
        // of the confusion matrix, so one pass over the predictions gives both
        Column loss = log(greatest(col(Classifier.P_ACTUAL), lit(1e-43))).multiply(-1);
        Map<String, Long> scored = new HashMap<>();
        for (Row r : predictions.groupBy(col(Classifier.MODEL), col(Classifier.ACTUAL), col(Classifier.PREDICTED))
                .agg(count(lit(1)), sum(loss)).collectAsList()) {
            String model = r.getString(0);
            confusion.computeIfAbsent(model, m -> new long[c][c])
                    [index.get(r.getString(1))][index.get(r.getString(2))] += r.getLong(3);
            logLoss.merge(model, r.getDouble(4), Double::sum);
            scored.merge(model, r.getLong(3), Long::sum);
        }
        logLoss.replaceAll((model, sum) -> sum / scored.get(model));
        List<Row> rows = new ArrayList<>();
        long[][] anyModel = confusion.values().iterator().next();
        long[][] majority = new long[c][c];
        int m = index.get(majorityClass);
        for (int a = 0; a < c; a++) {
            for (int p = 0; p < c; p++) {
                majority[a][m] += anyModel[a][p];
            }
        }
        confusion.forEach((model, counts) -> rows.add(row(runId, model, dataset, split, task, classes, counts,
                logLoss.get(model))));
        rows.add(row(runId, MAJORITY, dataset, split, task, classes, majority, null));
        return spark.createDataFrame(rows, METRICS_SCHEMA);
    }

    /** The metrics of one confusion matrix, {@code counts[actual][predicted]}. */
    static Row row(String runId, String model, String dataset, String split, String task, List<String> classes,
                   long[][] counts, Double logLoss) {
        ConfusionMetrics metrics = ConfusionMetrics.of(counts);
        List<Row> perClass = new ArrayList<>();
        for (int k = 0; k < classes.size(); k++) {
            perClass.add(RowFactory.create(classes.get(k), metrics.precision()[k], metrics.recall()[k],
                    metrics.f1()[k], metrics.support()[k]));
        }
        return RowFactory.create(runId, model, dataset, split, task, metrics.n(), metrics.accuracy(),
                metrics.macroF1(), logLoss, perClass.toArray());
    }
}
