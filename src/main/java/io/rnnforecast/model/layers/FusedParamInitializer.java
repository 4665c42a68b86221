package io.rnnforecast.model.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of the fused recurrent layers: {@code W} [nIn, G*nOut], {@code RW} [nOut, G*nOut], {@code b}
 * [1, nBias], then the cell's extra vectors [1, nOut] each ({@link CellType#extraKeys()}: layer-norm gain and
 * shift, peephole weights), laid out in that order, each a row-major ('c') view of the layer's slice of the flat
 * parameter (and gradient) vector. See {@link FusedRecurrentLayer}. Peephole weights count as weights (l1/l2
 * apply); the layer-norm gain and shift as neither weights nor biases, so no regularisation touches them (Keras'
 * LayerNormalization default). The Jordan layer's extra {@code V} [width, nOut] is a weight, its {@code c} [1, nOut]
 * a bias (they are its output Dense layer). A layer with an initial state from its inputs
 * ({@link FusedRecurrentLayer#getInitialStateInputs()} = S &gt; 0) has W [nIn - S, G*nOut] and, last,
 * {@code W0} [S, nOut] (a weight) and {@code b0} [1, nOut] (a bias), initialised like W and b.
 */
public final class FusedParamInitializer implements ParamInitializer {

    public static final String INPUT_WEIGHT_KEY = "W";
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    public static final String BIAS_KEY = "b";

    private static final List<String> KEYS = Collections.unmodifiableList(
            Arrays.asList(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY));
    private static final List<String> WEIGHT_KEYS = Collections.unmodifiableList(
            Arrays.asList(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY));
    private static final List<String> BIAS_KEYS = Collections.singletonList(BIAS_KEY);
    private static final Map<CellType, List<String>> CELL_KEYS = new EnumMap<>(CellType.class);
    private static final Map<CellType, List<String>> CELL_WEIGHT_KEYS = new EnumMap<>(CellType.class);
    private static final Map<CellType, List<String>> CELL_BIAS_KEYS = new EnumMap<>(CellType.class);
    private static final String JORDAN_OUT_WEIGHT_KEY = "V", JORDAN_OUT_BIAS_KEY = "c";
    public static final String INITIAL_WEIGHT_KEY = "W0", INITIAL_BIAS_KEY = "b0";

    static {
        for (CellType c : CellType.values()) {
            List<String> all = new ArrayList<>(KEYS), weights = new ArrayList<>(WEIGHT_KEYS);
            all.addAll(c.extraKeys());
            List<String> biases = new ArrayList<>(BIAS_KEYS);
            if (c == CellType.PEEPHOLE_LSTM) {
                weights.addAll(c.extraKeys());
            } else if (c == CellType.JORDAN) {
                weights.add(JORDAN_OUT_WEIGHT_KEY);
                biases.add(JORDAN_OUT_BIAS_KEY);
            }
            CELL_KEYS.put(c, Collections.unmodifiableList(all));
            CELL_WEIGHT_KEYS.put(c, Collections.unmodifiableList(weights));
            CELL_BIAS_KEYS.put(c, Collections.unmodifiableList(biases));
        }
    }

    private static final FusedParamInitializer INSTANCE = new FusedParamInitializer();

    public static FusedParamInitializer getInstance() {
        return INSTANCE;
    }

    private FusedParamInitializer() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FusedRecurrentLayer l = (FusedRecurrentLayer) layer;
        return kernelParams(l) + initialStateParams(l);
    }

    /** The parameters the recurrent kernel reads, the prefix of the layer's (all but W0 and b0). */
    static long kernelParams(FusedRecurrentLayer l) {
        int h = Math.toIntExact(l.getNOut()), gw = l.gateWidth();
        return (long) l.stepInputs() * gw + (long) h * gw + l.cellType().biasLength(h, gw)
                + l.cellType().extraLength(h, gw);
    }

    private static long initialStateParams(FusedRecurrentLayer l) {
        int s = l.getInitialStateInputs();
        return s == 0 ? 0 : (s + 1L) * l.getNOut();
    }

    /** The keys of the kernel's parameters, in its layout order. */
    static List<String> kernelKeys(FusedRecurrentLayer l) {
        return CELL_KEYS.get(l.cellType());
    }

    private static List<String> plus(List<String> keys, FusedRecurrentLayer l, String key) {
        if (l.getInitialStateInputs() == 0) {
            return keys;
        }
        List<String> out = new ArrayList<>(keys);
        out.add(key);
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        FusedRecurrentLayer l = (FusedRecurrentLayer) layer;
        return plus(plus(kernelKeys(l), l, INITIAL_WEIGHT_KEY), l, INITIAL_BIAS_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        FusedRecurrentLayer l = (FusedRecurrentLayer) layer;
        return plus(CELL_WEIGHT_KEYS.get(l.cellType()), l, INITIAL_WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        FusedRecurrentLayer l = (FusedRecurrentLayer) layer;
        return plus(CELL_BIAS_KEYS.get(l.cellType()), l, INITIAL_BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    private static Map<String, INDArray> views(FusedRecurrentLayer l, INDArray flatView, long expected) {
        if (flatView.length() != expected) {
            throw new IllegalStateException("Expected parameter view of length " + expected + " for " + l
                    + ", got " + flatView.length());
        }
        INDArray flat = flatView.reshape('c', new long[] {flatView.length()});
        int nIn = l.stepInputs(), h = (int) l.getNOut(), gh = l.gateWidth();
        long nW = (long) nIn * gh, nR = (long) h * gh, nB = l.cellType().biasLength(h, gh);
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put(INPUT_WEIGHT_KEY, flat.get(NDArrayIndex.interval(0, nW)).reshape('c', nIn, gh));
        m.put(RECURRENT_WEIGHT_KEY, flat.get(NDArrayIndex.interval(nW, nW + nR)).reshape('c', h, gh));
        m.put(BIAS_KEY, flat.get(NDArrayIndex.interval(nW + nR, nW + nR + nB)).reshape('c', 1, nB));
        long off = nW + nR + nB;
        for (String k : l.cellType().extraKeys()) {
            int rows = JORDAN_OUT_WEIGHT_KEY.equals(k) && l.cellType() == CellType.JORDAN ? gh : 1;
            m.put(k, flat.get(NDArrayIndex.interval(off, off + (long) rows * h)).reshape('c', rows, h));
            off += (long) rows * h;
        }
        int s = l.getInitialStateInputs();
        if (s > 0) {
            m.put(INITIAL_WEIGHT_KEY, flat.get(NDArrayIndex.interval(off, off + (long) s * h)).reshape('c', s, h));
            off += (long) s * h;
            m.put(INITIAL_BIAS_KEY, flat.get(NDArrayIndex.interval(off, off + h)).reshape('c', 1, h));
        }
        return m;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FusedRecurrentLayer l = (FusedRecurrentLayer) conf.getLayer();
        for (String k : paramKeys(l)) {
            conf.addVariable(k);
        }
        Map<String, INDArray> m = views(l, paramsView, numParams(l));
        if (initializeParams) {
            initialize(l, m.get(INPUT_WEIGHT_KEY), m.get(RECURRENT_WEIGHT_KEY), m.get(BIAS_KEY));
            initializeExtra(l, m);
            if (l.getInitialStateInputs() > 0) {
                initializeInitialState(l, m.get(INITIAL_WEIGHT_KEY), m.get(INITIAL_BIAS_KEY));
            }
        }
        return Collections.synchronizedMap(m);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        FusedRecurrentLayer l = (FusedRecurrentLayer) conf.getLayer();
        return views(l, gradientView, numParams(l));
    }

    /**
     * W0 and b0, a Dense layer from the S initial-state inputs to the nOut units: Glorot-uniform and 0 (Keras'
     * Dense) for GLOROT_ORTHOGONAL, U(-1/sqrt(S), 1/sqrt(S)) for both (PyTorch's nn.Linear) otherwise.
     */
    private static void initializeInitialState(FusedRecurrentLayer l, INDArray w0, INDArray b0) {
        int s = l.getInitialStateInputs(), h = (int) l.getNOut();
        if (l.getInit() == FusedInit.GLOROT_ORTHOGONAL) {
            w0.assign(uniform(w0.shape(), Math.sqrt(6.0 / (s + h))));
            b0.assign(0);
        } else {
            double k = 1.0 / Math.sqrt(s);
            w0.assign(uniform(w0.shape(), k));
            b0.assign(uniform(b0.shape(), k));
        }
    }

    static void initialize(FusedRecurrentLayer l, INDArray w, INDArray rw, INDArray b) {
        int nIn = l.stepInputs(), h = (int) l.getNOut(), gh = l.gateWidth();
        // the units whose count sets PyTorch's range: the layer's own, or the Jordan layer's hidden ones
        int units = l.cellType() == CellType.JORDAN ? gh : h;
        switch (l.getInit()) {
            case GLOROT_ORTHOGONAL: {
                double lim = Math.sqrt(6.0 / (nIn + gh));
                w.assign(uniform(w.shape(), lim));
                // orthonormal rows need rows <= columns; a Jordan output wider than its hidden layer gets Glorot
                rw.assign(h <= gh ? Nd4j.createFromArray(orthogonalRows(h, gh)).castTo(rw.dataType())
                        : uniform(rw.shape(), Math.sqrt(6.0 / (h + gh))));
                b.assign(0);
                break;
            }
            case DL4J: {
                IWeightInit wi = l.getWeightInitFn();
                IWeightInit ri = l.getWeightInitFnRecurrent() != null ? l.getWeightInitFnRecurrent() : wi;
                if (wi == null) {
                    throw new IllegalStateException("FusedInit.DL4J needs a weightInit in the configuration");
                }
                INDArray tw = Nd4j.create(w.dataType(), w.shape(), 'c');
                w.assign(wi.init(nIn, gh, w.shape(), 'c', tw));
                INDArray tr = Nd4j.create(rw.dataType(), rw.shape(), 'c');
                rw.assign(ri.init(h, gh, rw.shape(), 'c', tr));
                b.assign(l.getBiasInit());
                break;
            }
            case UNIFORM:
            default: {
                double k = 1.0 / Math.sqrt(units);
                w.assign(uniform(w.shape(), k));
                rw.assign(uniform(rw.shape(), k));
                b.assign(uniform(b.shape(), k));
            }
        }
        double fb = l.forgetBias();
        if (l.cellType().hasCellState() && !Double.isNaN(fb)) {
            b.get(NDArrayIndex.point(0), NDArrayIndex.interval(h, 2 * h)).assign(fb);
        }
    }

    /**
     * Layer-norm gain 1 and shift 0 (Keras' and PyTorch's defaults, whatever the scheme); peephole weights like one
     * more row of recurrent weights: U(-1/sqrt(nOut), 1/sqrt(nOut)) for UNIFORM, Keras' glorot-uniform of a
     * vector (fan in = fan out = nOut, so U(-sqrt(3/nOut), sqrt(3/nOut))) for GLOROT_ORTHOGONAL, the recurrent
     * weight init for DL4J (as GravesLSTM, whose peepholes are 3 extra columns of RW).
     */
    private static void initializeExtra(FusedRecurrentLayer l, Map<String, INDArray> m) {
        int h = (int) l.getNOut(), gh = l.gateWidth();
        if (l.cellType() == CellType.JORDAN) {
            initializeJordanOutput(l, m.get(JORDAN_OUT_WEIGHT_KEY), m.get(JORDAN_OUT_BIAS_KEY));
            return;
        }
        for (String k : l.cellType().extraKeys()) {
            INDArray v = m.get(k);
            if (l.cellType() == CellType.LN_SIMPLE_RNN) {
                v.assign("gamma".equals(k) ? 1 : 0);
            } else if (l.getInit() == FusedInit.DL4J) {
                IWeightInit wi = l.getWeightInitFnRecurrent() != null ? l.getWeightInitFnRecurrent()
                        : l.getWeightInitFn();
                v.assign(wi.init(h, gh, v.shape(), 'c', Nd4j.create(v.dataType(), v.shape(), 'c')));
            } else {
                v.assign(uniform(v.shape(), l.getInit() == FusedInit.GLOROT_ORTHOGONAL ? Math.sqrt(3.0 / h)
                        : 1.0 / Math.sqrt(h)));
            }
        }
    }

    /**
     * The Jordan layer's output Dense (hidden -> nOut) as the framework's own Dense starts: PyTorch's nn.Linear
     * U(-1/sqrt(hidden), 1/sqrt(hidden)) for weights and bias; Keras' Glorot-uniform weights and zero bias; DL4J's
     * weightInit and biasInit.
     */
    private static void initializeJordanOutput(FusedRecurrentLayer l, INDArray v, INDArray c) {
        int h = (int) l.getNOut(), gh = l.gateWidth();
        switch (l.getInit()) {
            case GLOROT_ORTHOGONAL -> {
                v.assign(uniform(v.shape(), Math.sqrt(6.0 / (gh + h))));
                c.assign(0);
            }
            case DL4J -> {
                v.assign(l.getWeightInitFn().init(gh, h, v.shape(), 'c', Nd4j.create(v.dataType(), v.shape(), 'c')));
                c.assign(l.getBiasInit());
            }
            default -> {
                double k = 1.0 / Math.sqrt(gh);
                v.assign(uniform(v.shape(), k));
                c.assign(uniform(c.shape(), k));
            }
        }
    }

    private static INDArray uniform(long[] shape, double limit) {
        return Nd4j.rand(DataType.DOUBLE, shape).muli(2 * limit).subi(limit);
    }

    /** A rows x cols (rows &lt;= cols) matrix with orthonormal rows, from Gram-Schmidt on Gaussian rows. */
    static double[][] orthogonalRows(int rows, int cols) {
        double[][] a = Nd4j.randn(DataType.DOUBLE, rows, cols).toDoubleMatrix();
        if (rows > cols) {
            throw new IllegalArgumentException("orthogonal rows need rows <= cols");
        }
        for (int i = 0; i < rows; i++) {
            for (int pass = 0; pass < 2; pass++) { // re-orthogonalise once for stability
                for (int j = 0; j < i; j++) {
                    double d = 0;
                    for (int k = 0; k < cols; k++) {
                        d += a[i][k] * a[j][k];
                    }
                    for (int k = 0; k < cols; k++) {
                        a[i][k] -= d * a[j][k];
                    }
                }
            }
            double n = 0;
            for (int k = 0; k < cols; k++) {
                n += a[i][k] * a[i][k];
            }
            n = Math.sqrt(n);
            for (int k = 0; k < cols; k++) {
                a[i][k] /= n;
            }
        }
        return a;
    }
}
