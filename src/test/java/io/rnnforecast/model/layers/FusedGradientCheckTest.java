package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's numerical gradient check (double precision) for every cell, alone and stacked, seq/last, masks. The
 * layer-norm cell's gamma and beta start at 1 and 0 and the peepholes at small random values; all are checked.
 */
class FusedGradientCheckTest {

    static final int N_IN = 3, H = 4, T = 6, B = 4;

    private static DataType prevDefault, prevFloating;

    @BeforeAll
    static void doublePrecision() {
        prevDefault = Nd4j.dataType();
        prevFloating = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(prevDefault, prevFloating);
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CellType c : CellType.values()) {
            for (boolean stacked : new boolean[] {false, true}) {
                for (boolean seq : new boolean[] {true, false}) {
                    for (boolean mask : new boolean[] {false, true}) {
                        out.add(Arguments.of(c, stacked, seq, mask));
                    }
                }
            }
        }
        return out;
    }

    static FusedRecurrentLayer.Builder<?> builder(CellType c) {
        switch (c) {
            case LSTM:
                return new FusedLstm.Builder().forgetGateBiasInit(0.5);
            case GRU:
                return new FusedGru.Builder();
            case LN_SIMPLE_RNN:
                return new FusedLayerNormSimpleRnn.Builder();
            case PEEPHOLE_LSTM:
                return new FusedPeepholeLstm.Builder().forgetGateBiasInit(0.5);
            case SIMPLE_RNN:
                return new FusedSimpleRnn.Builder();
            case JORDAN:
                // hidden units unlike the fed-back output's size, so a swapped dimension would show
                return new FusedJordan.Builder().hidden(6);
            default:
                throw new IllegalArgumentException("no builder for " + c);
        }
    }

    /**
     * Below this absolute difference a parameter passes whatever its relative error. The layer-norm cell's outputs
     * are not damped by small weights (normalised, gamma = 1), so its score is larger (5.65 in the masked sequence
     * case) and the central difference noisier: there one beta gradient of -3.4025e-5 differed from the numerical
     * one by 1.07e-9 (relative 1.6e-5), the two scores differing by 7e-11.
     */
    static double minAbsError(CellType cell) {
        return cell == CellType.LN_SIMPLE_RNN ? 1e-8 : 1e-9;
    }

    /** Mask [B, T]: full, trailing padding, leading padding, a gap in the middle. */
    static INDArray mask() {
        double[][] m = new double[B][T];
        for (int t = 0; t < T; t++) {
            m[0][t] = 1;
            m[1][t] = t < T - 2 ? 1 : 0;
            m[2][t] = t >= 3 ? 1 : 0;
            m[3][t] = t == 2 ? 0 : 1;
        }
        return Nd4j.createFromArray(m);
    }

    @ParameterizedTest(name = "{0} stacked={1} seq={2} mask={3}")
    @MethodSource("cases")
    void gradientsMatchNumerical(CellType cell, boolean stacked, boolean seq, boolean useMask) {
        Nd4j.getRandom().setSeed(12345);
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder()
                .seed(12345).dataType(DataType.DOUBLE).updater(new NoOp()).list();
        int i = 0;
        if (stacked) {
            lb.layer(i++, builder(cell).nOut(5).returnSequences(true).build());
        }
        lb.layer(i++, builder(cell).nOut(H).returnSequences(seq).build());
        if (seq) {
            lb.layer(i, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                    .nOut(2).build());
        } else {
            lb.layer(i, new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                    .nOut(2).build());
        }
        MultiLayerConfiguration conf = lb.setInputType(InputType.recurrent(N_IN, T)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        Random r = new Random(42);
        INDArray in = Nd4j.rand(DataType.DOUBLE, B, N_IN, T).subi(0.5).muli(2);
        INDArray labels = seq ? Nd4j.rand(DataType.DOUBLE, B, 2, T) : Nd4j.rand(DataType.DOUBLE, B, 2);
        INDArray m = useMask ? mask() : null;
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(in)
                .labels(labels).inputMask(m).labelMask(seq ? m : null)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(minAbsError(cell))
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, "gradient check failed for " + cell + " stacked=" + stacked + " seq=" + seq + " mask=" + useMask);
    }
}
