package io.rnnforecast.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;

/**
 * What a round broadcasts and what a worker returns: flat parameters, the updater state (Adam's moments; null when
 * it is not averaged) and DL4J's iteration and epoch counters (Adam's bias correction reads the iteration).
 */
record NetworkState(float[] params, float[] updater, int iteration, int epoch) implements Serializable {

    static NetworkState of(MultiLayerNetwork net, boolean withUpdater) {
        INDArray state = withUpdater ? net.getUpdater().getStateViewArray() : null;
        return new NetworkState(net.params().toFloatVector(), state == null ? null : state.toFloatVector(),
                net.getIterationCount(), net.getEpochCount());
    }

    /**
     * Loads this state into {@code net}. Without an updater state the worker's updater starts from zeros, as a
     * dl4j-spark worker with saveUpdater = false does (it builds a fresh network each round).
     */
    void loadInto(MultiLayerNetwork net) {
        net.params().assign(Nd4j.createFromArray(params));
        INDArray view = net.getUpdater().getStateViewArray();
        if (view != null) {
            if (updater != null) {
                view.assign(Nd4j.createFromArray(updater));
            } else {
                view.assign(0);
            }
        }
        net.setIterationCount(iteration);
        net.setEpochCount(epoch);
    }
}
