package io.rnnforecast.eval;

import io.rnnforecast.model.EnsembleSpec;
import io.rnnforecast.model.HorizonForecast;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.model.Quantiles;
import io.rnnforecast.store.ModelStore;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.window.CovariateLayout;
import io.rnnforecast.window.Minibatches;
import io.rnnforecast.window.Targets;
import io.rnnforecast.window.Window;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The trained network as a {@link WindowForecaster}: broadcast once as bytes, deserialized once per partition, it
 * forecasts by its strategy ({@link HorizonForecast}); its outputs are on the window-normalized axis. A seq2seq
 * network's forecast is its last step's vector, and also carries the all-steps squared error. A quantile network's
 * horizon x Q outputs become its sorted quantiles and its point forecast ({@link Forecast#fromQuantileOutputs}).
 */
public final class NetworkForecaster implements WindowForecaster {
    private final String name;
    private final Broadcast<byte[]> network;
    private final ModelSpec.Strategy strategy;
    private final Targets targets;
    private final boolean masks;
    private final CovariateLayout covariates;
    /** A quantile network's levels, ascending (null: a point network). */
    private final double[] quantiles;

    /**
     * @param targets what the network was trained on ({@link ModelSpec#targets()}): for a sequence output, which
     *                labels each output step is scored against in the all-steps error
     */
    public NetworkForecaster(JavaSparkContext sc, MultiLayerNetwork network, String name, ModelSpec spec) {
        this.name = name;
        this.network = sc.broadcast(ModelStore.toBytes(network, false));
        this.strategy = spec.strategy();
        this.targets = spec.targets();
        this.masks = spec.masksPadding();
        this.covariates = spec.covariates();
        this.quantiles = spec.forecastsQuantiles() ? Quantiles.levels(spec.quantiles()) : null;
    }

    /**
     * The models a trained model's forecasts and evaluation run: its network (forecasting by its strategy), or for
     * an ensemble the members' median then each member, then the baselines {@code baselines} names (evaluate.baselines;
     * linear only where the model has one).
     */
    public static List<WindowForecaster> withBaselines(JavaSparkContext sc, TrainedModel model,
                                                       List<String> baselines) {
        return withBaselines(sc, model, baselines, List.of());
    }

    /**
     * As above, then for each of {@code combineWith} (evaluate.combine-with) the mean of the model's forecast (an
     * ensemble's median) and that baseline's: {@code lstm-2x20-ens5+theta}.
     */
    public static List<WindowForecaster> withBaselines(JavaSparkContext sc, TrainedModel model,
                                                       List<String> baselines, List<String> combineWith) {
        ModelSpec spec = model.recipe().model();
        EnsembleSpec ensemble = model.recipe().ensemble();
        List<WindowForecaster> models = new ArrayList<>();
        if (ensemble.combines()) {
            List<String> members = new ArrayList<>();
            for (int k = 0; k < ensemble.members(); k++) {
                members.add(ensemble.memberName(spec, k));
            }
            models.add(new CombinedForecaster(model.name(), members, CombinedForecaster.Combiner.MEDIAN));
            for (int k = 0; k < ensemble.members(); k++) {
                models.add(new NetworkForecaster(sc, model.networks().get(k), members.get(k), spec));
            }
        } else {
            models.add(new NetworkForecaster(sc, model.network(), model.name(), spec));
        }
        models.addAll(Baselines.of(baselines, model.linear()));
        for (String b : combineWith) {
            if (b.equals(Baselines.LINEAR) && model.linear() == null) {
                continue;
            }
            models.add(new CombinedForecaster(model.name() + "+" + b, List.of(model.name(), b),
                    CombinedForecaster.Combiner.MEAN));
        }
        return models;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Open open() {
        MultiLayerNetwork net = ModelStore.fromBytes(network.value());
        return (batch, horizon) -> forecast(net, batch, horizon);
    }

    private Forecast[] forecast(MultiLayerNetwork net, List<Window> batch, int horizon) {
        org.nd4j.linalg.dataset.DataSet windows = Minibatches.of(batch, masks, covariates);
        INDArray features = windows.getFeatures();
        INDArray sequence = strategy == ModelSpec.Strategy.SEQ2SEQ ? net.output(features, false) : null;
        INDArray out = sequence != null ? HorizonForecast.lastStep(sequence)
                : HorizonForecast.of(net, strategy, horizon, features, windows.getFeaturesMaskArray());
        // [b, horizon, output steps] row-major
        float[] everyStep = sequence == null ? null : sequence.dup('c').ravel().toFloatVector();
        // one copy out of ND4J per batch: an INDArray row view per window cost ~30 s over 1.1M windows
        double[][] outputs = out.toDoubleMatrix();
        Forecast[] forecasts = new Forecast[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Window w = batch.get(i);
            double[] allSteps = everyStep == null || w.future() ? null
                    : allStepsSquaredErrors(w, everyStep, i, horizon, targets);
            forecasts[i] = quantiles != null ? Forecast.fromQuantileOutputs(w, outputs[i], quantiles)
                    : Forecast.fromNetworkAxis(w, outputs[i], allSteps);
        }
        return forecasts;
    }

    /**
     * For each horizon step k: the mean over the network's output steps j of the squared error on the original scale
     * of the seq2seq output at (j, k) against the label it was trained on, s[targets.source(j, k)] (s[j + k + 1]
     * without a Conv1D front end), s = the window's observed input followed by its actual target.
     */
    private static double[] allStepsSquaredErrors(Window w, float[] everyStep, int row, int horizon,
                                                  Targets targets) {
        int t = w.input().length;
        int pad = w.padding();
        int steps = targets.steps(t);
        int base = row * horizon * steps;
        double[] out = new double[horizon];
        for (int k = 0; k < horizon; k++) {
            double sum = 0;
            for (int step = 0; step < steps; step++) {
                int at = targets.source(step, k);
                // a padded step's label is the first observed value, as it was trained (no mask for seq2seq)
                double label = at < t ? w.observed()[Math.max(0, at - pad)] : w.actual()[at - t];
                double e = w.toOriginal(k, everyStep[base + k * steps + step]) - label;
                sum += e * e;
            }
            out[k] = sum / steps;
        }
        return out;
    }
}
