package io.rnnforecast.model;

import io.rnnforecast.window.Targets;
import io.rnnforecast.window.WindowBlock;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Géron's Conv1D(20, kernel 4, stride 2, valid) + GRU front end: sizes, parameter count, the convolution by hand,
 * and the model trained sequence-to-sequence on the strided steps.
 */
class ConvFrontTest {
    private static final ModelSpec.Conv1d GERON = new ModelSpec.Conv1d(20, 4, 2);

    private static ModelSpec spec(ModelSpec.Conv1d conv) {
        return spec(conv, 50, ModelSpec.Strategy.DIRECT);
    }

    private static ModelSpec spec(ModelSpec.Conv1d conv, int input, ModelSpec.Strategy strategy) {
        return ModelSpec.builder().cell(ModelSpec.Cell.GRU).units(List.of(20, 20)).output(ModelSpec.Output.DENSE)
                .window(input, 10).loss(ModelSpec.Loss.MSE).learningRate(1e-3)
                .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(42)
                .strategy(strategy).conv(conv).build();
    }

    @Test
    void geronsConvGruHasTheKerasShapesAndCounts() {
        ModelSpec spec = spec(GERON);
        assertEquals(24, GERON.outputLength(50), "(50 - 4) / 2 + 1 steps reach the GRU");
        assertEquals("conv20k4s2-gru-2x20", spec.displayName());
        MultiLayerNetwork net = NetworkFactory.build(spec);
        assertInstanceOf(Convolution1DLayer.class, net.getLayer(0).conf().getLayer());
        ParameterCount count = ParameterCount.of(net.getLayerWiseConfigurations());
        // Keras' summary of Géron's model: Conv1D 20*1*4 + 20 = 100; GRU(20) on 20 features 3*20*(20+20) + 3*20*2
        // = 2,520 (reset_after, two biases, as PyTorch); here the GRU keeps 4h biases: 2,480; Dense(10) 210
        assertEquals(100, count.layers().get(0).params());
        assertEquals(100, count.layers().get(0).pytorchParams());
        assertEquals(2_520, count.layers().get(1).pytorchParams());
        assertEquals(net.numParams(), count.params());
        INDArray out = net.output(Nd4j.rand(DataType.FLOAT, 3, 1, 50));
        assertEquals(List.of(3L, 10L), List.of(out.shape()[0], out.shape()[1]));
    }

    @Test
    void theConvolutionIsTheStridedValidDotProduct() {
        MultiLayerNetwork net = NetworkFactory.build(spec(GERON));
        Random random = new Random(1);
        float[] x = new float[50];
        INDArray input = Nd4j.create(DataType.FLOAT, 1, 1, 50);
        for (int t = 0; t < 50; t++) {
            x[t] = (float) random.nextGaussian();
            input.putScalar(0, 0, t, x[t]);
        }
        // The "W" parameter has shape [filters, nIn, kernel, 1], but DL4J M2's Conv1D reads its 80 values (in row-major
        // order) as tap-major: value f + 20 k is filter f's tap k (measured by setting one value at a time)
        INDArray w = Nd4j.create(DataType.FLOAT, 20, 1, 4, 1);
        INDArray b = Nd4j.create(DataType.FLOAT, 1, 20);
        for (int f = 0; f < 20; f++) {
            b.putScalar(0, f, -1 + 0.1 * f);   // a bias per filter, so a mixed-up filter order shows
            for (int k = 0; k < 4; k++) {
                w.putScalar(new long[] {f, 0, k, 0}, random.nextGaussian());
            }
        }
        net.setParam("0_W", w);
        net.setParam("0_b", b);
        float[] values = w.reshape(80).toFloatVector();
        INDArray conv = net.feedForward(input, false).get(1);   // [1, filters, 24]
        for (int f = 0; f < 20; f++) {
            for (int j = 0; j < 24; j++) {
                double expected = b.getDouble(0, f);
                for (int k = 0; k < 4; k++) {
                    expected += values[f + 20 * k] * x[2 * j + k];
                }
                assertEquals(expected, conv.getDouble(0, f, j), 1e-5, "filter " + f + " step " + j);
            }
        }
    }

    @Test
    void aKernelLongerThanTheInputOrNoRecurrentLayerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> spec(new ModelSpec.Conv1d(20, 51, 2)));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.builder().cell(ModelSpec.Cell.LINEAR)
                .units(List.of()).output(ModelSpec.Output.DENSE)
                .window(50, 1).loss(ModelSpec.Loss.MSE).learningRate(1e-3)
                .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(42)
                .strategy(ModelSpec.Strategy.DIRECT).conv(GERON).build());
    }

    /**
     * Géron's Conv1D + GRU seq2seq: the per-step Dense(10) sees the convolution's 24 steps, trained on the labels of
     * input steps 3, 5, ..., 49 (Y[:, 3::2]) cut from the cached windows; the forecast is step 23, whose labels are
     * the window's target; the loss is the mean over the 24 x 10 values (weighted 1/24, not 1/50).
     */
    @Test
    void seq2seqOutputsTheStridedStepsAndScoresTheirMean() {
        ModelSpec spec = spec(GERON, 50, ModelSpec.Strategy.SEQ2SEQ);
        assertEquals("conv20k4s2-gru-2x20-seq2seq", spec.displayName());
        assertEquals(Targets.everyStep(3, 2), spec.targets());
        MultiLayerNetwork net = NetworkFactory.build(spec);
        Random random = new Random(3);
        List<float[][]> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            float[] x = new float[50];
            float[] y = new float[10];
            for (int t = 0; t < 50; t++) {
                x[t] = (float) random.nextGaussian();
            }
            for (int k = 0; k < 10; k++) {
                y[k] = (float) random.nextGaussian();
            }
            rows.add(new float[][] {x, y});
        }
        DataSet batch = WindowBlock.of(rows, 50, 10).rows(0, 6, spec.targets());
        INDArray out = net.output(batch.getFeatures());
        assertArrayEquals(new long[] {6, 10, 24}, out.shape());
        assertArrayEquals(out.shape(), batch.getLabels().shape());
        INDArray forecast = HorizonForecast.of(net, ModelSpec.Strategy.SEQ2SEQ, 10, batch.getFeatures());
        float[] predicted = forecast.ravel().toFloatVector();
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 10; k++) {
                assertEquals(out.getFloat(i, k, 23), predicted[i * 10 + k], 0f, "window " + i + " k " + k);
                assertEquals(rows.get(i)[1][k], batch.getLabels().getFloat(i, k, 23), 0f,
                        "the last step's labels are the target, window " + i + " k " + k);
            }
        }
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        double sum = 0;
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 10; k++) {
                for (int j = 0; j < 24; j++) {
                    // label of output step j: the input step it ends at is 3 + 2j, its k-th next value
                    int at = 3 + 2 * j + k + 1;
                    double label = at < 50 ? rows.get(i)[0][at] : rows.get(i)[1][at - 50];
                    double e = out.getDouble(i, k, j) - label;
                    sum += e * e;
                }
            }
        }
        assertEquals(sum / (6 * 10 * 24), net.score(), 1e-5);
    }

    /**
     * Valid padding drops the input's last (input - kernel) % stride steps: with 51 steps the last output step ends
     * at input step 49 and would not forecast the horizon, so seq2seq is refused with the settings named (direct,
     * which reads the last step's state into Dense(horizon), is not).
     */
    @Test
    void seq2seqNeedsTheLastOutputStepToEndAtTheLastInputStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec(GERON, 51, ModelSpec.Strategy.SEQ2SEQ));
        for (String named : List.of("window.input 51", "kernel 4", "stride 2", "last 1 input step")) {
            assertTrue(e.getMessage().contains(named), named + " in: " + e.getMessage());
        }
        assertEquals(24, spec(GERON, 51, ModelSpec.Strategy.DIRECT).conv().outputLength(51));
        assertEquals(25, spec(GERON, 52, ModelSpec.Strategy.SEQ2SEQ).targets().steps(52));
    }
}
