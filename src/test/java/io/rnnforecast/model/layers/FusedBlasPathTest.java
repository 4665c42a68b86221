package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static io.rnnforecast.model.layers.Closeness.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kernels' OpenBLAS path (see {@link RnnBlas}) computes what their Java loops compute: outputs, final states,
 * parameter and input gradients, float and double, every cell, both output modes, masks, given initial states,
 * nIn below and above the input-side BLAS limit (8), batch sizes that are and are not multiples of 4, and
 * repeated calls with changing sizes (buffer reuse). DL4J's numerical gradient check also passes on that path.
 */
class FusedBlasPathTest {

    @AfterEach
    void reset() {
        RnnBlas.force = null;
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CellType c : CellType.values()) {
            for (boolean seq : new boolean[] {true, false}) {
                for (boolean mask : new boolean[] {false, true}) {
                    for (boolean state : new boolean[] {false, true}) {
                        for (int nIn : new int[] {3, 9}) {
                            out.add(Arguments.of(c, seq, mask, state, nIn));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** All results of one forward + backward: output, final h, final c, gradient, input gradient. */
    private static double[][] runDouble(boolean blas, CellType cell, int nIn, int h, int b, int t, boolean seq,
                                        boolean useMask, boolean state, long seed) {
        RnnBlas.force = blas;
        Random r = new Random(seed);
        DoubleRnnKernel k = new DoubleRnnKernel(cell, nIn, h);
        for (int i = 0; i < k.params.length; i++) {
            k.params[i] = r.nextDouble() - 0.5;
        }
        double[][] res = null;
        // two calls with different batch/time sizes through the same kernel (buffer growth and reuse)
        for (int call = 0; call < 2; call++) {
            int bb = call == 0 ? b + 2 : b, tt = call == 0 ? t - 3 : t;
            double[] x = new double[bb * nIn * tt];
            for (int i = 0; i < x.length; i++) {
                x[i] = 2 * r.nextDouble() - 1;
            }
            double[] m = useMask ? mask(bb, tt) : null;
            double[] h0 = null, c0 = null;
            if (state) {
                h0 = new double[bb * h];
                c0 = new double[bb * h];
                for (int i = 0; i < h0.length; i++) {
                    h0[i] = r.nextDouble() - 0.5;
                    c0[i] = r.nextDouble() - 0.5;
                }
            }
            k.forward(x, m, bb, tt, h0, cell == CellType.LSTM ? c0 : null);
            int nOut = seq ? bb * h * tt : bb * h;
            double[] out = new double[nOut], fh = new double[bb * h], fc = new double[bb * h];
            k.output(out, seq);
            k.finalHidden(fh);
            if (cell == CellType.LSTM) {
                k.finalCell(fc);
            }
            double[] eps = new double[nOut];
            for (int i = 0; i < nOut; i++) {
                eps[i] = r.nextDouble() - 0.5;
            }
            double[] g = new double[k.numParams()], dx = new double[x.length];
            k.backward(eps, seq, g, dx);
            res = new double[][] {out, fh, fc, g, dx};
        }
        return res;
    }

    private static float[][] runFloat(boolean blas, CellType cell, int nIn, int h, int b, int t, boolean seq,
                                      boolean useMask, boolean state, long seed) {
        RnnBlas.force = blas;
        Random r = new Random(seed);
        FloatRnnKernel k = new FloatRnnKernel(cell, nIn, h);
        for (int i = 0; i < k.params.length; i++) {
            k.params[i] = (float) (r.nextDouble() - 0.5);
        }
        float[][] res = null;
        for (int call = 0; call < 2; call++) {
            int bb = call == 0 ? b + 2 : b, tt = call == 0 ? t - 3 : t;
            float[] x = new float[bb * nIn * tt];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (2 * r.nextDouble() - 1);
            }
            double[] md = useMask ? mask(bb, tt) : null;
            float[] m = null;
            if (md != null) {
                m = new float[md.length];
                for (int i = 0; i < m.length; i++) {
                    m[i] = (float) md[i];
                }
            }
            float[] h0 = null, c0 = null;
            if (state) {
                h0 = new float[bb * h];
                c0 = new float[bb * h];
                for (int i = 0; i < h0.length; i++) {
                    h0[i] = (float) (r.nextDouble() - 0.5);
                    c0[i] = (float) (r.nextDouble() - 0.5);
                }
            }
            k.forward(x, m, bb, tt, h0, cell == CellType.LSTM ? c0 : null);
            int nOut = seq ? bb * h * tt : bb * h;
            float[] out = new float[nOut], fh = new float[bb * h], fc = new float[bb * h];
            k.output(out, seq);
            k.finalHidden(fh);
            if (cell == CellType.LSTM) {
                k.finalCell(fc);
            }
            float[] eps = new float[nOut];
            for (int i = 0; i < nOut; i++) {
                eps[i] = (float) (r.nextDouble() - 0.5);
            }
            float[] g = new float[k.numParams()], dx = new float[x.length];
            k.backward(eps, seq, g, dx);
            res = new float[][] {out, fh, fc, g, dx};
        }
        return res;
    }

    /** [B][T]: full, trailing padding, leading padding, a gap. */
    private static double[] mask(int b, int t) {
        double[] m = new double[b * t];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                boolean on;
                switch (i % 4) {
                    case 1: on = s < t - 3; break;
                    case 2: on = s >= 2; break;
                    case 3: on = s != 4; break;
                    default: on = true;
                }
                m[i * t + s] = on ? 1 : 0;
            }
        }
        return m;
    }

    private static final String[] WHAT = {"output", "final h", "final c", "parameter gradient", "input gradient"};

    @ParameterizedTest(name = "{0} seq={1} mask={2} state={3} nIn={4}")
    @MethodSource("cases")
    void blasPathMatchesJavaLoops(CellType cell, boolean seq, boolean useMask, boolean state, int nIn) {
        int h = 11, b = 7, t = 12;
        long seed = cell.ordinal() * 1000L + nIn * 10L + (seq ? 1 : 0) + (useMask ? 2 : 0) + (state ? 4 : 0);
        double[][] dj = runDouble(false, cell, nIn, h, b, t, seq, useMask, state, seed);
        double[][] db = runDouble(true, cell, nIn, h, b, t, seq, useMask, state, seed);
        float[][] fj = runFloat(false, cell, nIn, h, b, t, seq, useMask, state, seed);
        float[][] fb = runFloat(true, cell, nIn, h, b, t, seq, useMask, state, seed);
        for (int i = 0; i < WHAT.length; i++) {
            assertEquals(dj[i].length, db[i].length);
            assertClose(dj[i], db[i], 1e-12, "double " + WHAT[i]);
            double[] fjd = new double[fj[i].length];
            for (int q = 0; q < fjd.length; q++) {
                fjd[q] = fj[i][q];
            }
            double[] fbd = new double[fb[i].length];
            for (int q = 0; q < fbd.length; q++) {
                fbd[q] = fb[i][q];
            }
            assertClose(fjd, fbd, 1e-5, "float " + WHAT[i]);
            // and the float BLAS path agrees with the exact double kernel as closely as the Java loops do
            assertClose(dj[i], fbd, 2e-5, "float BLAS vs double " + WHAT[i]);
        }
    }

    @ParameterizedTest(name = "{0} stacked={1} seq={2} mask={3}")
    @MethodSource("io.rnnforecast.model.layers.FusedGradientCheckTest#cases")
    void gradientCheckOnBlasPath(CellType cell, boolean stacked, boolean seq, boolean useMask) {
        DataType prevDefault = Nd4j.dataType(), prevFloating = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        RnnBlas.force = Boolean.TRUE;
        try {
            new FusedGradientCheckTest().gradientsMatchNumerical(cell, stacked, seq, useMask);
        } finally {
            RnnBlas.force = null;
            Nd4j.setDefaultDataTypes(prevDefault, prevFloating);
        }
    }

    @Test
    void autoModeFollowsOpenBlasThreadCount() {
        RnnBlas.force = null;
        if (System.getProperty("io.rnnforecast.fused.blas") == null) {
            assertEquals(Nd4j.factory().blas().getMaxThreads() == 1, RnnBlas.enabled());
        }
        assertTrue(RnnBlas.available(), "OpenBLAS binding should load with the nd4j-native backend");
    }
}
