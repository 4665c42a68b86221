package io.rnnforecast.eval;

import io.rnnforecast.model.HorizonForecast;
import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.store.ModelStore;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.window.Minibatches;
import io.rnnforecast.window.Targets;
import io.rnnforecast.window.Window;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Forecasts windows on the executors, with the trained network (broadcast once as bytes) and the baselines
 * (naive; seasonal naive where the series' season is above 1 and fits in the input; the least-squares linear
 * autoregression when the model has one), and returns one {@link Prediction} row per (model, window, step).
 * Network and linear outputs are on the window-normalized axis and are taken back to the scaled and original axes.
 * The network forecasts by its strategy ({@link HorizonForecast}); a seq2seq network's rows are its last step's
 * vector and also carry the all-steps squared error ({@link Prediction#allStepsSquaredError()}).
 */
public final class Forecaster {
    public static final String NAIVE = "naive";
    /** Written only for series whose season (from the frequency) is above 1 and fits in the input window. */
    public static final String SEASONAL_NAIVE = "seasonal_naive";
    /** The least-squares linear autoregression fitted on the training windows. */
    public static final String LINEAR = "linear";
    private static final int PREDICT_BATCH = 512;

    private final SparkSession spark;

    public Forecaster(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * The model's network (forecasting by its strategy) and its linear baseline (when it has one) beside the naive
     * baselines.
     */
    public Dataset<Row> predictions(TrainedModel model, JavaRDD<Window> windows) {
        ModelSpec spec = model.recipe().model();
        return predictions(model.network(), model.name(), model.linear(), spec.strategy(), spec.targets(),
                model.horizon(), windows);
    }

    /** A direct model: the horizon is its output size. @param linear the least-squares baseline, or null */
    public Dataset<Row> predictions(MultiLayerNetwork network, String modelName, LinearAutoregression linear,
                                    JavaRDD<Window> windows) {
        return predictions(network, modelName, linear, ModelSpec.Strategy.DIRECT, Targets.HORIZON,
                (int) network.layerSize(network.getnLayers() - 1), windows);
    }

    /**
     * @param linear  the least-squares baseline, or null (no {@code linear} rows)
     * @param targets what the network was trained on ({@link ModelSpec#targets()}): for a sequence output, which
     *                labels each output step is scored against in the all-steps error
     */
    public Dataset<Row> predictions(MultiLayerNetwork network, String modelName, LinearAutoregression linear,
                                    ModelSpec.Strategy strategy, Targets targets, int horizon,
                                    JavaRDD<Window> windows) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> model = sc.broadcast(ModelStore.toBytes(network, false));
        JavaRDD<Row> rows = windows.mapPartitions(it -> forecasts(ModelStore.fromBytes(model.value()), modelName,
                linear, strategy, targets, horizon, it));
        return spark.createDataFrame(rows, Prediction.SCHEMA);
    }

    private static Iterator<Row> forecasts(MultiLayerNetwork network, String modelName, LinearAutoregression linear,
                                           ModelSpec.Strategy strategy, Targets targets, int horizon,
                                           Iterator<Window> windows) {
        return BatchedRows.of(windows, PREDICT_BATCH, batch -> forecastBatch(network, modelName, linear, strategy,
                targets, horizon, batch));
    }

    private static List<Row> forecastBatch(MultiLayerNetwork network, String modelName, LinearAutoregression linear,
                                           ModelSpec.Strategy strategy, Targets targets, int horizon,
                                           List<Window> batch) {
        INDArray features = Minibatches.of(batch).getFeatures();
        INDArray sequence = strategy == ModelSpec.Strategy.SEQ2SEQ ? network.output(features, false) : null;
        INDArray out = sequence != null ? HorizonForecast.lastStep(sequence)
                : HorizonForecast.of(network, strategy, horizon, features);
        // [b, horizon, output steps] row-major
        float[] everyStep = sequence == null ? null : sequence.dup('c').ravel().toFloatVector();
        // one copy out of ND4J per batch: an INDArray row view per window cost ~30 s over 1.1M windows
        double[][] outputs = out.toDoubleMatrix();
        List<Row> rows = new ArrayList<>(batch.size() * 4 * horizon);
        for (int i = 0; i < batch.size(); i++) {
            Window w = batch.get(i);
            double[] allSteps = everyStep == null || w.future() ? null : allStepsSquaredErrors(w, everyStep, i,
                    horizon, targets);
            long cutoffKey = w.frequency().advance(w.startKey(), w.end() - 1);
            Double mase = Double.isNaN(w.errorScale().mae()) ? null : w.errorScale().mae();
            Double rmsse = Double.isNaN(w.errorScale().mse()) ? null : w.errorScale().mse();
            List<Forecast> forecasts = forecastsOf(w, modelName, outputs[i], linear, horizon);
            for (int s = 0; s < horizon; s++) {
                long dsKey = w.frequency().advance(w.startKey(), w.end() + s);
                Double y = w.future() ? null : w.actual()[s];
                Double yScaled = w.future() ? null : w.scaling().apply(w.actual()[s]);
                for (Forecast f : forecasts) {
                    rows.add(new Prediction(f.model(), w.uniqueId(), w.end(), w.last(), s + 1, y, f.original()[s],
                            yScaled, f.scaled()[s], cutoffKey, dsKey, mase, rmsse,
                            f.model().equals(modelName) && allSteps != null ? allSteps[s] : null).toRow());
                }
            }
        }
        return rows;
    }

    /** One model's forecast of a window's horizon, on the original and on the series-scaled axis. */
    private record Forecast(String model, double[] original, double[] scaled) {
    }

    /**
     * The trained network's forecast (its output on the window-normalized axis) and the baselines': naive, seasonal
     * naive when the series has one, the least-squares linear model when there is one.
     */
    private static List<Forecast> forecastsOf(Window w, String modelName, double[] network,
                                              LinearAutoregression linear, int horizon) {
        List<Forecast> out = new ArrayList<>(4);
        out.add(fromNetworkAxis(modelName, w, network));
        double[] naive = new double[horizon];
        Arrays.fill(naive, w.lastObserved());
        out.add(fromOriginal(NAIVE, w, naive));
        double[] seasonal = w.seasonalNaiveForecast(horizon);
        if (seasonal != null) {
            out.add(fromOriginal(SEASONAL_NAIVE, w, seasonal));
        }
        if (linear != null) {
            out.add(fromNetworkAxis(LINEAR, w, linear.forecast(w.input())));
        }
        return out;
    }

    private static Forecast fromNetworkAxis(String model, Window w, double[] normalized) {
        double[] original = new double[normalized.length];
        double[] scaled = new double[normalized.length];
        for (int s = 0; s < normalized.length; s++) {
            original[s] = w.toOriginal(normalized[s]);
            scaled[s] = w.toScaled(normalized[s]);
        }
        return new Forecast(model, original, scaled);
    }

    private static Forecast fromOriginal(String model, Window w, double[] original) {
        double[] scaled = new double[original.length];
        for (int s = 0; s < original.length; s++) {
            scaled[s] = w.scaling().apply(original[s]);
        }
        return new Forecast(model, original, scaled);
    }

    /**
     * For each horizon step k: the mean over the network's output steps j of the squared error on the original scale
     * of the seq2seq output at (j, k) against the label it was trained on, s[targets.source(j, k)] (s[j + k + 1]
     * without a Conv1D front end), s = the window's observed input followed by its actual target.
     */
    private static double[] allStepsSquaredErrors(Window w, float[] everyStep, int row, int horizon,
                                                  Targets targets) {
        int t = w.observed().length;
        int steps = targets.steps(t);
        int base = row * horizon * steps;
        double[] out = new double[horizon];
        for (int k = 0; k < horizon; k++) {
            double sum = 0;
            for (int step = 0; step < steps; step++) {
                int at = targets.source(step, k);
                double label = at < t ? w.observed()[at] : w.actual()[at - t];
                double e = w.toOriginal(everyStep[base + k * steps + step]) - label;
                sum += e * e;
            }
            out[k] = sum / steps;
        }
        return out;
    }
}
