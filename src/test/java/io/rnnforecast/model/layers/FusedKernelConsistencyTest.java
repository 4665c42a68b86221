package io.rnnforecast.model.layers;

import static io.rnnforecast.model.layers.Closeness.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The single-precision kernel (fast tanh/sigmoid, used by FLOAT networks) agrees with the double-precision kernel
 * (exact math, the one DL4J's gradient check verifies) on outputs, parameter gradients and input gradients, for
 * every cell, both output modes, with and without masks, and batch sizes that are and are not multiples of 4.
 */
class FusedKernelConsistencyTest {

    @Test
    void fastTanhAndSigmoidAreAccurate() {
        double maxT = 0, maxS = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 1e-5f;
            maxT = Math.max(maxT, Math.abs(FloatRnnKernel.tanh(x) - Math.tanh(x)));
            maxS = Math.max(maxS, Math.abs(FloatRnnKernel.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        for (float x : new float[] {-1e30f, -100f, -9f, 9f, 100f, 1e30f}) {
            maxT = Math.max(maxT, Math.abs(FloatRnnKernel.tanh(x) - Math.tanh(x)));
        }
        assertTrue(maxT < 1e-6, "tanh abs error " + maxT);
        assertTrue(maxS < 1e-6, "sigmoid abs error " + maxS);
    }

    @ParameterizedTest(name = "{0} seq={1} mask={2} B={3}")
    @CsvSource({"LSTM,true,false,8", "LSTM,false,true,7", "LSTM,true,true,5", "GRU,true,false,8", "GRU,false,true,7",
        "GRU,true,true,5", "SIMPLE_RNN,true,true,6", "SIMPLE_RNN,false,false,3", "LSTM,false,false,1", "LN_SIMPLE_RNN,true,true,5",
        "LN_SIMPLE_RNN,false,false,8", "PEEPHOLE_LSTM,true,true,7", "PEEPHOLE_LSTM,false,false,8"})
    void floatKernelMatchesDoubleKernel(CellType cell, boolean seq, boolean useMask, int b) {
        int nIn = 9, h = 11, t = 13; // nIn >= 8 exercises the blocked input-gradient path
        Random r = new Random(cell.ordinal() * 100 + b);
        FloatRnnKernel fk = new FloatRnnKernel(cell, nIn, h);
        DoubleRnnKernel dk = new DoubleRnnKernel(cell, nIn, h);
        for (int i = 0; i < fk.params.length; i++) {
            fk.params[i] = (float) (r.nextDouble() - 0.5);
            dk.params[i] = fk.params[i];
        }
        float[] xf = new float[b * nIn * t];
        double[] xd = new double[xf.length];
        for (int i = 0; i < xf.length; i++) {
            xf[i] = (float) (2 * r.nextDouble() - 1);
            xd[i] = xf[i];
        }
        float[] mf = null;
        double[] md = null;
        if (useMask) {
            mf = new float[b * t];
            md = new double[b * t];
            for (int i = 0; i < b; i++) {
                int start = i % 3 == 1 ? 3 : 0, end = i % 3 == 2 ? t - 4 : t;
                for (int s = start; s < end; s++) {
                    mf[i * t + s] = 1;
                    md[i * t + s] = 1;
                }
            }
        }
        fk.forward(xf, mf, b, t, null, null);
        dk.forward(xd, md, b, t, null, null);
        int nOut = seq ? b * h * t : b * h;
        float[] of = new float[nOut];
        double[] od = new double[nOut];
        fk.output(of, seq);
        dk.output(od, seq);
        assertClose(od, of, 2e-6, "output");

        float[] ef = new float[nOut];
        double[] ed = new double[nOut];
        for (int i = 0; i < nOut; i++) {
            ef[i] = (float) (r.nextDouble() - 0.5);
            ed[i] = ef[i];
        }
        float[] gf = new float[fk.numParams()], dxf = new float[xf.length];
        double[] gd = new double[dk.numParams()], dxd = new double[xd.length];
        fk.backward(ef, seq, gf, dxf);
        dk.backward(ed, seq, gd, dxd);
        assertClose(gd, gf, 2e-5, "parameter gradient");
        assertClose(dxd, dxf, 2e-5, "input gradient");
    }
}
