package io.rnnforecast.train;

import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.model.NetworkFactory;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The workers' configuration after scaling, read back from its JSON as a worker reads it. */
class WorkerLearningRateTest {
    private static final double RATE = 0.001;

    private static List<IUpdater> updaters(MultiLayerConfiguration conf) {
        List<IUpdater> out = new ArrayList<>();
        conf.getConfs().forEach(c -> collect(c.getLayer(), out));
        return out;
    }

    private static void collect(Layer layer, List<IUpdater> out) {
        if (layer instanceof Bidirectional b) {
            collect(b.getFwd(), out);
            collect(b.getBwd(), out);
        } else if (layer instanceof BaseWrapperLayer w) {
            collect(w.getUnderlying(), out);
        } else if (layer instanceof BaseLayer base) {
            out.add(base.getIUpdater());
        }
    }

    private static MultiLayerConfiguration model(ModelSpec.Builder builder) {
        MultiLayerNetwork net = NetworkFactory.build(builder.learningRate(RATE).build());
        return net.getLayerWiseConfigurations();
    }

    /**
     * Linear, W = 4, warm-up 3 rounds of 20 minibatches: rate r (1 + 3 (i + 1) / 60) for iteration i < 60 (from the
     * model's rate r towards 4r), then 4r.
     */
    @Test
    void linearScalingRampsToWTimesTheRateOverTheWarmUp() {
        MultiLayerConfiguration conf = model(ModelSpec.builder().stack(2, 8).window(10, 1));
        String before = conf.toJson();
        MultiLayerConfiguration workers = MultiLayerConfiguration.fromJson(WorkerLearningRate.of(conf,
                new WorkerLearningRate.Spec(WorkerLearningRate.Rule.LINEAR, 3), 4, 20, 1).toJson());
        assertEquals(before, conf.toJson(), "the driver's configuration is left as it was");
        List<IUpdater> scaled = updaters(workers);
        assertEquals(3, scaled.size());
        for (IUpdater u : scaled) {
            assertEquals(RATE * (1 + 3.0 / 60), u.getLearningRate(0, 0), 1e-12);
            assertEquals(RATE * 2.5, u.getLearningRate(29, 0), 1e-12);
            assertEquals(4 * RATE, u.getLearningRate(59, 0), 1e-12);
            assertEquals(4 * RATE, u.getLearningRate(5000, 3), 1e-12);
        }
        updaters(conf).forEach(u -> assertEquals(RATE, u.getLearningRate(5000, 3), 1e-15));
    }

    /** sqrt(W) on the epoch step decay (factor 0.5 every 2 epochs), bidirectional layers included, no ramp. */
    @Test
    void sqrtScalingKeepsTheEpochDecayAndReachesWrappedLayers() {
        MultiLayerConfiguration conf = model(ModelSpec.builder().stack(2, 8).window(10, 1).bidirectional(true)
                .learningRateDecay(new ModelSpec.StepDecay(2, 0.5)));
        MultiLayerConfiguration workers = MultiLayerConfiguration.fromJson(WorkerLearningRate.of(conf,
                new WorkerLearningRate.Spec(WorkerLearningRate.Rule.SQRT, 0), 9, 20, 1).toJson());
        List<IUpdater> scaled = updaters(workers);
        assertEquals(5, scaled.size(), "two layers forward and backward, and the output layer");
        for (IUpdater u : scaled) {
            assertEquals(3 * RATE, u.getLearningRate(0, 0), 1e-12);
            assertEquals(3 * RATE * 0.5, u.getLearningRate(0, 2), 1e-12);
            assertEquals(3 * RATE * 0.25, u.getLearningRate(0, 5), 1e-12);
        }
    }

    @Test
    void noneLeavesTheRatesAsTheyAre() {
        MultiLayerConfiguration conf = model(ModelSpec.builder().stack(1, 8).window(10, 1));
        MultiLayerConfiguration same = WorkerLearningRate.of(conf, WorkerLearningRate.Spec.NONE, 8, 20, 1);
        assertEquals(conf.toJson(), same.toJson());
        assertFalse(same == conf);
    }

    /**
     * auto resolved per worker count: below 8 workers the model's rate and the averaging frequency as given; from 8
     * the rate x sqrt(W), 10 minibatches a round and 2 epochs of warm-up, each only where the user set nothing.
     */
    @Test
    void autoResolvesToTheManyWorkerRecipeFromEightWorkersKeepingWhatWasSet() {
        TrainingSpec base = new TrainingSpec(3, 32, 20, 0, true, TrainingSpec.Engine.ROUNDS, 7);
        TrainingSpec unset = base.withCombination(OuterOptimizer.Spec.AVERAGE,
                new WorkerLearningRate.Spec(WorkerLearningRate.Rule.AUTO, 0, false, false));
        TrainingSpec seven = unset.forWorkers(7);
        assertEquals(20, seven.averagingFrequency());
        assertEquals(WorkerLearningRate.Rule.NONE, seven.learningRate().rule());
        assertEquals(0, seven.learningRate().warmupRounds(27));
        assertEquals(1.0, seven.learningRate().factor(7));

        TrainingSpec eight = unset.forWorkers(8);
        assertEquals(10, eight.averagingFrequency());
        assertEquals(8, eight.workers());
        assertEquals(WorkerLearningRate.Rule.SQRT, eight.learningRate().rule());
        assertEquals(54, eight.learningRate().warmupRounds(27));
        assertEquals(Math.sqrt(8), eight.learningRate().factor(8), 1e-15);
        assertEquals(4.0, unset.learningRate().factor(16), 1e-15);

        TrainingSpec set = base.withCombination(OuterOptimizer.Spec.AVERAGE,
                new WorkerLearningRate.Spec(WorkerLearningRate.Rule.AUTO, 5, true, true)).forWorkers(16);
        assertEquals(20, set.averagingFrequency());
        assertEquals(5, set.learningRate().warmupRounds(14));
        assertEquals(WorkerLearningRate.Rule.SQRT, set.learningRate().rule());

        // other rules are not touched by the worker count
        TrainingSpec sqrt = base.withCombination(OuterOptimizer.Spec.AVERAGE,
                new WorkerLearningRate.Spec(WorkerLearningRate.Rule.SQRT, 3));
        assertEquals(sqrt, sqrt.forWorkers(16));
    }
}
