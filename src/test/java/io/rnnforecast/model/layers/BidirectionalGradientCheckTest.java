package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's numerical gradient check (double precision) for the bidirectional fused LSTM and GRU as NetworkFactory
 * stacks them: a bidirectional layer returning every step under a second one, whose sequence or last step
 * (each direction's final state, BidirectionalFinalStates) is scored; with and without a mask (FusedGradientCheckTest's: full,
 * trailing and leading padding, a gap). Both directions' parameters (fW ... bb) are checked.
 */
class BidirectionalGradientCheckTest implements DoublePrecisionTests {

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CellType c : new CellType[] {CellType.LSTM, CellType.GRU}) {
            for (boolean lastStep : new boolean[] {false, true}) {
                for (boolean mask : new boolean[] {false, true}) {
                    out.add(Arguments.of(c, lastStep, mask));
                }
            }
        }
        return out;
    }

    /**
     * Below this absolute difference a parameter passes whatever its relative error. A sequence score sums every
     * step and so is larger (6.41 for the masked GRU stack), and its central difference at epsilon 1e-6 carries
     * its rounding: there one recurrent weight's gradient of -2.00766e-4 differed from the numerical one by
     * 5.1e-9 (relative 1.3e-5) at epsilon 1e-6, by 1.7e-10 at 1e-5 and by 7e-12 at 1e-4.
     */
    static double minAbsError(CellType cell, boolean lastStep) {
        return lastStep ? FusedGradientCheckTest.minAbsError(cell) : 1e-8;
    }

    @ParameterizedTest(name = "{0} lastStep={1} mask={2}")
    @MethodSource("cases")
    void gradientsMatchNumerical(CellType cell, boolean lastStep, boolean useMask) {
        Nd4j.getRandom().setSeed(12345);
        int b = FusedGradientCheckTest.B, t = FusedGradientCheckTest.T, outputs = 2;
        Layer score = lastStep
                ? new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                .nOut(outputs).build()
                : new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                .nOut(outputs).build();
        MultiLayerNetwork net = BidirectionalLayers.network(DataType.DOUBLE, FusedGradientCheckTest.N_IN,
                BidirectionalLayers.both(FusedGradientCheckTest.builder(cell).nOut(3).build(), false),
                BidirectionalLayers.both(FusedGradientCheckTest.builder(cell).nOut(FusedGradientCheckTest.H)
                        .build(), lastStep),
                score);
        INDArray in = Nd4j.rand(DataType.DOUBLE, b, FusedGradientCheckTest.N_IN, t).subi(0.5).muli(2);
        INDArray labels = lastStep ? Nd4j.rand(DataType.DOUBLE, b, outputs) : Nd4j.rand(DataType.DOUBLE, b, outputs, t);
        INDArray m = useMask ? FusedGradientCheckTest.mask() : null;
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(in)
                .labels(labels).inputMask(m).labelMask(lastStep ? null : m)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(minAbsError(cell, lastStep))
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
        assertTrue(ok, "gradient check failed for bidirectional " + cell + " lastStep=" + lastStep + " mask="
                + useMask);
    }
}
