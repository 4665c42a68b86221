package io.rnnforecast.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A network's lookback shorter than its window: recurrent input [batch, features, steps] (NCW) becomes its last
 * {@code keep} steps, [batch, features, keep], and a padding mask [batch, steps] its last {@code keep} columns, so
 * one set of windows serves ensemble members that read different lengths of history (N-BEATS' ensembles over
 * lookbacks, {@code model.ensemble.lookbacks}) and the network carries its own lookback wherever it is loaded.
 * Backprop returns zeros for the dropped steps. The shapes are part of the configuration
 * ({@link StepsPreProcessor}, with {@code keep}); they serialize in the network's JSON.
 */
public final class LastSteps extends StepsPreProcessor {
    private long keep;

    public LastSteps() {
    }

    public LastSteps(long features, long steps, long keep) {
        super(features, steps);
        if (features < 1 || keep < 1 || keep > steps) {
            throw new IllegalArgumentException("LastSteps: features >= 1 and 1 <= keep <= steps, got " + features
                    + ", " + keep + " of " + steps);
        }
        this.keep = keep;
    }

    public long getKeep() {
        return keep;
    }

    public void setKeep(long keep) {
        this.keep = keep;
    }

    /** The kept steps' index: the last {@code keep} of the window's. */
    private INDArrayIndex kept() {
        return NDArrayIndex.interval(getSteps() - keep, getSteps());
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        requireShape(input);
        INDArray last = input.get(NDArrayIndex.all(), NDArrayIndex.all(), kept());
        // a contiguous copy: the fused layers read their input as one 'c' buffer
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, last, 'c');
    }

    @Override
    public INDArray backprop(INDArray epsilon, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray full = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                new long[] {epsilon.size(0), getFeatures(), getSteps()}, 'c');
        full.assign(0);
        full.get(NDArrayIndex.all(), NDArrayIndex.all(), kept()).assign(epsilon);
        return full;
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        requireType(inputType);
        return InputType.recurrent(getFeatures(), keep);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        if (maskArray == null) {
            return new Pair<>(null, currentMaskState);
        }
        if (maskArray.rank() != 2 || maskArray.size(1) != getSteps()) {
            throw new IllegalArgumentException("LastSteps expects a mask [batch, " + getSteps() + "], got "
                    + java.util.Arrays.toString(maskArray.shape()));
        }
        return new Pair<>(maskArray.get(NDArrayIndex.all(), kept()).dup('c'),
                currentMaskState);
    }

    @Override
    public LastSteps clone() {
        return new LastSteps(getFeatures(), getSteps(), keep);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LastSteps l && l.getFeatures() == getFeatures() && l.getSteps() == getSteps()
                && l.keep == keep;
    }

    @Override
    public int hashCode() {
        return Long.hashCode((31 * getFeatures() + getSteps()) * 31 + keep);
    }
}
