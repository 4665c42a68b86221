package io.rnnforecast.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' Flatten for a window: recurrent input [batch, features, time] (NCW) becomes one feed-forward row of
 * features x time values per window, [x_1, ..., x_T] for one feature, so a dense layer sees the whole window at once.
 * DL4J's own RnnToFeedForwardPreProcessor would instead make one row per time step. Windows are never masked here:
 * a mask has nothing to apply to after flattening and is dropped. The shape is part of the configuration
 * ({@link StepsPreProcessor}) so that backprop can restore it.
 */
public final class FlattenSteps extends StepsPreProcessor {

    public FlattenSteps() {
    }

    public FlattenSteps(long features, long steps) {
        super(features, steps);
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        requireShape(input);
        INDArray c = input.ordering() == 'c' ? input : workspaceMgr.dup(ArrayType.ACTIVATIONS, input, 'c');
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS,
                c.reshape('c', input.size(0), getFeatures() * getSteps()));
    }

    @Override
    public INDArray backprop(INDArray epsilon, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray c = epsilon.ordering() == 'c' ? epsilon : workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon, 'c');
        return workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD,
                c.reshape('c', epsilon.size(0), getFeatures(), getSteps()));
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        requireType(inputType);
        return InputType.feedForward(getFeatures() * getSteps());
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public FlattenSteps clone() {
        return new FlattenSteps(getFeatures(), getSteps());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlattenSteps f && f.getFeatures() == getFeatures() && f.getSteps() == getSteps();
    }

    @Override
    public int hashCode() {
        return Long.hashCode(31 * getFeatures() + getSteps());
    }
}
