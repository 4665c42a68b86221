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

    /** How the rate grows with the worker count. */
    public enum Rule implements Keyed {
        NONE, LINEAR, SQRT
    }

    /** train.learning-rate-scaling and train.warmup-rounds. */
    public record Spec(Rule rule, int warmupRounds) implements Serializable {
        public static final Spec NONE = new Spec(Rule.NONE, 0);

        public Spec {
            if (warmupRounds < 0) {
                throw new IllegalArgumentException("train.warmup-rounds must be >= 0: " + warmupRounds);
            }
        }

        public boolean changesNothing() {
            return rule == Rule.NONE && warmupRounds == 0;
        }

        public double factor(int workers) {
            return switch (rule) {
                case NONE -> 1;
                case LINEAR -> workers;
                case SQRT -> Math.sqrt(workers);
            };
        }
    }

    private WorkerLearningRate() {
    }

    /**
     * A copy of {@code conf} whose every updater's rate is scaled for {@code workers} workers and ramped over the
     * warm-up, rounds of {@code averagingFrequency} minibatches; {@code conf} itself is left as it is.
     */
    public static MultiLayerConfiguration of(MultiLayerConfiguration conf, Spec spec, int workers,
                                             int averagingFrequency) {
        // through JSON: clone() shares the layers' updater objects (1.0.0-M2), and scaling them would change the
        // driver's configuration too (found by WorkerLearningRateTest)
        MultiLayerConfiguration copy = MultiLayerConfiguration.fromJson(conf.toJson());
        double factor = spec.factor(workers);
        if (factor == 1) {
            // one worker, or no scaling: the model's own rate, warm-up or not
            return copy;
        }
        int rampIterations = spec.warmupRounds() * averagingFrequency;
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
