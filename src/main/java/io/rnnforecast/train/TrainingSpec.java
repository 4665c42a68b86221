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
                           boolean averageUpdaterState, Engine engine, long seed, EarlyStopping earlyStopping,
                           OuterOptimizer.Spec outer, WorkerLearningRate.Spec learningRate)
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

    /** Plain averaging at the model's learning rate. */
    public TrainingSpec(int epochs, int batchSizePerWorker, int averagingFrequency, int workers,
                        boolean averageUpdaterState, Engine engine, long seed, EarlyStopping earlyStopping) {
        this(epochs, batchSizePerWorker, averagingFrequency, workers, averageUpdaterState, engine, seed,
                earlyStopping, OuterOptimizer.Spec.AVERAGE, WorkerLearningRate.Spec.NONE);
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
         * Every epoch one Spark barrier stage whose tasks run all its rounds and sum their parameters among
         * themselves over TCP ({@link BarrierEpochs}): no job and no driver per round.
         */
        BARRIER,
        /**
         * dl4j-spark's ParameterAveragingTrainingMaster, handed one round at a time (Direct, Repartition.Never):
         * kept to compare against; its per-round work (a count job, a network built per worker, treeAggregate)
         * costs more (bench/scaling-benchmark.sh).
         */
        DL4J
    }

    /** The train section; the data order's seed is model.seed. */
    public static TrainingSpec from(Settings s) {
        return Settings.checked(() -> {
            Engine engine = s.oneOf("train.engine", Engine.class);
            // dl4j alone keeps dl4j-spark's plain averaging unless a combination key is set (then refused below)
            boolean combining = engine != Engine.DL4J || combinationSet(s);
            return new TrainingSpec(s.intIn("train.epochs", 1, 100_000),
                    s.intIn("train.batch-size-per-worker", 1, 1_000_000),
                    s.intIn("train.averaging-frequency", 1, 100_000), s.intIn("train.workers", 0, 100_000),
                    s.bool("train.average-updater-state"), engine, s.anyLong("model.seed"),
                    new EarlyStopping(s.intIn("train.early-stopping.patience", 0, 100_000),
                            s.doubleIn("train.early-stopping.min-delta", 0, Double.MAX_VALUE)),
                    combining ? outer(s) : OuterOptimizer.Spec.AVERAGE,
                    combining ? learningRate(s) : WorkerLearningRate.Spec.NONE);
        });
    }

    private static final java.util.List<String> COMBINATION_KEYS = java.util.List.of("train.outer.learning-rate",
            "train.outer.momentum", "train.outer.nesterov", "train.learning-rate-scaling", "train.warmup-rounds");

    /**
     * Whether the user set a combination key: train.engine = dl4j alone averages as dl4j-spark does whatever the
     * defaults of the combination rule are, and refuses a rule the user asked for (see the constructor).
     */
    private static boolean combinationSet(Settings s) {
        return COMBINATION_KEYS.stream().anyMatch(s::isExplicit);
    }

    private static OuterOptimizer.Spec outer(Settings s) {
        return new OuterOptimizer.Spec(s.doubleIn("train.outer.learning-rate", 1e-6, 100),
                s.doubleIn("train.outer.momentum", 0, 0.999), s.bool("train.outer.nesterov"),
                s.bool("train.outer.restart-on-plateau"));
    }

    private static WorkerLearningRate.Spec learningRate(Settings s) {
        return new WorkerLearningRate.Spec(s.oneOf("train.learning-rate-scaling", WorkerLearningRate.Rule.class),
                s.intIn("train.warmup-rounds", 0, 10_000_000), s.isExplicit("train.warmup-rounds"),
                s.isExplicit("train.averaging-frequency"));
    }

    /**
     * The settings {@code workers} workers train with: train.learning-rate-scaling = auto resolved (from
     * {@link WorkerLearningRate#MANY_WORKERS} workers the rate x sqrt(W) and, unless set, averaging every
     * {@link WorkerLearningRate#MANY_WORKERS_FREQUENCY} minibatches; the warm-up's epochs become rounds once the
     * epoch is laid out: {@link WorkerLearningRate.Spec#warmupRounds(int)}); other rules as they are.
     */
    public TrainingSpec forWorkers(int workers) {
        if (learningRate.rule() != WorkerLearningRate.Rule.AUTO) {
            return this;
        }
        boolean many = workers >= WorkerLearningRate.MANY_WORKERS;
        int frequency = many && !learningRate.frequencySet() ? WorkerLearningRate.MANY_WORKERS_FREQUENCY
                : averagingFrequency;
        return new TrainingSpec(epochs, batchSizePerWorker, frequency, workers, averageUpdaterState, engine, seed,
                earlyStopping, outer, learningRate.forWorkers(workers));
    }

    /** The same training with another combination rule (bench and tests compare rules on one spec). */
    public TrainingSpec withCombination(OuterOptimizer.Spec outer, WorkerLearningRate.Spec learningRate) {
        return new TrainingSpec(epochs, batchSizePerWorker, averagingFrequency, workers, averageUpdaterState, engine,
                seed, earlyStopping, outer, learningRate);
    }

    public TrainingSpec {
        if (epochs < 1 || batchSizePerWorker < 1 || averagingFrequency < 1 || workers < 0) {
            throw new IllegalArgumentException("epochs, batch size and averaging frequency must be >= 1 and workers"
                    + " >= 0: " + epochs + ", " + batchSizePerWorker + ", " + averagingFrequency + ", " + workers);
        }
        if (engine == Engine.DL4J && !(outer.averages() && learningRate.changesNothing())) {
            throw new IllegalArgumentException("train.engine = dl4j averages only (dl4j-spark's master has no outer"
                    + " optimizer): train.outer.learning-rate = 1, train.outer.momentum = 0,"
                    + " train.learning-rate-scaling = none and train.warmup-rounds = 0 with it");
        }
    }
}
