package io.rnnforecast.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' Flatten for a window: recurrent input [batch, features, time] (NCW) becomes one feed-forward row of
 * features x time values per window, [x_1, ..., x_T] for one feature, so a dense layer sees the whole window at once.
 * DL4J's own RnnToFeedForwardPreProcessor would instead make one row per time step. Windows are never masked here:
 * a mask has nothing to apply to after flattening and is dropped. The shape is part of the configuration (as in
 * DL4J's CnnToFeedForwardPreProcessor) so that backprop can restore it; the bean properties serialize it as JSON.
 */
public final class FlattenSteps extends BaseInputPreProcessor {
    private long features;
    private long steps;

    public FlattenSteps() {
    }

    public FlattenSteps(long features, long steps) {
        this.features = features;
        this.steps = steps;
    }

    public long getFeatures() {
        return features;
    }

    public void setFeatures(long features) {
        this.features = features;
    }

    public long getSteps() {
        return steps;
    }

    public void setSteps(long steps) {
        this.steps = steps;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 3 || input.size(1) != features || input.size(2) != steps) {
            throw new IllegalArgumentException("FlattenSteps expects [batch, " + features + ", " + steps + "], got "
                    + java.util.Arrays.toString(input.shape()));
        }
        INDArray c = input.ordering() == 'c' ? input : workspaceMgr.dup(ArrayType.ACTIVATIONS, input, 'c');
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, c.reshape('c', input.size(0), features * steps));
    }

    @Override
    public INDArray backprop(INDArray epsilon, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray c = epsilon.ordering() == 'c' ? epsilon : workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon, 'c');
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, c.reshape('c', epsilon.size(0), features, steps));
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r) || r.getSize() != features
                || r.getTimeSeriesLength() != steps) {
            throw new IllegalStateException("FlattenSteps expects InputType.recurrent(" + features + ", " + steps
                    + "), got " + inputType);
        }
        return InputType.feedForward(features * steps);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public FlattenSteps clone() {
        return new FlattenSteps(features, steps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlattenSteps f && f.features == features && f.steps == steps;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(31 * features + steps);
    }
}
