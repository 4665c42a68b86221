package io.rnnforecast.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The {@code horizon} forecasts a network makes for a batch of windows (features [b, 1, input], on the network's
 * axis), by its {@link ModelSpec.Strategy}; returns [b, horizon]. Used by the trainer's validation and by the
 * evaluation alike, so both score the same forecasts. Spark-free; not thread-safe (the network keeps state).
 */
public final class HorizonForecast {
    private HorizonForecast() {
    }

    public static INDArray of(MultiLayerNetwork network, ModelSpec.Strategy strategy, int horizon,
                              INDArray features) {
        return of(network, strategy, horizon, features, null);
    }

    /**
     * With a features mask [b, input] for padded windows (1 = observed step; null: none), which only the direct
     * strategy takes ({@link ModelSpec#masksPadding}).
     */
    public static INDArray of(MultiLayerNetwork network, ModelSpec.Strategy strategy, int horizon,
                              INDArray features, INDArray mask) {
        if (mask != null && strategy != ModelSpec.Strategy.DIRECT) {
            throw new IllegalArgumentException("only the direct strategy masks padded steps, not " + strategy);
        }
        return switch (strategy) {
            case DIRECT -> network.output(features, false, mask, null);
            case SEQ2SEQ -> lastStep(network.output(features, false));
            case ITERATIVE -> iterative(network, features, horizon);
        };
    }

    /**
     * The last time step of a sequence output [b, horizon, time]: [b, horizon]. That step's labels are the window's
     * horizon: every input step's are, and after a Conv1D front end ModelSpec refuses the inputs, kernels and strides
     * whose last output step ends before the last input step ({@code Targets#lastStepIsTarget}).
     */
    public static INDArray lastStep(INDArray everyStep) {
        return everyStep.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(everyStep.size(2) - 1))
                .dup('c');
    }

    /**
     * A one-step network fed its own forecasts: the window is run once with {@code rnnTimeStep}, which keeps every
     * recurrent layer's final state, then each forecast is fed back as one more step from that state. Equals
     * re-running the window extended by the forecasts so far ({@link #iterativeByRerunning}) at input + horizon - 1
     * step computations instead of horizon x input + horizon (horizon - 1) / 2. The state is cleared before and
     * after, so calls do not leak into each other.
     */
    public static INDArray iterative(MultiLayerNetwork network, INDArray features, int horizon) {
        if (!keepsState(network)) {
            return iterativeByRerunning(network, features, horizon);
        }
        long b = features.size(0);
        INDArray out = Nd4j.create(DataType.FLOAT, b, horizon);
        network.rnnClearPreviousState();
        try {
            INDArray step = network.rnnTimeStep(features);
            out.get(NDArrayIndex.all(), NDArrayIndex.point(0)).assign(step.reshape(b));
            for (int k = 1; k < horizon; k++) {
                step = network.rnnTimeStep(step.reshape(b, 1, 1).castTo(features.dataType()));
                out.get(NDArrayIndex.all(), NDArrayIndex.point(k)).assign(step.reshape(b));
            }
        } finally {
            network.rnnClearPreviousState();
        }
        return out;
    }

    /**
     * Whether {@code rnnTimeStep} runs every layer as {@code output} does. DL4J's own LSTM returns its last step
     * through a LastTimeStep wrapper, which MultiLayerNetwork.rnnTimeStep (1.0.0-M2) bypasses (it steps the wrapped
     * layer and hands its whole sequence to the dense layer): such a network is re-run instead. The fused layers
     * return their last step themselves and keep their state.
     */
    static boolean keepsState(MultiLayerNetwork network) {
        for (Layer layer : network.getLayers()) {
            if (layer instanceof BaseWrapperLayer) {
                return false;
            }
        }
        return true;
    }

    /**
     * The reference for {@link #iterative}: for every step, the whole window extended by the forecasts so far is run
     * from a zero state and its last output taken.
     */
    public static INDArray iterativeByRerunning(MultiLayerNetwork network, INDArray features, int horizon) {
        long b = features.size(0);
        INDArray out = Nd4j.create(DataType.FLOAT, b, horizon);
        INDArray sequence = features;
        for (int k = 0; k < horizon; k++) {
            INDArray next = network.output(sequence, false);
            out.get(NDArrayIndex.all(), NDArrayIndex.point(k)).assign(next.reshape(b));
            sequence = Nd4j.concat(2, sequence, next.reshape(b, 1, 1).castTo(features.dataType()));
        }
        return out;
    }
}
