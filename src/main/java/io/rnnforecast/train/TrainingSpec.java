package io.rnnforecast.train;

import io.rnnforecast.config.Keyed;
import io.rnnforecast.config.Settings;

import java.io.Serializable;

/**
 * Parameter-averaging settings. Each of {@code workers} fits minibatches of {@code batchSizePerWorker}; parameters
 * (and, with {@code averageUpdaterState}, the Adam moments) are averaged every {@code averagingFrequency}
 * minibatches. {@code workers = 0} means Spark's default parallelism. {@code seed} orders the data: which windows
 * each worker fits in each round of each epoch ({@link io.rnnforecast.train.RoundPlan}).
 */
public record TrainingSpec(int epochs, int batchSizePerWorker, int averagingFrequency, int workers,
                           boolean averageUpdaterState, Engine engine, long seed, EarlyStopping earlyStopping)
        implements Serializable {

    /**
     * Stop when the validation MSE has not improved by more than {@code minDelta} for {@code patience} epochs, and
     * keep the best epoch's parameters; {@code patience = 0}: train every epoch and keep the last parameters.
     */
    public record EarlyStopping(int patience, double minDelta) implements Serializable {
        public static final EarlyStopping OFF = new EarlyStopping(0, 0);

        public boolean enabled() {
            return patience > 0;
        }
    }

    /** Without early stopping. */
    public TrainingSpec(int epochs, int batchSizePerWorker, int averagingFrequency, int workers,
                        boolean averageUpdaterState, Engine engine, long seed) {
        this(epochs, batchSizePerWorker, averagingFrequency, workers, averageUpdaterState, engine, seed,
                EarlyStopping.OFF);
    }

    /** Who runs the rounds; both average exactly as dl4j-spark's ParameterAveragingTrainingMaster does. */
    public enum Engine implements Keyed {
        /** One Spark job per round, networks kept on the executors between rounds (the default). */
        ROUNDS,
        /**
         * dl4j-spark's ParameterAveragingTrainingMaster, handed one round at a time (Direct, Repartition.Never):
         * kept to compare against; its per-round work (a count job, a network built per worker, treeAggregate)
         * costs more (bench/scaling-benchmark.sh).
         */
        DL4J
    }

    /** The train section; the data order's seed is model.seed. */
    public static TrainingSpec from(Settings s) {
        return new TrainingSpec(s.intIn("train.epochs", 1, 100_000),
                s.intIn("train.batch-size-per-worker", 1, 1_000_000), s.intIn("train.averaging-frequency", 1, 100_000),
                s.intIn("train.workers", 0, 100_000),
                s.bool("train.average-updater-state"), s.oneOf("train.engine", Engine.class), s.anyLong("model.seed"),
                new EarlyStopping(s.intIn("train.early-stopping.patience", 0, 100_000),
                        s.doubleIn("train.early-stopping.min-delta", 0, Double.MAX_VALUE)));
    }

    public TrainingSpec {
        if (epochs < 1 || batchSizePerWorker < 1 || averagingFrequency < 1 || workers < 0) {
            throw new IllegalArgumentException("epochs, batch size and averaging frequency must be >= 1 and workers"
                    + " >= 0: " + epochs + ", " + batchSizePerWorker + ", " + averagingFrequency + ", " + workers);
        }
    }
}
