package io.rnnforecast.train;

import java.io.Serializable;
import java.util.List;

/**
 * A training's state after {@code epoch} completed epochs: enough to continue exactly where it stopped. The data
 * order of every epoch comes from (seed, epoch) and the network state carries Adam's moments and DL4J's iteration
 * counter, so a resumed training ends with the same parameters as an uninterrupted one. {@code best} is the state
 * after {@code bestEpoch} (the lowest validation MSE so far; null without validation); {@code earlyStopped} ends
 * the training for good, whereas a training that ran all its epochs continues if asked for more.
 * {@code outerVelocity} is the outer optimizer's momentum ({@link OuterOptimizer}; null for plain averaging and in
 * checkpoints written before it existed, which Java's record deserialization reads as null).
 */
public record Checkpoint(int epoch, NetworkState network, int bestEpoch, double bestValidationMse, NetworkState best,
                         int epochsWithoutImprovement, List<EpochStats> history, boolean earlyStopped,
                         double[] outerVelocity)
        implements Serializable {

    public Checkpoint {
        history = List.copyOf(history);
    }
}
