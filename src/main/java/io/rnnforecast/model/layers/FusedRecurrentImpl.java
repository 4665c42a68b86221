package io.rnnforecast.model.layers;

import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime implementation of the fused recurrent layers (see {@link FusedRecurrentLayer}). One instance is used by
 * one thread at a time (as every DL4J layer); it keeps its forward cache and scratch buffers between calls.
 */
public class FusedRecurrentImpl extends BaseLayer<FusedRecurrentLayer> implements RecurrentLayer {

    public static final String STATE_KEY_H = "h";
    public static final String STATE_KEY_C = "c";

    private FloatRnnKernel fk;
    private DoubleRnnKernel dk;

    private float[] fIn, fMask, fOut, fEps, fGrad, fDin, fH0, fC0;
    private double[] dIn, dMask, dOut, dEps, dGrad, dDin, dH0, dC0;

    private INDArray cachedInput;
    private INDArray cachedMask;
    private boolean cacheValid;

    private final Map<String, INDArray> stateMap = new HashMap<>();

    public FusedRecurrentImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean isDouble() {
        return dataType == DataType.DOUBLE;
    }

    private CellType cell() {
        return layerConf().cellType();
    }

    private void ensureKernel() {
        int nIn = layerConf().stepInputs(), nOut = (int) layerConf().getNOut(), gw = layerConf().gateWidth();
        if (isDouble()) {
            if (dk == null || dk.nIn != nIn || dk.H != nOut || dk.GH != gw || dk.cell != cell()) {
                dk = new DoubleRnnKernel(cell(), nIn, nOut, gw);
            }
            dk.normEps = layerConf().layerNormEpsilon();
        } else {
            if (fk == null || fk.nIn != nIn || fk.H != nOut || fk.GH != gw || fk.cell != cell()) {
                fk = new FloatRnnKernel(cell(), nIn, nOut, gw);
            }
            fk.normEps = (float) layerConf().layerNormEpsilon();
        }
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    private boolean nwc() {
        return layerConf().getRnnDataFormat() == RNNFormat.NWC;
    }

    /** Input as [B, nIn, T]. */
    private INDArray inputNcw(INDArray in) {
        if (in.rank() != 3) {
            throw new IllegalArgumentException(layerName() + ": expected rank 3 input [batch, " + (nwc()
                    ? "time, features" : "features, time") + "], got shape " + java.util.Arrays.toString(in.shape()));
        }
        INDArray x = nwc() ? in.permute(0, 2, 1) : in;
        if (x.size(1) != layerConf().getNIn()) {
            throw new IllegalArgumentException(layerName() + ": expected " + layerConf().getNIn()
                    + " input features, got input of shape " + java.util.Arrays.toString(in.shape()));
        }
        return x;
    }

    private String layerName() {
        return layerConf().getClass().getSimpleName() + " (layer " + getIndex() + ", name "
                + layerConf().getLayerName() + ")";
    }

    private void checkMask(INDArray mask, long b, long t) {
        if (mask == null) {
            return;
        }
        if (mask.rank() != 2 || mask.size(0) != b || mask.size(1) != t) {
            throw new IllegalArgumentException(layerName() + ": expected a feature mask of shape [" + b + ", " + t
                    + "] (batch, time), got " + java.util.Arrays.toString(mask.shape()));
        }
    }

    /** Copies every parameter (W, RW, b, then the cell's extra vectors) into the kernel's flat layout. */
    private void loadParams() {
        int off = 0;
        for (String key : kernelKeys()) {
            INDArray p = getParam(key);
            int n = (int) p.length();
            if (isDouble()) {
                dIn = NdArrays.read(p, dIn);
                System.arraycopy(dIn, 0, dk.params, off, n);
            } else {
                fIn = NdArrays.read(p, fIn);
                System.arraycopy(fIn, 0, fk.params, off, n);
            }
            off += n;
        }
    }

    private java.util.List<String> paramKeys() {
        return layerConf().initializer().paramKeys(layerConf());
    }

    private java.util.List<String> kernelKeys() {
        return FusedParamInitializer.kernelKeys(layerConf());
    }

    /**
     * Runs the kernel forward over x ([B, nIn, T]) with the given initial state (may be null) and returns the
     * output array (created in the given workspace array type).
     */
    private INDArray runForward(INDArray x, INDArray mask, INDArray h0, INDArray c0, LayerWorkspaceMgr mgr,
                                ArrayType outType) {
        ensureKernel();
        loadParams();
        int b = (int) x.size(0), t = (int) x.size(2), h = (int) layerConf().getNOut();
        checkMask(mask, b, t);
        boolean seq = layerConf().isReturnSequences();
        INDArray out = seq ? mgr.createUninitialized(outType, dataType, new long[] {b, h, t}, 'c')
                : mgr.createUninitialized(outType, dataType, new long[] {b, h}, 'c');
        if (isDouble()) {
            dIn = NdArrays.read(x, dIn);
            dMask = mask == null ? null : NdArrays.read(mask, dMask);
            dH0 = h0 == null ? null : NdArrays.read(h0, dH0);
            dC0 = c0 == null ? null : NdArrays.read(c0, dC0);
            dk.forward(dIn, mask == null ? null : dMask, b, t, h0 == null ? null : dH0, c0 == null ? null : dC0);
            dOut = ensure(dOut, out.length());
            dk.output(dOut, seq);
            NdArrays.write(dOut, out);
        } else {
            fIn = NdArrays.read(x, fIn);
            fMask = mask == null ? null : NdArrays.read(mask, fMask);
            fH0 = h0 == null ? null : NdArrays.read(h0, fH0);
            fC0 = c0 == null ? null : NdArrays.read(c0, fC0);
            fk.forward(fIn, mask == null ? null : fMask, b, t, h0 == null ? null : fH0, c0 == null ? null : fC0);
            fOut = ensure(fOut, out.length());
            fk.output(fOut, seq);
            NdArrays.write(fOut, out);
        }
        if (seq && nwc()) {
            out = out.permute(0, 2, 1);
        }
        return out;
    }

    private static float[] ensure(float[] a, long n) {
        return a != null && a.length >= n ? a : new float[Math.toIntExact(n)];
    }

    private static double[] ensure(double[] a, long n) {
        return a != null && a.length >= n ? a : new double[Math.toIntExact(n)];
    }

    /** The initial state of the last forward pass from the initial-state inputs (null without them). */
    private InitialState initial;

    /**
     * Forward over x ([B, nIn, T]): with initial-state inputs, the state from their first step and the kernel over
     * the other channels; else the kernel over x from a zero state.
     */
    private INDArray forward(INDArray x, LayerWorkspaceMgr mgr, ArrayType outType) {
        int count = layerConf().getInitialStateInputs();
        if (count == 0) {
            initial = null;
            return runForward(x, maskArray, null, null, mgr, outType);
        }
        int from = layerConf().getInitialStateFrom();
        // only the channels' first step is read: [B, count], not the whole window
        INDArray first = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + count),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0));
        initial = InitialState.of(NdArrays.read(first, (double[]) null), (int) x.size(0), count,
                NdArrays.read(getParam(FusedParamInitializer.INITIAL_WEIGHT_KEY), (double[]) null),
                NdArrays.read(getParam(FusedParamInitializer.INITIAL_BIAS_KEY), (double[]) null),
                (int) layerConf().getNOut());
        INDArray h0;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            h0 = Nd4j.create(initial.h0(), new long[] {x.size(0), layerConf().getNOut()}, 'c').castTo(dataType);
        }
        return runForward(stepChannels(x, from, count), maskArray, h0, null, mgr, outType);
    }

    /** x without channels from .. from + count - 1. */
    private static INDArray stepChannels(INDArray x, int from, int count) {
        long n = x.size(1);
        org.nd4j.linalg.indexing.INDArrayIndex all = org.nd4j.linalg.indexing.NDArrayIndex.all();
        if (from == 0) {
            return x.get(all, org.nd4j.linalg.indexing.NDArrayIndex.interval(count, n), all);
        }
        if (from + count == n) {
            return x.get(all, org.nd4j.linalg.indexing.NDArrayIndex.interval(0, from), all);
        }
        return Nd4j.concat(1, x.get(all, org.nd4j.linalg.indexing.NDArrayIndex.interval(0, from), all),
                x.get(all, org.nd4j.linalg.indexing.NDArrayIndex.interval(from + count, n), all));
    }

    /**
     * dx [B, nIn, T] from the kernel's gradient of the step channels ({@link #fDin} / {@link #dDin}, [B, nIn - S, T])
     * and the initial-state inputs' gradient {@code ds} [B][S] at step 0 (0 at the other steps, which they do not
     * feed).
     */
    private void writeInputGradient(INDArray dx, int b, int t, double[] ds) {
        int nIn = (int) layerConf().getNIn(), stepIn = layerConf().stepInputs();
        int from = layerConf().getInitialStateFrom(), count = layerConf().getInitialStateInputs();
        double[] full = new double[b * nIn * t];
        boolean dbl = isDouble();
        for (int i = 0; i < b; i++) {
            for (int c = 0, k = 0; c < nIn; c++) {
                int dst = (i * nIn + c) * t;
                if (c >= from && c < from + count) {
                    full[dst] = ds[i * count + c - from];
                    continue;
                }
                int src = (i * stepIn + k++) * t;
                for (int s = 0; s < t; s++) {
                    full[dst + s] = dbl ? dDin[src + s] : fDin[src + s];
                }
            }
        }
        NdArrays.write(full, dx);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray out = forward(inputNcw(input), workspaceMgr, ArrayType.ACTIVATIONS);
        cachedInput = input;
        cachedMask = maskArray;
        cacheValid = true;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!cacheValid || cachedInput != input || cachedMask != maskArray) {
            // no matching forward pass cached: recompute it (output discarded)
            applyDropOutIfNecessary(true, workspaceMgr);
            forward(inputNcw(input), workspaceMgr, ArrayType.BP_WORKING_MEM);
            cachedInput = input;
            cachedMask = maskArray;
            cacheValid = true;
        }
        boolean seq = layerConf().isReturnSequences();
        INDArray x = inputNcw(input);
        long b = x.size(0), t = x.size(2), h = layerConf().getNOut();
        INDArray eps = seq && nwc() ? epsilon.permute(0, 2, 1) : epsilon;
        long[] expected = seq ? new long[] {b, h, t} : new long[] {b, h};
        if (!java.util.Arrays.equals(eps.shape(), expected)) {
            throw new IllegalArgumentException(layerName() + ": epsilon shape " + java.util.Arrays.toString(
                    epsilon.shape()) + " does not match the output shape");
        }
        int stepIn = layerConf().stepInputs();
        long kernelParams = FusedParamInitializer.kernelParams(layerConf());
        INDArray kernelGrad = layerConf().getInitialStateInputs() == 0 ? gradientsFlattened
                : gradientsFlattened.reshape('c', new long[] {gradientsFlattened.length()}).get(
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, kernelParams));
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {b, x.size(1), t}, 'c');
        double[] dh0 = initial == null ? null : new double[Math.toIntExact(b * h)];
        if (isDouble()) {
            dEps = NdArrays.read(eps, dEps);
            dGrad = ensure(dGrad, dk.numParams());
            dDin = ensure(dDin, b * stepIn * t);
            dk.backward(dEps, seq, dGrad, dDin);
            NdArrays.write(dGrad, kernelGrad);
            if (initial != null) {
                dk.initialHiddenGradient(dh0);
            }
        } else {
            fEps = NdArrays.read(eps, fEps);
            fGrad = ensure(fGrad, fk.numParams());
            fDin = ensure(fDin, b * stepIn * t);
            fk.backward(fEps, seq, fGrad, fDin);
            NdArrays.write(fGrad, kernelGrad);
            if (initial != null) {
                float[] f = new float[dh0.length];
                fk.initialHiddenGradient(f);
                for (int i = 0; i < f.length; i++) {
                    dh0[i] = f[i];
                }
            }
        }
        if (initial == null) {
            if (isDouble()) {
                NdArrays.write(dDin, dx);
            } else {
                NdArrays.write(fDin, dx);
            }
        } else {
            writeInputGradient(dx, (int) b, (int) t, initial.backward(dh0, gradientViews.get(
                    FusedParamInitializer.INITIAL_WEIGHT_KEY), gradientViews.get(FusedParamInitializer.INITIAL_BIAS_KEY)));
        }
        Gradient g = new DefaultGradient(gradientsFlattened);
        for (String k : paramKeys()) {
            g.gradientForVariable().put(k, gradientViews.get(k));
        }
        this.gradient = g;
        INDArray epsOut = nwc() ? dx.permute(0, 2, 1) : dx;
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(g, epsOut);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        if (layerConf().isReturnSequences()) {
            return new Pair<>(maskArray, currentMaskState);
        }
        // last step only: the output is feed-forward, nothing left to mask
        return new Pair<>(null, currentMaskState);
    }

    @Override
    public void clear() {
        super.clear();
        cachedInput = null;
        cachedMask = null;
        cacheValid = false;
    }

    // ------------------------------------------------------------------------------------------ stateful inference

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        if (layerConf().getInitialStateInputs() > 0) {
            throw new UnsupportedOperationException(layerName() + ": stateful inference (rnnTimeStep) does not take"
                    + " the initial state from the inputs");
        }
        boolean twoD = input.rank() == 2;
        INDArray in3 = twoD ? (nwc() ? input.reshape(input.size(0), 1, input.size(1))
                : input.reshape(input.size(0), input.size(1), 1)) : input;
        setInput(in3, workspaceMgr);
        INDArray x = inputNcw(in3);
        INDArray h0 = stateMap.get(STATE_KEY_H);
        INDArray c0 = stateMap.get(STATE_KEY_C);
        if (h0 != null && h0.size(0) != x.size(0)) {
            throw new IllegalStateException(layerName() + ": rnnTimeStep batch size " + x.size(0)
                    + " differs from the stored state's " + h0.size(0) + "; call rnnClearPreviousState()");
        }
        INDArray out = runForward(x, maskArray, h0, c0, workspaceMgr, ArrayType.ACTIVATIONS);
        cacheValid = false;
        storeFinalState(stateMap, (int) x.size(0));
        if (twoD && layerConf().isReturnSequences()) {
            out = out.reshape(out.size(0), out.size(nwc() ? 2 : 1));
        }
        return out;
    }

    private void storeFinalState(Map<String, INDArray> map, int b) {
        int h = (int) layerConf().getNOut();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray hh = Nd4j.create(dataType, b, h);
            INDArray cc = cell().hasCellState() ? Nd4j.create(dataType, b, h) : null;
            if (isDouble()) {
                double[] buf = new double[b * h];
                dk.finalHidden(buf);
                NdArrays.write(buf, hh);
                if (cc != null) {
                    dk.finalCell(buf);
                    NdArrays.write(buf, cc);
                }
            } else {
                float[] buf = new float[b * h];
                fk.finalHidden(buf);
                NdArrays.write(buf, hh);
                if (cc != null) {
                    fk.finalCell(buf);
                    NdArrays.write(buf, cc);
                }
            }
            map.put(STATE_KEY_H, hh);
            if (cc != null) {
                map.put(STATE_KEY_C, cc);
            }
        }
    }

    @Override
    public Map<String, INDArray> rnnGetPreviousState() {
        return new HashMap<>(stateMap);
    }

    @Override
    public void rnnSetPreviousState(Map<String, INDArray> state) {
        stateMap.clear();
        if (state != null) {
            stateMap.putAll(state);
        }
    }

    @Override
    public void rnnClearPreviousState() {
        stateMap.clear();
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException(layerName()
                + ": truncated BPTT is not supported by the fused recurrent layers; use BackpropType.Standard");
    }

    @Override
    public Map<String, INDArray> rnnGetTBPTTState() {
        return new HashMap<>();
    }

    @Override
    public void rnnSetTBPTTState(Map<String, INDArray> state) {
        if (state != null && !state.isEmpty()) {
            throw new UnsupportedOperationException(layerName() + ": truncated BPTT is not supported");
        }
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        throw new UnsupportedOperationException(layerName()
                + ": truncated BPTT is not supported by the fused recurrent layers; use BackpropType.Standard");
    }
}
