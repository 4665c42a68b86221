package io.rnnforecast.model.layers;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fused layer's initial state from its per-series input channels: h0 = tanh(s W0 + b0) by hand, then the same
 * recurrence as a plain layer started from that state on the other channels; DL4J's numerical gradient check for
 * W0, b0 and (through a layer below) the inputs' gradient.
 */
class InitialStateTest implements DoublePrecisionTests {
    private static final int N_IN = 4, FROM = 1, COUNT = 2, H = 3, T = 5, B = 4;
    private static MultiLayerNetwork net(CellType cell, boolean stacked, boolean initial, int nIn) {
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new NoOp()).list();
        int i = 0;
        if (stacked) {
            lb.layer(i++, FusedGradientCheckTest.builder(cell).nOut(N_IN).returnSequences(true).build());
        }
        FusedRecurrentLayer.Builder<?> top = FusedGradientCheckTest.builder(cell).nOut(H).returnSequences(false);
        if (initial) {
            top.initialState(FROM, COUNT);
        }
        lb.layer(i++, top.build());
        lb.layer(i, new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(2)
                .build());
        MultiLayerConfiguration conf = lb.setInputType(InputType.recurrent(nIn, T)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CellType c : List.of(CellType.LSTM, CellType.GRU, CellType.SIMPLE_RNN, CellType.LN_SIMPLE_RNN)) {
            for (boolean stacked : new boolean[] {false, true}) {
                for (boolean mask : new boolean[] {false, true}) {
                    out.add(Arguments.of(c, stacked, mask));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} stacked={1} mask={2}")
    @MethodSource("cases")
    void gradientsMatchNumerical(CellType cell, boolean stacked, boolean useMask) {
        Nd4j.getRandom().setSeed(12345);
        MultiLayerNetwork net = net(cell, stacked, true, N_IN);
        INDArray in = Nd4j.rand(DataType.DOUBLE, B, N_IN, T).subi(0.5).muli(2);
        INDArray labels = Nd4j.rand(DataType.DOUBLE, B, 2);
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(in)
                .labels(labels).inputMask(useMask ? FusedGradientCheckTest.mask().get(NDArrayIndex.all(),
                        NDArrayIndex.interval(0, T)) : null)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(FusedGradientCheckTest.minAbsError(cell))
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, "gradient check failed for " + cell + " stacked=" + stacked + " mask=" + useMask);
    }

    @Test
    void theStateIsTanhOfTheFirstStepsStaticsAndTheRecurrenceReadsTheOtherChannels() {
        Nd4j.getRandom().setSeed(3);
        MultiLayerNetwork withState = net(CellType.LSTM, false, true, N_IN);
        MultiLayerNetwork plain = net(CellType.LSTM, false, false, N_IN - COUNT);
        // the same W (its rows are the step channels'), RW, b and output layer
        Map<String, INDArray> p = withState.paramTable();
        for (Map.Entry<String, INDArray> e : plain.paramTable().entrySet()) {
            e.getValue().assign(p.get(e.getKey()));
        }
        assertEquals(N_IN - COUNT, p.get("0_W").size(0));
        assertArrayEquals(new long[] {COUNT, H}, p.get("0_W0").shape());
        INDArray in = Nd4j.rand(DataType.DOUBLE, B, N_IN, T).subi(0.5).muli(2);
        // h0 by hand from channels 1 and 2 at step 0
        INDArray w0 = p.get("0_W0"), b0 = p.get("0_b0");
        INDArray h0 = Nd4j.create(DataType.DOUBLE, B, H);
        for (int b = 0; b < B; b++) {
            for (int k = 0; k < H; k++) {
                double a = b0.getDouble(0, k);
                for (int c = 0; c < COUNT; c++) {
                    a += in.getDouble(b, FROM + c, 0) * w0.getDouble(c, k);
                }
                h0.putScalar(b, k, Math.tanh(a));
            }
        }
        INDArray steps = Nd4j.concat(1, in.get(NDArrayIndex.all(), NDArrayIndex.interval(0, FROM), NDArrayIndex.all()),
                in.get(NDArrayIndex.all(), NDArrayIndex.interval(FROM + COUNT, N_IN), NDArrayIndex.all()));
        plain.rnnSetPreviousState(0, Map.of(FusedRecurrentImpl.STATE_KEY_H, h0,
                FusedRecurrentImpl.STATE_KEY_C, Nd4j.zeros(DataType.DOUBLE, B, H)));
        INDArray expected = plain.rnnTimeStep(steps);
        INDArray got = withState.output(in);
        assertArrayEquals(expected.reshape(-1).toDoubleVector(), got.reshape(-1).toDoubleVector(), 1e-12);
        // the statics at later steps are not read
        INDArray changed = in.dup();
        changed.get(NDArrayIndex.all(), NDArrayIndex.interval(FROM, FROM + COUNT), NDArrayIndex.interval(1, T))
                .assign(9);
        assertArrayEquals(got.reshape(-1).toDoubleVector(), withState.output(changed).reshape(-1).toDoubleVector(), 0.0);
        assertThrows(UnsupportedOperationException.class, () -> withState.rnnTimeStep(in));
    }
}
