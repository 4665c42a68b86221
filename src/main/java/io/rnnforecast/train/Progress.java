package io.rnnforecast.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A training's bookkeeping across epochs: the history, the best epoch so far (lowest validation MSE, improving by
 * more than min-delta) and early stopping; it starts from scratch or from a {@link Checkpoint}, and after each
 * epoch yields the checkpoint to save.
 */
final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final TrainingSpec.EarlyStopping earlyStopping;
    private final List<EpochStats> history;
    private final int resumedAfterEpoch;
    private int epoch;
    private int bestEpoch;
    private double bestMse;
    private NetworkState best;
    private int withoutImprovement;
    private boolean earlyStopped;

    private Progress(TrainingSpec.EarlyStopping earlyStopping, Checkpoint from) {
        this.earlyStopping = earlyStopping;
        this.history = new ArrayList<>(from == null ? List.of() : from.history());
        this.resumedAfterEpoch = from == null ? 0 : from.epoch();
        this.epoch = resumedAfterEpoch;
        this.bestEpoch = from == null ? 0 : from.bestEpoch();
        this.bestMse = from == null ? Double.POSITIVE_INFINITY : from.bestValidationMse();
        this.best = from == null ? null : from.best();
        this.withoutImprovement = from == null ? 0 : from.epochsWithoutImprovement();
        this.earlyStopped = from != null && from.earlyStopped();
    }

    /** Fresh, or continuing {@code checkpoint} (whose state is loaded into {@code network}). */
    static Progress start(Checkpoint checkpoint, MultiLayerNetwork network, String runId, TrainingSpec spec) {
        if (checkpoint != null) {
            checkpoint.network().loadInto(network);
            LOG.info("resuming run {} after epoch {} from its checkpoint{}", runId, checkpoint.epoch(),
                    checkpoint.earlyStopped() ? " (it had stopped early: nothing left to train)"
                            : checkpoint.epoch() >= spec.epochs() ? " (all " + spec.epochs() + " epochs done)" : "");
        }
        return new Progress(spec.earlyStopping(), checkpoint);
    }

    int nextEpoch() {
        return epoch + 1;
    }

    boolean continues(int epochs) {
        return !earlyStopped && epoch < epochs;
    }

    /**
     * Books one finished epoch (the network's state after it) and returns the checkpoint to save. Tells
     * {@code outer} whether the epoch improved first ({@link OuterOptimizer#endEpoch}), so the checkpoint holds the
     * momentum the next epoch starts from.
     */
    Checkpoint record(EpochStats stats, MultiLayerNetwork network, OuterOptimizer outer) {
        epoch = stats.epoch();
        history.add(stats);
        NetworkState state = NetworkState.of(network, true);
        double mse = stats.validationMse();
        if (Double.isNaN(mse)) {
            // no validation windows: nothing to compare, so never a reason to stop
            withoutImprovement = 0;
        } else if (mse < bestMse - earlyStopping.minDelta()) {
            bestMse = mse;
            bestEpoch = epoch;
            best = state;
            withoutImprovement = 0;
        } else {
            withoutImprovement++;
        }
        earlyStopped = earlyStopping.enabled() && withoutImprovement >= earlyStopping.patience();
        if (outer.endEpoch(withoutImprovement == 0)) {
            LOG.info(String.format("epoch %d: validation MSE %.6f did not improve on epoch %d's %.6f: outer momentum"
                    + " restarted", epoch, mse, bestEpoch, bestMse));
        }
        return new Checkpoint(epoch, state, bestEpoch, bestMse, best, withoutImprovement, history, earlyStopped,
                outer.velocity());
    }

    /**
     * Ends the training: with early stopping the network takes the best epoch's parameters (and Adam state).
     * Returns why training ended.
     */
    String finish(MultiLayerNetwork network, int epochs) {
        if (earlyStopping.enabled() && best != null && bestEpoch != epoch) {
            best.loadInto(network);
        }
        if (earlyStopped) {
            return String.format("early stopping after epoch %d: validation MSE did not improve by more than %s for"
                    + " %d epochs; keeping epoch %d (validation MSE %.6f)", epoch, earlyStopping.minDelta(),
                    earlyStopping.patience(), bestEpoch, bestMse);
        }
        return "completed " + epoch + " of " + epochs + " epochs" + (earlyStopping.enabled()
                ? String.format("; keeping epoch %d (validation MSE %.6f)", bestEpoch, bestMse) : "");
    }

    List<EpochStats> history() {
        return history;
    }

    int resumedAfterEpoch() {
        return resumedAfterEpoch;
    }

    /** The epoch whose parameters the network holds after {@link #finish}. */
    int bestEpoch() {
        return earlyStopping.enabled() && best != null ? bestEpoch : epoch;
    }
}
