package io.rnnforecast.eval;

import io.rnnforecast.store.ModelStore;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.window.Minibatches;
import io.rnnforecast.window.Task;
import io.rnnforecast.window.Window;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * A classifier's predictions on the executors: one row per labelled step ({@link Task#LABEL_STEPS}) or window
 * ({@link Task#CLASSIFY_SERIES}) with the true and the predicted class (the most probable), the predicted class's
 * probability and the true class's ({@code p_actual}, for the log loss). Rows of {@link #SCHEMA}; {@code ds_key} is
 * the step's time key (a step or epoch seconds).
 */
public final class Classifier {
    public static final String MODEL = "model";
    public static final String ACTUAL = "actual";
    public static final String PREDICTED = "predicted";
    public static final String P_ACTUAL = "p_actual";
    public static final StructType SCHEMA = new StructType()
            .add(MODEL, DataTypes.StringType, false)
            .add("unique_id", DataTypes.StringType, false)
            .add("window_end_key", DataTypes.LongType, false)
            .add("ds_key", DataTypes.LongType, false)
            .add(ACTUAL, DataTypes.StringType, false)
            .add(PREDICTED, DataTypes.StringType, false)
            .add("probability", DataTypes.DoubleType, false)
            .add(P_ACTUAL, DataTypes.DoubleType, false);
    private static final int BATCH = 512;

    private final SparkSession spark;

    public Classifier(SparkSession spark) {
        this.spark = spark;
    }

    public Dataset<Row> labels(TrainedModel model, JavaRDD<Window> windows) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> network = sc.broadcast(ModelStore.toBytes(model.network(), false));
        String name = model.name();
        List<String> classes = model.recipe().classes();
        boolean perStep = model.recipe().task() == Task.LABEL_STEPS;
        JavaRDD<Row> rows = windows.mapPartitions(it -> {
            MultiLayerNetwork net = ModelStore.fromBytes(network.value());
            return BatchedRows.of(it, BATCH, batch -> batchRows(net, name, classes, perStep, batch));
        });
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static List<Row> batchRows(MultiLayerNetwork net, String name, List<String> classes, boolean perStep,
                                       List<Window> batch) {
        int c = classes.size();
        // [b, classes] or [b, classes, time], row-major; one copy out of ND4J per batch
        float[] p = net.output(Minibatches.of(batch).getFeatures(), false).dup('c').ravel().toFloatVector();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Window w = batch.get(i);
            int steps = w.target().length;
            long endKey = w.frequency().advance(w.startKey(), w.end() - 1);
            for (int s = 0; s < steps; s++) {
                int best = 0;
                int base = i * c * steps + s;
                for (int k = 1; k < c; k++) {
                    if (p[base + k * steps] > p[base + best * steps]) {
                        best = k;
                    }
                }
                int actual = (int) w.target()[s];
                long dsKey = w.frequency().advance(w.startKey(), w.end() - steps + s);
                rows.add(RowFactory.create(name, w.uniqueId(), endKey, dsKey, classes.get(actual), classes.get(best),
                        (double) p[base + best * steps], (double) p[base + actual * steps]));
            }
        }
        return rows;
    }
}
