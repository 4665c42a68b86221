package io.rnnforecast.model;

import io.rnnforecast.model.layers.BidirectionalFinalStates;
import io.rnnforecast.model.layers.FusedGru;
import io.rnnforecast.model.layers.FusedJordan;
import io.rnnforecast.model.layers.FusedRecurrentLayer;
import io.rnnforecast.model.layers.FusedSimpleRnn;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The networks NetworkFactory builds for each model section: layer sizes, outputs, options, JSON, training. */
class NetworkFactoryTest {

    private static ModelSpec spec(ModelSpec.Cell cell, List<Integer> units, ModelSpec.Output output, int input,
                                  int horizon, double dropout, double clip, ModelSpec.StepDecay decay) {
        return ModelSpec.builder().cell(cell).units(units).output(output).window(input, horizon)
                .loss(ModelSpec.Loss.MSE).learningRate(0.01)
                .dropout(dropout).gradientClip(clip).learningRateDecay(decay).seed(7).build();
    }

    private static ModelSpec spec(ModelSpec.Cell cell, List<Integer> units, ModelSpec.Output output, int horizon) {
        return spec(cell, units, output, 20, horizon, 0, 0, ModelSpec.StepDecay.NONE);
    }

    private static Layer layer(MultiLayerConfiguration c, int i) {
        return c.getConf(i).getLayer();
    }

    @Test
    void perLayerWidthsChainTheSizes() {
        MultiLayerConfiguration c = NetworkFactory.configuration(spec(ModelSpec.Cell.GRU, List.of(32, 16, 8),
                ModelSpec.Output.DENSE, 3));
        assertEquals(4, c.getConfs().size());
        long[][] sizes = {{1, 32}, {32, 16}, {16, 8}, {8, 3}};
        for (int i = 0; i < sizes.length; i++) {
            FeedForwardLayer l = (FeedForwardLayer) layer(c, i);
            assertArrayEquals(sizes[i], new long[] {l.getNIn(), l.getNOut()}, "layer " + i);
        }
        assertInstanceOf(FusedGru.class, layer(c, 0));
        assertTrue(((FusedRecurrentLayer) layer(c, 1)).isReturnSequences());
        assertFalse(((FusedRecurrentLayer) layer(c, 2)).isReturnSequences());
        assertInstanceOf(OutputLayer.class, layer(c, 3));
    }

    @Test
    void recurrentOutputEndsInAHorizonWideRecurrentLayerScoredByALossLayer() {
        MultiLayerNetwork net = NetworkFactory.build(spec(ModelSpec.Cell.SIMPLE_RNN, List.of(20, 20),
                ModelSpec.Output.RECURRENT, 4));
        MultiLayerConfiguration c = net.getLayerWiseConfigurations();
        assertEquals(4, c.getConfs().size());
        FusedSimpleRnn top = (FusedSimpleRnn) layer(c, 2);
        assertEquals(20, top.getNIn());
        assertEquals(4, top.getNOut());
        assertFalse(top.isReturnSequences());
        LossLayer loss = (LossLayer) layer(c, 3);
        assertEquals(Activation.IDENTITY.getActivationFunction(), loss.getActivationFn());
        assertEquals(0, net.getLayer(3).numParams());
        assertEquals(4, net.layerSize(3), "the output size reads as the horizon, as with a dense output");
        INDArray out = net.output(sine(5, 20, 4, 1).getFeatures());
        assertArrayEquals(new long[] {5, 4}, out.shape());
        // the forecast is the top cell's tanh output itself
        assertTrue(out.amaxNumber().doubleValue() < 1);

        MultiLayerConfiguration dl4j = NetworkFactory.configuration(spec(ModelSpec.Cell.DL4J_LSTM, List.of(8),
                ModelSpec.Output.RECURRENT, 2));
        LSTM inner = (LSTM) ((LastTimeStep) layer(dl4j, 1)).getUnderlying();
        assertEquals(2, inner.getNOut());
        assertInstanceOf(LossLayer.class, layer(dl4j, 2));
    }

    @Test
    void linearIsTheFlattenedWindowTimesOneMatrix() {
        MultiLayerNetwork net = NetworkFactory.build(spec(ModelSpec.Cell.LINEAR, List.of(), ModelSpec.Output.DENSE,
                3));
        MultiLayerConfiguration c = net.getLayerWiseConfigurations();
        assertEquals(1, c.getConfs().size());
        assertEquals(new FlattenSteps(1, 20), c.getInputPreProcess(0));
        assertEquals(20 * 3 + 3, net.numParams());
        // forecast = x W + b with x the window in time order
        DataSet d = sine(4, 20, 3, 2);
        INDArray x = d.getFeatures().reshape(4, 20);
        INDArray expected = x.mmul(net.getParam("0_W")).addRowVector(net.getParam("0_b"));
        assertArrayEquals(expected.ravel().toFloatVector(), net.output(d.getFeatures()).ravel().toFloatVector(),
                1e-6f);
    }

    @Test
    void dropoutClippingAndDecayReachTheConfiguration() {
        ModelSpec.StepDecay decay = new ModelSpec.StepDecay(5, 0.5);
        MultiLayerConfiguration c = NetworkFactory.configuration(spec(ModelSpec.Cell.LSTM, List.of(8, 8),
                ModelSpec.Output.RECURRENT, 20, 1, 0.25, 2.5, decay));
        assertNull(((BaseLayer) layer(c, 0)).getIDropout(), "no dropout on the input window");
        for (int i = 1; i <= 2; i++) {
            Dropout d = (Dropout) ((BaseLayer) layer(c, i)).getIDropout();
            assertEquals(0.75, d.getP(), 0, "DL4J keeps 1 - rate");
        }
        for (int i = 0; i <= 2; i++) {
            BaseLayer l = (BaseLayer) layer(c, i);
            assertEquals(GradientNormalization.ClipL2PerLayer, l.getGradientNormalization());
            assertEquals(2.5, l.getGradientNormalizationThreshold(), 0);
            assertEquals(new Adam(new StepSchedule(ScheduleType.EPOCH, 0.01, 0.5, 5)), l.getIUpdater());
        }
        // off: nothing set
        BaseLayer plain = (BaseLayer) layer(NetworkFactory.configuration(spec(ModelSpec.Cell.LSTM, List.of(8, 8),
                ModelSpec.Output.DENSE, 1)), 1);
        assertNull(plain.getIDropout());
        assertEquals(GradientNormalization.None, plain.getGradientNormalization());
        assertEquals(new Adam(0.01), plain.getIUpdater());
        // DL4J's LSTM wrapped for its last step gets them too
        MultiLayerConfiguration dl4j = NetworkFactory.configuration(spec(ModelSpec.Cell.DL4J_LSTM, List.of(8, 8),
                ModelSpec.Output.DENSE, 20, 1, 0.25, 2.5, decay));
        LSTM top = (LSTM) ((LastTimeStep) layer(dl4j, 1)).getUnderlying();
        assertEquals(0.75, ((Dropout) top.getIDropout()).getP(), 0);
        assertEquals(GradientNormalization.ClipL2PerLayer, top.getGradientNormalization());
    }

    @Test
    void configurationsSurviveJsonAndModelSerializer() throws Exception {
        for (ModelSpec s : List.of(spec(ModelSpec.Cell.LINEAR, List.of(), ModelSpec.Output.DENSE, 2),
                spec(ModelSpec.Cell.SIMPLE_RNN, List.of(6, 5), ModelSpec.Output.RECURRENT, 20, 2, 0.2, 1,
                        new ModelSpec.StepDecay(2, 0.5)),
                spec(ModelSpec.Cell.DL4J_LSTM, List.of(4), ModelSpec.Output.RECURRENT, 2),
                spec(ModelSpec.Cell.JORDAN, List.of(6, 5), ModelSpec.Output.DENSE, 20, 2, 0.2, 1,
                        new ModelSpec.StepDecay(2, 0.5)))) {
            MultiLayerNetwork net = NetworkFactory.build(s);
            net.fit(sine(8, 20, 2, 4));
            assertSurvivesJsonAndModelSerializer(net, s.displayName());
        }
    }

    /** The configuration reads back from JSON equal; saved and restored, the network gives the same 2 outputs. */
    private static void assertSurvivesJsonAndModelSerializer(MultiLayerNetwork net, String name) throws Exception {
        MultiLayerConfiguration c = net.getLayerWiseConfigurations();
        assertEquals(c, MultiLayerConfiguration.fromJson(c.toJson()), name);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()),
                true);
        INDArray x = sine(3, 20, 2, 5).getFeatures();
        assertEquals(net.output(x), back.output(x), name);
        assertEquals(2, back.layerSize(back.getnLayers() - 1), name);
    }

    /**
     * cell = jordan: Elman layers below, then the Jordan layer (hidden units = the top width, its output the
     * forecast, fed back) and a parameterless loss; seq2seq returns its output at every step. It learns the sine.
     */
    @Test
    void jordanIsTheOutputLayerAndLearnsASine() {
        MultiLayerConfiguration c = NetworkFactory.configuration(spec(ModelSpec.Cell.JORDAN, List.of(8, 6),
                ModelSpec.Output.DENSE, 3));
        assertInstanceOf(FusedSimpleRnn.class, layer(c, 0));
        FusedJordan j = assertInstanceOf(FusedJordan.class, layer(c, 1));
        assertEquals(List.of(8L, 6, 3L), List.of(j.getNIn(), j.getHidden(), j.getNOut()));
        assertFalse(j.isReturnSequences());
        assertInstanceOf(LossLayer.class, layer(c, 2));
        assertEquals(3, c.getConfs().size());
        assertEquals("jordan-8-6", spec(ModelSpec.Cell.JORDAN, List.of(8, 6), ModelSpec.Output.DENSE, 3)
                .displayName());
        ModelSpec seq = spec(ModelSpec.Cell.JORDAN, List.of(6), ModelSpec.Output.DENSE, 3).toBuilder()
                .strategy(ModelSpec.Strategy.SEQ2SEQ).build();
        MultiLayerNetwork s2s = NetworkFactory.build(seq);
        assertTrue(((FusedJordan) s2s.getLayer(0).conf().getLayer()).isReturnSequences());
        assertArrayEquals(new long[] {3, 3, 20}, s2s.output(sine(3, 20, 3, 5).getFeatures()).shape());

        DataSet train = sine(64, 20, 1, 11);
        MultiLayerNetwork net = NetworkFactory.build(spec(ModelSpec.Cell.JORDAN, List.of(8), ModelSpec.Output.DENSE,
                1));
        double before = net.score(train);
        for (int i = 0; i < 60; i++) {
            net.fit(train);
        }
        assertTrue(net.score(train) < 0.1 * before, before + " -> " + net.score(train));
    }

    /**
     * Géron's deep RNN with a recurrent output (SimpleRNN 8 then SimpleRNN(1), no dense layer) and the linear model
     * both learn a tiny sine: within 60 full-batch Adam steps the loss falls below 2% and 10% of where it starts
     * (measured: 0.790 -> 0.0041 and 3.30 -> 0.154).
     */
    @Test
    void recurrentOutputAndLinearModelsLearnASine() {
        DataSet train = sine(64, 20, 1, 11);
        ModelSpec[] models = {spec(ModelSpec.Cell.SIMPLE_RNN, List.of(8), ModelSpec.Output.RECURRENT, 1),
                spec(ModelSpec.Cell.LINEAR, List.of(), ModelSpec.Output.DENSE, 1)};
        double[] atMost = {0.02, 0.1};
        for (int m = 0; m < models.length; m++) {
            MultiLayerNetwork net = NetworkFactory.build(models[m]);
            double before = net.score(train);
            for (int i = 0; i < 60; i++) {
                net.fit(train);
            }
            double after = net.score(train);
            assertTrue(before > 0.05, models[m].displayName() + " starts untrained: " + before);
            assertTrue(after < atMost[m] * before, models[m].displayName() + ": " + before + " -> " + after);
        }
    }

    /**
     * {@code n} windows of a sine with random phase and frequency: {@code input} values as [n, 1, input], the next
     * {@code horizon} as [n, horizon]; amplitude 0.8, within the reach of a tanh output.
     */
    static DataSet sine(int n, int input, int horizon, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * input];
        float[] y = new float[n * horizon];
        for (int s = 0; s < n; s++) {
            double phase = 2 * Math.PI * r.nextDouble();
            double step = 0.2 + 0.2 * r.nextDouble();
            for (int t = 0; t < input + horizon; t++) {
                float v = (float) (0.8 * Math.sin(phase + step * t));
                if (t < input) {
                    x[s * input + t] = v;
                } else {
                    y[s * horizon + t - input] = v;
                }
            }
        }
        return new DataSet(Nd4j.create(x, new long[] {n, 1, input}, 'c'), Nd4j.create(y, new long[] {n, horizon},
                'c'));
    }
    @Test
    void kerasInitIsGlorotAndOrthogonalPytorchIsUniform() {
        for (ModelSpec.Cell cell : List.of(ModelSpec.Cell.SIMPLE_RNN, ModelSpec.Cell.LSTM)) {
            ModelSpec keras = ModelSpec.builder().cell(cell).units(List.of(20)).output(ModelSpec.Output.DENSE)
                    .window(50, 1).loss(ModelSpec.Loss.MSE).learningRate(1e-3)
                    .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(7)
                    .strategy(ModelSpec.Strategy.DIRECT).conv(ModelSpec.Conv1d.NONE).init(ModelSpec.Init.KERAS).build();
            MultiLayerNetwork net = NetworkFactory.build(keras);
            INDArray rw = net.getLayer(0).getParam("RW");   // [units, gates * units]: orthonormal rows
            INDArray gram = rw.mmul(rw.transpose());
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 20; j++) {
                    assertEquals(i == j ? 1.0 : 0.0, gram.getDouble(i, j), 1e-4, cell + " RW RW^T at " + i + "," + j);
                }
            }
            // biases 0, except the LSTM's forget gate at 1 (Keras' unit_forget_bias): 20 ones
            assertEquals(cell == ModelSpec.Cell.LSTM ? 20.0 : 0.0,
                    net.getLayer(0).getParam("b").norm1Number().doubleValue(), 1e-6, cell + " biases");
            MultiLayerNetwork torch = NetworkFactory.build(ModelSpec.builder().cell(cell).units(List.of(20))
                    .output(ModelSpec.Output.DENSE)
                    .window(50, 1).loss(ModelSpec.Loss.MSE).learningRate(1e-3)
                    .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(7).build());
            assertTrue(torch.getLayer(0).getParam("RW").amaxNumber().doubleValue() <= 1 / Math.sqrt(20),
                    cell + ": PyTorch's U(-1/sqrt(h), 1/sqrt(h))");
            assertTrue(torch.getLayer(0).getParam("b").norm1Number().doubleValue() > 0, cell + " biases drawn");
        }
    }

    private static ModelSpec bidirectional(ModelSpec.Cell cell, List<Integer> units, ModelSpec.Output output) {
        return ModelSpec.builder().cell(cell).units(units).output(output).window(20, 2)
                .loss(ModelSpec.Loss.MSE).learningRate(0.01)
                .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(7)
                .strategy(ModelSpec.Strategy.DIRECT).conv(ModelSpec.Conv1d.NONE).init(ModelSpec.Init.PYTORCH)
                .bidirectional(true).build();
    }

    /** Bidirectional (CONCAT) around each hidden layer, returning every step; the next layer reads 2h. */
    @Test
    void bidirectionalWrapsEveryHiddenLayerAndDoublesTheNextLayersInput() {
        MultiLayerConfiguration c = NetworkFactory.configuration(bidirectional(ModelSpec.Cell.GRU, List.of(8, 6),
                ModelSpec.Output.DENSE));
        Bidirectional first = (Bidirectional) layer(c, 0);
        assertEquals(Bidirectional.Mode.CONCAT, first.getMode());
        assertInstanceOf(FusedGru.class, first.getFwd());
        assertTrue(((FusedRecurrentLayer) first.getBwd()).isReturnSequences());
        Bidirectional top = (Bidirectional) ((BidirectionalFinalStates) layer(c, 1)).getUnderlying();
        assertEquals(16, top.getNIn());
        assertTrue(((FusedRecurrentLayer) top.getFwd()).isReturnSequences(), "the wrapper needs every step");
        assertEquals(12, ((FeedForwardLayer) layer(c, 2)).getNIn());
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        DataSet d = sine(5, 20, 2, 3);
        assertArrayEquals(new long[] {5, 2}, net.output(d.getFeatures()).shape());
        assertArrayEquals(new long[] {5, 16, 20}, net.feedForward(d.getFeatures()).get(1).shape());

        // a recurrent output layer stays forward, reading the 2h of the last hidden layer's every step
        MultiLayerConfiguration r = NetworkFactory.configuration(bidirectional(ModelSpec.Cell.SIMPLE_RNN, List.of(8),
                ModelSpec.Output.RECURRENT));
        assertInstanceOf(Bidirectional.class, layer(r, 0));
        FusedSimpleRnn out = (FusedSimpleRnn) layer(r, 1);
        assertEquals(16, out.getNIn());
        assertFalse(out.isReturnSequences());
    }

    /**
     * Every recurrent cell both ways, the fused ones and DL4J's LSTM, with a dense and a recurrent output, fits a
     * tiny sine (full-batch Adam), survives JSON and ModelSerializer, and outputs the horizon.
     */
    @Test
    void everyBidirectionalCellTrainsAndSurvivesSerialization() throws Exception {
        DataSet train = sine(32, 20, 2, 11);
        for (ModelSpec.Cell cell : ModelSpec.Cell.values()) {
            if (cell == ModelSpec.Cell.LINEAR || cell == ModelSpec.Cell.JORDAN) { // Jordan: forward only
                continue;
            }
            for (ModelSpec.Output output : ModelSpec.Output.values()) {
                ModelSpec s = bidirectional(cell, List.of(6), output);
                MultiLayerNetwork net = NetworkFactory.build(s);
                double before = net.score(train);
                for (int i = 0; i < 10; i++) {
                    net.fit(train);
                }
                assertTrue(net.score(train) < before, s.displayName() + ": " + before + " -> " + net.score(train));
                assertSurvivesJsonAndModelSerializer(net, s.displayName());
            }
        }
    }
}
