package io.rnnforecast.model.layers;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Common configuration of the fused recurrent layers ({@link FusedLstm}, {@link FusedGru}, {@link FusedSimpleRnn},
 * {@link FusedLayerNormSimpleRnn}, {@link FusedPeepholeLstm}, {@link FusedJordan}).
 *
 * <p>Parameters (names as in DL4J's own recurrent layers), all row-major ('c') views of the network's flat
 * parameter vector, in this order:
 * <ul>
 *   <li>{@code W}  [nIn, G*nOut]: input weights; column block g*nOut..(g+1)*nOut-1 feeds gate g</li>
 *   <li>{@code RW} [nOut, G*nOut]: recurrent weights, same column blocks</li>
 *   <li>{@code b}  [1, nBias]: biases (see {@link CellType} for each cell's gate order and bias layout)</li>
 *   <li>the cell's extra vectors [1, nOut] ({@link CellType#extraKeys()}), if any</li>
 * </ul>
 * (G*nOut is {@link #gateWidth()}: for {@link FusedJordan} its hidden units, and its extras are the output map
 * {@code V} [hidden, nOut] and {@code c} [1, nOut].)
 * A PyTorch layer maps as {@code W = weight_ih_l0^T}, {@code RW = weight_hh_l0^T} (PyTorch's gate order is kept).
 *
 * <p>Input is [batch, nIn, time] (NCW, DL4J's default) or [batch, time, nIn] with {@code dataFormat(NWC)}.
 * With {@code returnSequences(true)} (the default) the output is [batch, nOut, time] and the output type is
 * {@code InputType.recurrent(nOut, time)}; with {@code returnSequences(false)} the output is the last step,
 * [batch, nOut], of type {@code InputType.feedForward(nOut)}, so a dense or output layer can follow directly.
 *
 * <p>Masks ([batch, time], 1 = real step) are honoured: a masked step leaves the state unchanged and outputs
 * zeros, so the last-step output is the state after the last real step (leading or trailing padding alike).
 *
 * <p>The activation functions are fixed (sigmoid gates, tanh); the configuration's {@code activation} is ignored.
 * Input dropout, l1/l2/weight decay, constraints, gradient normalisation and all updaters work as for any DL4J
 * layer; weight noise is rejected. Forward and backward run in the calling thread (no thread pool; large matrix
 * products go to ND4J's OpenBLAS only while OpenBLAS is configured single-threaded, e.g. {@code OMP_NUM_THREADS=1},
 * see {@code RnnBlas}); FLOAT networks
 * use a single-precision kernel with fast rational tanh/sigmoid (abs. error &lt; 1e-6), DOUBLE networks an exact one.
 * {@code rnnTimeStep} (stateful inference) is supported; truncated BPTT is not.
 *
 * <p>Initial state from per-series inputs ({@code initialState(from, count)}): input channels
 * {@code from .. from + count - 1} hold values constant over the window (static covariates); they are read at the
 * first step only, as the initial hidden state h0 = tanh(s W0 + b0) ({@code W0} [count, nOut], {@code b0} [1, nOut],
 * after the other parameters; an LSTM's cell state starts at 0), and left out of every step's input (W then has
 * nIn - count rows). Not for the Jordan layer (its state is its output) nor {@code rnnTimeStep}.
 */
public abstract class FusedRecurrentLayer extends BaseRecurrentLayer {

    private boolean returnSequences = true;
    private FusedInit init = FusedInit.UNIFORM;
    private int initialStateFrom;
    private int initialStateInputs;

    protected FusedRecurrentLayer() {
    }

    protected FusedRecurrentLayer(Builder<?> builder) {
        super(builder);
        this.returnSequences = builder.returnSequences;
        this.init = builder.init;
        this.initialStateFrom = builder.initialStateFrom;
        this.initialStateInputs = builder.initialStateInputs;
    }

    /** The first input channel read as the initial state (see the class comment). */
    public int getInitialStateFrom() {
        return initialStateFrom;
    }

    public void setInitialStateFrom(int initialStateFrom) {
        this.initialStateFrom = initialStateFrom;
    }

    /** How many input channels feed the initial state (0: none, the state starts at 0). */
    public int getInitialStateInputs() {
        return initialStateInputs;
    }

    public void setInitialStateInputs(int initialStateInputs) {
        this.initialStateInputs = initialStateInputs;
    }

    /** Input channels every step reads: nIn without the initial-state ones. */
    public int stepInputs() {
        return Math.toIntExact(getNIn()) - initialStateInputs;
    }

    /** The cell this layer computes. */
    public abstract CellType cellType();

    /**
     * Columns of W and RW: gates x nOut, except for the Jordan layer, whose one gate spans its hidden units
     * (its nOut is the fed-back output's size).
     */
    public int gateWidth() {
        return cellType().gates * Math.toIntExact(getNOut());
    }

    /** LSTM forget-gate bias initial value, NaN for none (ignored by other cells). */
    public double forgetBias() {
        return Double.NaN;
    }

    /** Layer-normalisation epsilon of {@link CellType#LN_SIMPLE_RNN} (ignored by other cells). */
    public double layerNormEpsilon() {
        return FusedLayerNormSimpleRnn.DEFAULT_EPSILON;
    }

    public boolean isReturnSequences() {
        return returnSequences;
    }

    public void setReturnSequences(boolean returnSequences) {
        this.returnSequences = returnSequences;
    }

    public FusedInit getInit() {
        return init;
    }

    public void setInit(FusedInit init) {
        this.init = init;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        if (getNIn() <= 0 || getNOut() <= 0) {
            throw new IllegalStateException(getClass().getSimpleName() + " (layer " + layerIndex + ", name "
                    + getLayerName() + "): nIn and nOut must be positive, got nIn=" + getNIn() + ", nOut=" + getNOut()
                    + " (set nIn or call setInputType on the configuration)");
        }
        if (initialStateInputs < 0 || initialStateFrom < 0 || initialStateFrom + initialStateInputs > getNIn()
                || initialStateInputs > 0 && (initialStateInputs == getNIn() || cellType() == CellType.JORDAN)) {
            throw new IllegalStateException(getClass().getSimpleName() + " (layer " + layerIndex + "): initial-state"
                    + " channels " + initialStateFrom + " + " + initialStateInputs + " do not fit nIn=" + getNIn()
                    + " with at least one step input (the Jordan layer, whose state is its output, takes none)");
        }
        if (getWeightNoise() != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " (layer " + layerIndex
                    + "): weight noise is not supported by the fused recurrent layers");
        }
        FusedRecurrentImpl ret = new FusedRecurrentImpl(conf, networkDataType);
        ret.setListeners(trainingListeners);
        ret.setIndex(layerIndex);
        ret.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        ret.setParamTable(paramTable);
        ret.setConf(conf);
        return ret;
    }

    @Override
    public ParamInitializer initializer() {
        return FusedParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (inputType == null || inputType.getType() != InputType.Type.RNN) {
            throw new IllegalStateException(getClass().getSimpleName() + " (layer " + layerIndex + ", name "
                    + getLayerName() + "): expected recurrent input type, got " + inputType);
        }
        if (!returnSequences) {
            return InputType.feedForward(getNOut());
        }
        InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) inputType;
        RNNFormat fmt = rnnDataFormat == null ? RNNFormat.NCW : rnnDataFormat;
        return InputType.recurrent(getNOut(), r.getTimeSeriesLength(), fmt);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long t = Math.max(1, ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength());
        long h = getNOut();
        long gw = gateWidth();
        long nParams = initializer().numParams(this);
        // per example: input copy, input projection, states and gate activations for every step
        long perExTrain = t * (getNIn() + 2 * gw + 4 * h) + 2 * h;
        long perExInfer = perExTrain;
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, out)
                .standardMemory(nParams, nParams)
                .workingMemory(0, perExInfer, 0, perExTrain)
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(nIn=" + getNIn() + ", nOut=" + getNOut() + ", returnSequences="
                + returnSequences + ", init=" + init + (initialStateInputs > 0 ? ", initialState=" + initialStateFrom
                + "+" + initialStateInputs : "") + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FusedRecurrentLayer) || o.getClass() != getClass() || !super.equals(o)) {
            return false;
        }
        FusedRecurrentLayer other = (FusedRecurrentLayer) o;
        return returnSequences == other.returnSequences && init == other.init
                && initialStateFrom == other.initialStateFrom && initialStateInputs == other.initialStateInputs;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(super.hashCode(), returnSequences, init, initialStateFrom, initialStateInputs);
    }

    /** Builder of the common options. */
    public abstract static class Builder<T extends Builder<T>> extends BaseRecurrentLayer.Builder<T> {
        protected boolean returnSequences = true;
        protected FusedInit init = FusedInit.UNIFORM;
        protected int initialStateFrom;
        protected int initialStateInputs;

        /** Input channels {@code from .. from + count - 1} feed the initial hidden state instead of every step. */
        @SuppressWarnings("unchecked")
        public T initialState(int from, int count) {
            this.initialStateFrom = from;
            this.initialStateInputs = count;
            return (T) this;
        }

        /** true (default): output every step, [batch, nOut, time]; false: last step only, [batch, nOut]. */
        @SuppressWarnings("unchecked")
        public T returnSequences(boolean returnSequences) {
            this.returnSequences = returnSequences;
            return (T) this;
        }

        /** Parameter initialisation scheme (default {@link FusedInit#UNIFORM}, PyTorch's). */
        @SuppressWarnings("unchecked")
        public T init(FusedInit init) {
            this.init = init;
            return (T) this;
        }
    }
}
