package io.rnnforecast.train;

import io.rnnforecast.model.HorizonForecast;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.model.Quantiles;
import io.rnnforecast.window.LabelLayout;
import io.rnnforecast.window.Targets;
import io.rnnforecast.window.WindowBlock;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction2;

import java.io.Serializable;

/**
 * One worker's part of a round, run in an executor: load the broadcast state into a kept network, fit the share's
 * minibatches in order, return the new state.
 */
final class RoundTask extends AbstractFunction2<TaskContext, Iterator<WindowBlock>, RoundTask.Result>
        implements Serializable {

    /** A worker's state after its share, with the summed loss and the time spent in {@code fit}. */
    record Result(NetworkState state, double lossSum, long examples, long fitNanos)
            implements Serializable {
    }

    private final WorkerFit fit;
    private final NetworkState start;

    /**
     * {@code start} travels inside the task: Spark broadcasts each stage's serialized tasks once (the task binary),
     * so the parameters are still broadcast once per round, without a broadcast of their own to create and destroy
     * (1.0-1.5 ms of a ~10 ms round overhead on local[1], measured).
     */
    RoundTask(WorkerFit fit, NetworkState start) {
        this.fit = fit;
        this.start = start;
    }

    @Override
    public Result apply(TaskContext context, Iterator<WindowBlock> shares) {
        WindowBlock share = shares.next();
        MultiLayerNetwork net = fit.borrow();
        try {
            start.loadInto(net);
            long t0 = System.nanoTime();
            double lossSum = fit.fit(net, share);
            long fitNanos = System.nanoTime() - t0;
            return new Result(NetworkState.of(net, fit.withUpdater()), lossSum, share.size(), fitNanos);
        } finally {
            fit.giveBack(net);
        }
    }

    /**
     * Sum of the cross-entropy, -ln p(true class), over every labelled step (or window) of {@code block} with the
     * broadcast parameters, and the number of labels: the validation loss of a classifier.
     */
    static double[] crossEntropy(String trainingId, Broadcast<String> configuration, Broadcast<NetworkState> state,
                                 WindowBlock block, int batchSize, LabelLayout labels) {
        MultiLayerNetwork net = WorkerNetworks.borrow(trainingId, configuration.value());
        try {
            state.value().loadInto(net);
            double sum = 0;
            double n = 0;
            for (DataSet batch : block.minibatches(batchSize, labels)) {
                float[] p = net.output(batch.getFeatures(), false).ravel().toFloatVector();
                float[] oneHot = batch.getLabels().ravel().toFloatVector();
                for (int i = 0; i < p.length; i++) {
                    if (oneHot[i] == 1f) {
                        // a probability that underflowed to 0 counts as 1e-43 (a loss of ~99), not as an infinite one
                        sum -= Math.log(Math.max(p[i], 1e-43f));
                        n++;
                    }
                }
            }
            return new double[] {sum, n};
        } finally {
            WorkerNetworks.giveBack(trainingId, net);
        }
    }

    /**
     * Sum of squared errors and number of values of {@code block}'s horizon forecasts with the broadcast parameters,
     * made as the strategy forecasts ({@link HorizonForecast}: for seq2seq the last step's vector, for iterative the
     * fed-back forecasts), in minibatches of the training batch size: the kernels then see the shapes they are
     * compiled for in training.
     */
    static double[] squaredErrors(String trainingId, Broadcast<String> configuration, Broadcast<NetworkState> state,
                                  WindowBlock block, int batchSize, ModelSpec.Strategy strategy,
                                  boolean masks, double[] quantiles) {
        MultiLayerNetwork net = WorkerNetworks.borrow(trainingId, configuration.value());
        try {
            state.value().loadInto(net);
            double sse = 0;
            for (DataSet batch : block.minibatches(batchSize, Targets.HORIZON, masks)) {
                float[] predicted = HorizonForecast.of(net, strategy, block.horizon(), batch.getFeatures(),
                        batch.getFeaturesMaskArray()).ravel().toFloatVector();
                if (quantiles != null) {
                    predicted = pointForecasts(predicted, quantiles);
                }
                float[] actual = batch.getLabels().ravel().toFloatVector();
                for (int i = 0; i < predicted.length; i++) {
                    double e = (double) predicted[i] - actual[i];
                    sse += e * e;
                }
            }
            return new double[] {sse, (double) block.size() * block.horizon()};
        } finally {
            WorkerNetworks.giveBack(trainingId, net);
        }
    }

    /**
     * A quantile network's outputs ([b, horizon x Q] row-major, step-major within a window: every Q consecutive
     * values are one step's) as its point forecasts [b, horizon], row-major.
     */
    static float[] pointForecasts(float[] outputs, double[] quantiles) {
        int per = quantiles.length;
        float[] points = new float[outputs.length / per];
        double[] step = new double[per];
        for (int p = 0; p < points.length; p++) {
            for (int i = 0; i < per; i++) {
                step[i] = outputs[p * per + i];
            }
            java.util.Arrays.sort(step);
            points[p] = (float) Quantiles.point(quantiles, step);
        }
        return points;
    }
}
