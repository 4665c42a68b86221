package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Jordan layer as the network builds it (an Elman layer below, the Jordan layer's own output the forecast,
 * a parameterless loss): parameter layout and initial ranges, JSON configuration and ModelSerializer round trips
 * (training continues identically), stateful inference whose state is the fed-back output.
 */
class FusedJordanSerializationTest {

    static MultiLayerConfiguration conf(FusedInit init) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
                .layer(new FusedSimpleRnn.Builder().nOut(6).build())
                .layer(new FusedJordan.Builder().hidden(5).nOut(1).returnSequences(false).init(init).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build())
                .setInputType(InputType.recurrent(1, 50)).build();
    }

    @Test
    void parameterLayoutAndInitialValues() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(FusedInit.UNIFORM));
        net.init();
        FusedJordan j = (FusedJordan) net.getLayer(1).conf().getLayer();
        ParamInitializer pi = j.initializer();
        assertEquals(List.of("W", "RW", "b", "V", "c"), pi.paramKeys(j));
        assertEquals(List.of("W", "RW", "V"), pi.weightKeys(j));
        assertEquals(List.of("b", "c"), pi.biasKeys(j));
        assertTrue(pi.isBiasParam(j, "c") && !pi.isWeightParam(j, "c"));
        assertEquals(6 * 5 + 1 * 5 + 5 + 5 * 1 + 1, net.getLayer(1).numParams());
        assertEquals(List.of(5L, 1L), List.of(net.getLayer(1).getParam("V").size(0),
                net.getLayer(1).getParam("V").size(1)));
        assertEquals(List.of(1L, 5L), List.of(net.getLayer(1).getParam("RW").size(0),
                net.getLayer(1).getParam("RW").size(1)));
        // PyTorch's range for 5 hidden units, the output map's (nn.Linear, fan in 5) the same
        double lim = 1 / Math.sqrt(5);
        for (String k : pi.paramKeys(j)) {
            double a = net.getLayer(1).getParam(k).amaxNumber().doubleValue();
            assertTrue(a > 0 && a <= lim, k + ": " + a);
        }
        MultiLayerNetwork keras = new MultiLayerNetwork(conf(FusedInit.GLOROT_ORTHOGONAL));
        keras.init();
        assertEquals(0.0, keras.getLayer(1).getParam("c").amaxNumber().doubleValue(), 0); // Keras: zero bias
        assertEquals(1.0, keras.getLayer(1).getParam("RW").norm2Number().doubleValue(), 1e-5); // one orthonormal row
        assertThrows(IllegalArgumentException.class, () -> new FusedJordan.Builder().hidden(0));
        assertThrows(IllegalStateException.class, () -> new FusedJordan.Builder().nOut(1).build());
        assertFalse(j.isReturnSequences());
    }

    @Test
    void jsonRoundTrip() {
        MultiLayerConfiguration back = FusedSerializationTest.assertJsonRoundTrip(
                FusedSerializationTest.trained(conf(FusedInit.UNIFORM)));
        assertEquals(5, ((FusedJordan) back.getConf(1).getLayer()).getHidden());
    }

    @Test
    void modelSerializerRoundTrip(@TempDir Path dir) throws Exception {
        FusedSerializationTest.assertModelSerializerRoundTrip(FusedSerializationTest.trained(conf(FusedInit.UNIFORM)),
                dir);
    }

    @Test
    void rnnTimeStepMatchesFullSequence() {
        MultiLayerNetwork net = FusedSerializationTest.trained(conf(FusedInit.UNIFORM));
        FusedSerializationTest.assertRnnTimeStepMatchesFullSequence(net);
        assertEquals(Set.of("h"), net.rnnGetPreviousState(1).keySet());
        // the kept state is the layer's output y (1 value per series), not its 5 hidden units
        assertEquals(1, net.rnnGetPreviousState(1).get("h").size(1));
    }
}
