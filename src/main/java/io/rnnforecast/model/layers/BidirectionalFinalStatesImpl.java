package io.rnnforecast.model.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runtime of {@link BidirectionalFinalStates}: copies each row's two final states out of the wrapped layer's
 * concatenated sequence, and their gradient back into the same steps (zeros elsewhere).
 */
public class BidirectionalFinalStatesImpl extends BaseWrapperLayer {

    private long[] sequenceShape;
    /** Per row, the step each pass ends at: forward [0][row], backward [1][row]; -1 without a real step. */
    private int[][] endSteps;

    public BidirectionalFinalStatesImpl(Layer underlying) {
        super(underlying);
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    /** The forward pass ends at each row's last real step, the backward one at its first (every step: no mask). */
    private static int[][] endSteps(INDArray mask, long b, long t) {
        int[][] ends = new int[2][(int) b];
        double[] m = mask == null ? null : NdArrays.read(mask, (double[]) null);
        for (int i = 0; i < b; i++) {
            ends[0][i] = -1;
            ends[1][i] = -1;
            for (int s = 0; s < t; s++) {
                if (m == null || m[(int) (i * t + s)] != 0) {
                    ends[1][i] = ends[1][i] < 0 ? s : ends[1][i];
                    ends[0][i] = s;
                }
            }
        }
        return ends;
    }

    /** The flat index, in [batch, 2h, time] C order, that value k of row i is taken from; -1 for none. */
    private int source(int i, int k) {
        long w = sequenceShape[1], t = sequenceShape[2];
        int s = endSteps[k < w / 2 ? 0 : 1][i];
        return s < 0 ? -1 : Math.toIntExact((i * w + k) * t + s);
    }

    private INDArray finalStates(INDArray sequence, LayerWorkspaceMgr workspaceMgr) {
        if (sequence.rank() != 3) {
            throw new IllegalArgumentException("BidirectionalFinalStates: expected the wrapped layer's output"
                    + " [batch, 2h, time], got shape " + java.util.Arrays.toString(sequence.shape()));
        }
        sequenceShape = sequence.shape();
        int b = (int) sequenceShape[0], w = (int) sequenceShape[1];
        endSteps = endSteps(underlying.getMaskArray(), b, sequenceShape[2]);
        double[] in = NdArrays.read(sequence, (double[]) null);
        double[] out = new double[b * w];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < w; k++) {
                int from = source(i, k);
                out[i * w + k] = from < 0 ? 0 : in[from];
            }
        }
        INDArray ret = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, sequence.dataType(),
                new long[] {b, w}, 'c');
        NdArrays.write(out, ret);
        return ret;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return finalStates(underlying.activate(training, workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        return finalStates(underlying.activate(input, training, workspaceMgr), workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        int b = (int) sequenceShape[0], w = (int) sequenceShape[1];
        double[] eps = NdArrays.read(epsilon, (double[]) null);
        double[] grad = new double[Math.toIntExact(b * w * sequenceShape[2])];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < w; k++) {
                int to = source(i, k);
                if (to >= 0) {
                    grad[to] = eps[i * w + k];
                }
            }
        }
        INDArray sequenceGrad = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, epsilon.dataType(),
                sequenceShape, 'c');
        NdArrays.write(grad, sequenceGrad);
        return underlying.backpropGradient(sequenceGrad, workspaceMgr);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        underlying.feedForwardMaskArray(maskArray, currentMaskState, minibatchSize);
        setMaskArray(maskArray);
        // one vector per row: nothing left to mask
        return new Pair<>(null, currentMaskState);
    }
}
