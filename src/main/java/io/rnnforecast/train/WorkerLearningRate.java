package io.rnnforecast.train;

import io.rnnforecast.config.Keyed;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;

import java.io.Serializable;

/**
 * The workers' learning rate with W workers: the model's rate (model.learning-rate, with its decay) multiplied by
 * 1, W or sqrt(W), reached by a linear ramp from the model's rate over the first {@code warmupRounds} averaging
 * rounds (Goyal et al. 2017's linear scaling with gradual warm-up; {@link WarmupSchedule}). Only the workers' networks see it: the driver's network, which is saved and
 * evaluated, keeps the model's configuration. The ramp counts DL4J iterations, a worker's minibatches (the trainer
 * ships the iteration count with the parameters every round), so warm-up rounds are the same at any W.
 */
public final class WorkerLearningRate {

    /**
     * How the rate grows with the worker count. AUTO: the recipe measured for many workers from
     * {@link #MANY_WORKERS} on (sqrt, see {@link TrainingSpec#forWorkers}), the model's rate below.
     */
    public enum Rule implements Keyed {
        NONE, LINEAR, SQRT, AUTO
    }

    /**
     * From this many workers AUTO scales the rate by sqrt(W), averages every {@link #MANY_WORKERS_FREQUENCY}
     * minibatches and warms up over {@link #WARMUP_EPOCHS} epochs of rounds (each unless set): measured on 100k
     * series (bench/time-to-accuracy.sh, 2026-12-07), W = 8 reached one worker's 20-epoch validation MSE in 17
     * epochs and W = 16 in 25 with that recipe, neither in 20 epochs with the model's rate and 20 minibatches a
     * round; at W = 2 and 4 the model's rate with the outer momentum is what reached it soonest.
     */
    public static final int MANY_WORKERS = 8;
    public static final int MANY_WORKERS_FREQUENCY = 10;
    public static final int WARMUP_EPOCHS = 2;
    /** {@link Spec#warmupRounds} when the warm-up is {@link #WARMUP_EPOCHS} epochs' rounds, known once laid out. */
    public static final int WARMUP_OF_EPOCHS = -1;

    /**
     * train.learning-rate-scaling and train.warmup-rounds; {@code warmupSet} and {@code frequencySet}: whether the
     * user set train.warmup-rounds and train.averaging-frequency (AUTO keeps what was set).
     */
    public record Spec(Rule rule, int warmupRounds, boolean warmupSet, boolean frequencySet)
            implements Serializable {
        public static final Spec NONE = new Spec(Rule.NONE, 0);

        public Spec {
            if (warmupRounds < 0 && warmupRounds != WARMUP_OF_EPOCHS) {
                throw new IllegalArgumentException("train.warmup-rounds must be >= 0: " + warmupRounds);
            }
        }

        /** A rule with its warm-up, both as the user set them. */
        public Spec(Rule rule, int warmupRounds) {
            this(rule, warmupRounds, true, true);
        }

        public boolean changesNothing() {
            return rule == Rule.NONE && warmupRounds == 0;
        }

        /** AUTO for {@code workers} workers (other rules as they are); the warm-up may be left in epochs. */
        Spec forWorkers(int workers) {
            if (rule != Rule.AUTO) {
                return this;
            }
            boolean many = workers >= MANY_WORKERS;
            return new Spec(many ? Rule.SQRT : Rule.NONE, many && !warmupSet ? WARMUP_OF_EPOCHS : warmupRounds,
                    warmupSet, frequencySet);
        }

        /** The warm-up in rounds, for epochs of {@code roundsPerEpoch} rounds. */
        public int warmupRounds(int roundsPerEpoch) {
            return warmupRounds == WARMUP_OF_EPOCHS ? WARMUP_EPOCHS * roundsPerEpoch : warmupRounds;
        }

        public double factor(int workers) {
            return switch (rule) {
                case NONE -> 1;
                case LINEAR -> workers;
                case SQRT -> Math.sqrt(workers);
                case AUTO -> forWorkers(workers).factor(workers);
            };
        }
    }

    private WorkerLearningRate() {
    }

    /**
     * A copy of {@code conf} whose every updater's rate is scaled for {@code workers} workers and ramped over the
     * warm-up, rounds of {@code averagingFrequency} minibatches, {@code roundsPerEpoch} an epoch; {@code conf} itself
     * is left as it is.
     */
    public static MultiLayerConfiguration of(MultiLayerConfiguration conf, Spec spec, int workers,
                                             int averagingFrequency, int roundsPerEpoch) {
        // through JSON: clone() shares the layers' updater objects (1.0.0-M2), and scaling them would change the
        // driver's configuration too (found by WorkerLearningRateTest)
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(conf.toJson());
        Spec resolved = spec.forWorkers(workers);
        double factor = resolved.factor(workers);
        if (factor == 1) {
            // one worker, or no scaling: the model's own rate, warm-up or not
            return copy;
        }
        int rampIterations = resolved.warmupRounds(roundsPerEpoch) * averagingFrequency;
        for (NeuralNetConfiguration layer : copy.getConfs()) {
            scale(layer.getLayer(), factor, rampIterations);
        }
        return copy;
    }

    private static void scale(Layer layer, double factor, int rampIterations) {
        if (layer instanceof Bidirectional both) {
            scale(both.getFwd(), factor, rampIterations);
            scale(both.getBwd(), factor, rampIterations);
        } else if (layer instanceof BaseWrapperLayer wrapper) {
            scale(wrapper.getUnderlying(), factor, rampIterations);
        } else if (layer instanceof BaseLayer base) {
            scale(base.getIUpdater(), factor, rampIterations);
            if (base.getBiasUpdater() != null && base.getBiasUpdater() != base.getIUpdater()) {
                scale(base.getBiasUpdater(), factor, rampIterations);
            }
        }
    }

    private static void scale(IUpdater updater, double factor, int rampIterations) {
        if (updater == null || !updater.hasLearningRate()) {
            return;
        }
        ISchedule schedule = scheduleOf(updater);
        ISchedule base = schedule != null ? schedule : new FixedSchedule(updater.getLearningRate(0, 0));
        updater.setLrAndSchedule(Double.NaN, new WarmupSchedule(base, factor, rampIterations));
    }

    private static ISchedule scheduleOf(IUpdater updater) {
        if (updater instanceof Adam adam) {
            return adam.getLearningRateSchedule();
        }
        throw new IllegalArgumentException("train.learning-rate-scaling: the networks here train with Adam, not "
                + updater.getClass().getSimpleName());
    }
}
