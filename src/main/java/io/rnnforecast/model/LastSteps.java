package io.rnnforecast.model;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A network's lookback shorter than its window: recurrent input [batch, features, steps] (NCW) becomes its last
 * {@code keep} steps, [batch, features, keep], and a padding mask [batch, steps] its last {@code keep} columns, so
 * one set of windows serves ensemble members that read different lengths of history (N-BEATS' ensembles over
 * lookbacks, {@code model.ensemble.lookbacks}) and the network carries its own lookback wherever it is loaded.
 * Backprop returns zeros for the dropped steps. The shapes are part of the configuration (bean properties, as
 * {@link FlattenSteps}); they serialize in the network's JSON.
 */
public final class LastSteps extends BaseInputPreProcessor {
    private long features;
    private long steps;
    private long keep;

    public LastSteps() {
    }

    public LastSteps(long features, long steps, long keep) {
        if (features < 1 || keep < 1 || keep > steps) {
            throw new IllegalArgumentException("LastSteps: features >= 1 and 1 <= keep <= steps, got " + features
                    + ", " + keep + " of " + steps);
        }
        this.features = features;
        this.steps = steps;
        this.keep = keep;
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

    public long getKeep() {
        return keep;
    }

    public void setKeep(long keep) {
        this.keep = keep;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        if (input.rank() != 3 || input.size(1) != features || input.size(2) != steps) {
            throw new IllegalArgumentException("LastSteps expects [batch, " + features + ", " + steps + "], got "
                    + java.util.Arrays.toString(input.shape()));
        }
        INDArray last = input.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(steps - keep, steps));
        // a contiguous copy: the fused layers read their input as one 'c' buffer
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, last, 'c');
    }

    @Override
    public INDArray backprop(INDArray epsilon, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        INDArray full = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                new long[] {epsilon.size(0), features, steps}, 'c');
        full.assign(0);
        full.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(steps - keep, steps)).assign(epsilon);
        return full;
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r) || r.getSize() != features
                || r.getTimeSeriesLength() != steps) {
            throw new IllegalStateException("LastSteps expects InputType.recurrent(" + features + ", " + steps
                    + "), got " + inputType);
        }
        return InputType.recurrent(features, keep);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        if (maskArray == null) {
            return new Pair<>(null, currentMaskState);
        }
        if (maskArray.rank() != 2 || maskArray.size(1) != steps) {
            throw new IllegalArgumentException("LastSteps expects a mask [batch, " + steps + "], got "
                    + java.util.Arrays.toString(maskArray.shape()));
        }
        return new Pair<>(maskArray.get(NDArrayIndex.all(), NDArrayIndex.interval(steps - keep, steps)).dup('c'),
                currentMaskState);
    }

    @Override
    public LastSteps clone() {
        return new LastSteps(features, steps, keep);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LastSteps l && l.features == features && l.steps == steps && l.keep == keep;
    }

    @Override
    public int hashCode() {
        return Long.hashCode((31 * features + steps) * 31 + keep);
    }
}
