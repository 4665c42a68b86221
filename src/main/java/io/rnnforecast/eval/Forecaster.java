package io.rnnforecast.eval;

import io.rnnforecast.train.ModelStore;
import io.rnnforecast.window.Minibatches;
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
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Forecasts windows on the executors, with the trained network (broadcast once as bytes) and the naive baseline,
 * and returns one row per (model, window, step): the long "predictions" shape the metric tables aggregate.
 * Values are on the original scale ({@code y}, {@code y_hat}) and on the scaled axis the model works on; {@code y}
 * is null past the end of the data. {@code cutoff_key}/{@code ds_key} are the time keys (steps or epoch seconds) of
 * the last observation and of the forecast point.
 */
public final class Forecaster {
    public static final String NAIVE = "naive";
    public static final StructType SCHEMA = new StructType()
            .add("model", DataTypes.StringType, false)
            .add("unique_id", DataTypes.StringType, false)
            .add("window_end", DataTypes.IntegerType, false)
            .add("last_window", DataTypes.BooleanType, false)
            .add("step", DataTypes.IntegerType, false)
            .add("y", DataTypes.DoubleType, true)
            .add("y_hat", DataTypes.DoubleType, false)
            .add("y_scaled", DataTypes.DoubleType, true)
            .add("y_hat_scaled", DataTypes.DoubleType, false)
            .add("cutoff_key", DataTypes.LongType, false)
            .add("ds_key", DataTypes.LongType, false);
    private static final int PREDICT_BATCH = 512;

    private final SparkSession spark;

    public Forecaster(SparkSession spark) {
        this.spark = spark;
    }

    public Dataset<Row> predictions(MultiLayerNetwork network, String modelName, JavaRDD<Window> windows) {
        int horizon = (int) network.layerSize(network.getnLayers() - 1);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> model = sc.broadcast(ModelStore.toBytes(network, false));
        JavaRDD<Row> rows = windows.mapPartitions(it -> forecasts(ModelStore.fromBytes(model.value()), modelName,
                horizon, it));
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static Iterator<Row> forecasts(MultiLayerNetwork network, String modelName, int horizon,
                                           Iterator<Window> windows) {
        Iterator<List<Window>> batches = Minibatches.grouped(windows, PREDICT_BATCH);
        return new Iterator<>() {
            private Iterator<Row> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && batches.hasNext()) {
                    current = forecastBatch(network, modelName, horizon, batches.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                hasNext();
                return current.next();
            }
        };
    }

    private static List<Row> forecastBatch(MultiLayerNetwork network, String modelName, int horizon,
                                           List<Window> batch) {
        INDArray out = network.output(Minibatches.of(batch).getFeatures(), false);
        List<Row> rows = new ArrayList<>(batch.size() * 2 * horizon);
        for (int i = 0; i < batch.size(); i++) {
            Window w = batch.get(i);
            float[] naive = w.naiveForecast(horizon);
            long cutoffKey = w.frequency().advance(w.startKey(), w.end() - 1);
            for (int s = 0; s < horizon; s++) {
                long dsKey = w.frequency().advance(w.startKey(), w.end() + s);
                Double y = w.future() ? null : w.actual()[s];
                Double yScaled = w.future() ? null : (double) w.target()[s];
                double model = out.getDouble(i, s);
                rows.add(RowFactory.create(modelName, w.uniqueId(), w.end(), w.last(), s + 1, y,
                        w.scaling().invert(model), yScaled, model, cutoffKey, dsKey));
                rows.add(RowFactory.create(NAIVE, w.uniqueId(), w.end(), w.last(), s + 1, y,
                        w.scaling().invert(naive[s]), yScaled, (double) naive[s], cutoffKey, dsKey));
            }
        }
        return rows;
    }
}
