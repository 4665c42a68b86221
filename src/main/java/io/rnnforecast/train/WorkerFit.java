package io.rnnforecast.train;

import io.rnnforecast.window.LabelLayout;
import io.rnnforecast.window.WindowBlock;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.io.Serializable;

/**
 * How a worker fits its shares, the same in every round, on every executor and in both engines (rounds and
 * barrier): the training's kept networks ({@link WorkerNetworks}, keyed by {@code trainingId} and built from the
 * configuration JSON broadcast once per training), the minibatch size, whether Adam's moments are combined with the
 * parameters, and the targets' layout and masks.
 */
record WorkerFit(String trainingId, Broadcast<String> configuration, int batchSize, boolean withUpdater,
                 LabelLayout targets, boolean masks) implements Serializable {

    static WorkerFit of(String trainingId, Broadcast<String> configuration, TrainingSpec spec, LabelLayout targets,
                        boolean masks) {
        return new WorkerFit(trainingId, configuration, spec.batchSizePerWorker(), spec.averageUpdaterState(),
                targets, masks);
    }

    /** This executor's kept network for the training (built on first use); give it back when done. */
    MultiLayerNetwork borrow() {
        return WorkerNetworks.borrow(trainingId, configuration.value());
    }

    void giveBack(MultiLayerNetwork net) {
        WorkerNetworks.giveBack(trainingId, net);
    }

    /** Fits {@code share}'s minibatches on {@code net} in order; returns the loss summed over their examples. */
    double fit(MultiLayerNetwork net, WindowBlock share) {
        double lossSum = 0;
        for (DataSet batch : share.minibatches(batchSize, targets, masks)) {
            net.fit(batch);
            lossSum += net.score() * batch.numExamples();
        }
        return lossSum;
    }
}
