package io.rnnforecast.model;

import io.rnnforecast.model.layers.FusedLstm;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter counts by hand, against the formulas PyTorch's layers follow, and against what DL4J allocates. */
class ParameterCountTest {

    private static ParameterCount counted(MultiLayerNetwork net) {
        ParameterCount count = ParameterCount.of(net.getLayerWiseConfigurations());
        for (int i = 0; i < net.getnLayers(); i++) {
            assertEquals(net.getLayer(i).numParams(), count.layers().get(i).params(), "layer " + i);
        }
        assertEquals(net.numParams(), count.params());
        return count;
    }

    @Test
    void lstmOfSixInputsAndThirtyTwoUnitsIsTheIssuesExample() {
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().list()
                .layer(new FusedLstm.Builder().nOut(32).returnSequences(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1)
                .build())
                .setInputType(InputType.recurrent(6, 10)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        ParameterCount count = counted(net);
        // one bias per gate: 4 * 32 * (6 + 32) + 4 * 32; PyTorch: 4 * 32 * (6 + 32 + 2)
        assertEquals(new ParameterCount.LayerCount("lstm", 6, 32, 4_992, 5_120), count.layers().get(0));
        assertEquals(new ParameterCount.LayerCount("dense", 32, 1, 33, 33), count.layers().get(1));
        assertEquals(5_025, count.params());
        assertEquals(5_153, count.pytorchParams());
    }

    @Test
    void everyCellAndOutputByHand() {
        // {cell, output, horizon, here, PyTorch}, widths 20-20 over one input
        record Case(ModelSpec.Cell cell, ModelSpec.Output output, int horizon, long here, long pytorch) {
        }
        long lstm = 4 * 20 * 21 + 80 + 4 * 20 * 40 + 80; // 1,760 + 3,280
        long gru = 3 * 20 * 21 + 80 + 3 * 20 * 40 + 80; // GRU keeps b_hn apart: 4h biases, 1,340 + 2,480
        long rnn = 20 * 21 + 20 + 20 * 40 + 20; // 440 + 820
        List<Case> cases = List.of(
                new Case(ModelSpec.Cell.LSTM, ModelSpec.Output.DENSE, 1, lstm + 21, 4 * 20 * 23 + 4 * 20 * 42 + 21),
                new Case(ModelSpec.Cell.DL4J_LSTM, ModelSpec.Output.DENSE, 1, lstm + 21,
                        4 * 20 * 23 + 4 * 20 * 42 + 21),
                new Case(ModelSpec.Cell.GRU, ModelSpec.Output.DENSE, 10, gru + 210, 3 * 20 * 23 + 3 * 20 * 42 + 210),
                // SimpleRNN 20-20 then SimpleRNN(1): 1 * (20 + 1) + 1, PyTorch 1 * (20 + 1 + 2)
                new Case(ModelSpec.Cell.SIMPLE_RNN, ModelSpec.Output.RECURRENT, 1, rnn + 22, 20 * 23 + 20 * 42 + 23),
                new Case(ModelSpec.Cell.LINEAR, ModelSpec.Output.DENSE, 1, 51, 51),
                // LayerNorm's gain and shift (2h per layer) and the peepholes (3h per layer) on top, both ways
                new Case(ModelSpec.Cell.LN_SIMPLE_RNN, ModelSpec.Output.DENSE, 1, rnn + 2 * 40 + 21,
                        20 * 23 + 20 * 42 + 2 * 40 + 21),
                new Case(ModelSpec.Cell.PEEPHOLE_LSTM, ModelSpec.Output.DENSE, 1, lstm + 3 * 40 + 21,
                        4 * 20 * 23 + 4 * 20 * 42 + 3 * 40 + 21),
                // SimpleRNN 20, then the Jordan layer: 20 hidden units reading 20 inputs and the 10 fed-back
                // outputs, 20 (20 + 10) + 20, and its output map 10 x 20 + 10; PyTorch (three nn.Linear) 20 (20 + 10
                // + 2) + 210
                new Case(ModelSpec.Cell.JORDAN, ModelSpec.Output.DENSE, 10, 440 + 620 + 210, 460 + 640 + 210));
        for (Case k : cases) {
            List<Integer> units = k.cell() == ModelSpec.Cell.LINEAR ? List.of() : List.of(20, 20);
            MultiLayerNetwork net = NetworkFactory.build(ModelSpec.builder().cell(k.cell()).units(units).output(k
                    .output())
                    .window(50, k.horizon()).loss(ModelSpec.Loss.MSE).learningRate(1e-3)
                    .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(1).build());
            ParameterCount count = counted(net);
            assertEquals(k.here(), count.params(), k.cell() + " here");
            assertEquals(k.pytorch(), count.pytorchParams(), k.cell() + " PyTorch");
        }
    }

    @Test
    void describedOnOneLine() {
        String line = ParameterCount.of(NetworkFactory.configuration(ModelSpec.builder().cell(ModelSpec.Cell.SIMPLE_RNN).stack(2, 20)
                .window(50, 1).loss(ModelSpec.Loss.MSE).learningRate(1e-3).seed(1).build())).describe();
        assertEquals("1,281 parameters (PyTorch would report 1,321: it keeps two biases per gate):"
                + " simple-rnn(1->20) 440/460, simple-rnn(20->20) 820/840, dense(20->1) 21/21", line);
        assertTrue(!line.contains("\n"));
    }

    /**
     * A bidirectional layer is two of the wrapped one, both ways: PyTorch's bidirectional=True keeps a second
     * (reverse) set of the same weights, and the next layer reads 2h inputs.
     */
    @Test
    void bidirectionalLayersCountTwiceAndTheNextLayerReadsBothDirections() {
        long lstm1 = 4 * 20 * (1 + 20) + 80, lstm2 = 4 * 20 * (40 + 20) + 80;
        long torch1 = 4 * 20 * (1 + 20 + 2), torch2 = 4 * 20 * (40 + 20 + 2);
        MultiLayerNetwork net = NetworkFactory.build(ModelSpec.builder().cell(ModelSpec.Cell.LSTM)
                .units(List.of(20, 20)).output(ModelSpec.Output.DENSE)
                .window(50, 3).loss(ModelSpec.Loss.MSE).learningRate(1e-3)
                .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(1)
                .strategy(ModelSpec.Strategy.DIRECT).conv(ModelSpec.Conv1d.NONE).init(ModelSpec.Init.PYTORCH)
                .bidirectional(true).build());
        ParameterCount count = counted(net);
        assertEquals(List.of(new ParameterCount.LayerCount("bilstm", 1, 40, 2 * lstm1, 2 * torch1),
                new ParameterCount.LayerCount("bilstm", 40, 40, 2 * lstm2, 2 * torch2),
                new ParameterCount.LayerCount("dense", 40, 3, 40 * 3 + 3, 40 * 3 + 3)), count.layers());
        assertEquals(2 * (lstm1 + lstm2) + 123, count.params());
        assertEquals(2 * (torch1 + torch2) + 123, count.pytorchParams());

        // every cell, with a recurrent output (which stays forward) after one bidirectional layer of 8 (the Jordan
        // layer is the output and runs forward only)
        for (ModelSpec.Cell cell : ModelSpec.Cell.values()) {
            if (cell == ModelSpec.Cell.LINEAR || cell == ModelSpec.Cell.JORDAN) {
                continue;
            }
            ModelSpec both = ModelSpec.builder().cell(cell).units(List.of(8)).output(ModelSpec.Output.RECURRENT)
                    .window(50, 2).loss(ModelSpec.Loss.MSE).learningRate(1e-3)
                    .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(1)
                    .strategy(ModelSpec.Strategy.DIRECT).conv(ModelSpec.Conv1d.NONE).init(ModelSpec.Init.PYTORCH)
                    .bidirectional(true).build();
            ParameterCount bi = counted(NetworkFactory.build(both));
            ParameterCount.LayerCount oneWay = counted(NetworkFactory.build(ModelSpec.builder().cell(cell)
                    .units(List.of(8)).output(ModelSpec.Output.DENSE)
                    .window(50, 2).loss(ModelSpec.Loss.MSE).learningRate(1e-3)
                    .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(1).build()))
                    .layers().get(0);
            ParameterCount.LayerCount first = bi.layers().get(0);
            assertEquals("bi" + oneWay.kind(), first.kind(), both.displayName());
            assertEquals(2 * oneWay.params(), first.params(), both.displayName());
            assertEquals(2 * oneWay.pytorchParams(), first.pytorchParams(), both.displayName());
            assertEquals(16, bi.layers().get(1).nIn(), both.displayName());
        }
    }
}
