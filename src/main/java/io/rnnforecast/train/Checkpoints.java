package io.rnnforecast.train;

import java.util.Optional;

/** Where a training keeps a checkpoint after every epoch, and finds the one to resume from. */
public interface Checkpoints {

    /** The newest complete checkpoint valid for these settings, if any. */
    Optional<Checkpoint> latest();

    void save(Checkpoint checkpoint);

    /** Keeps nothing: every training starts from scratch. */
    Checkpoints NONE = new Checkpoints() {
        @Override
        public Optional<Checkpoint> latest() {
            return Optional.empty();
        }

        @Override
        public void save(Checkpoint checkpoint) {
        }
    };
}
