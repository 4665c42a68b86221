package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The layer-norm simple RNN and the peephole LSTM: parameter layout and initial values, JSON configuration and
 * ModelSerializer round trips (training continues identically), stateful inference.
 */
class FusedNewCellsSerializationTest {

    static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
                .layer(new FusedLayerNormSimpleRnn.Builder().nOut(6).epsilon(1e-4).init(FusedInit.GLOROT_ORTHOGONAL)
                        .build())
                .layer(new FusedPeepholeLstm.Builder().nOut(5).forgetGateBiasInit(2.0).returnSequences(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1)
                        .build())
                .setInputType(InputType.recurrent(1, 50)).build();
    }

    static MultiLayerNetwork trained() {
        return FusedSerializationTest.trained(conf());
    }

    @Test
    void parameterLayoutAndInitialValues() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf());
        net.init();
        FusedLayerNormSimpleRnn ln = (FusedLayerNormSimpleRnn) net.getLayer(0).conf().getLayer();
        FusedPeepholeLstm pl = (FusedPeepholeLstm) net.getLayer(1).conf().getLayer();
        ParamInitializer pi = ln.initializer();
        assertEquals(List.of("W", "RW", "b", "gamma", "beta"), pi.paramKeys(ln));
        assertEquals(List.of("W", "RW", "b", "pi", "pf", "po"), pi.paramKeys(pl));
        assertEquals(List.of("W", "RW", "pi", "pf", "po"), pi.weightKeys(pl));
        assertFalse(pi.isWeightParam(ln, "gamma") || pi.isBiasParam(ln, "gamma"), "gamma is not regularised");
        assertEquals(1 * 6 + 6 * 6 + 6 + 2 * 6, net.getLayer(0).numParams());
        assertEquals(6 * 20 + 5 * 20 + 20 + 3 * 5, net.getLayer(1).numParams());
        assertEquals(6.0, net.getLayer(0).getParam("gamma").sumNumber().doubleValue(), 0);
        assertEquals(0.0, net.getLayer(0).getParam("beta").amaxNumber().doubleValue(), 0);
        assertEquals(0.0, net.getLayer(0).getParam("b").amaxNumber().doubleValue(), 0); // Keras: zero biases
        INDArray b = net.getLayer(1).getParam("b");
        assertEquals(2.0, b.getDouble(0, 5), 0);
        assertEquals(2.0, b.getDouble(0, 9), 0);
        double lim = 1 / Math.sqrt(5);
        INDArray peep = Nd4j.concat(1, net.getLayer(1).getParam("pi"), net.getLayer(1).getParam("pf"),
                net.getLayer(1).getParam("po"));
        assertTrue(peep.amaxNumber().doubleValue() <= lim && peep.amaxNumber().doubleValue() > 0, peep.toString());
        assertEquals(CellType.PEEPHOLE_LSTM, pl.cellType());
        assertEquals(1e-4, ln.layerNormEpsilon(), 0);
        assertThrows(IllegalArgumentException.class, () -> new FusedLayerNormSimpleRnn.Builder().epsilon(0));
        // views write through to the flat parameter vector
        long gammaAt = 6 + 36 + 6;
        net.params().putScalar(gammaAt, 0.25);
        assertEquals(0.25, net.getLayer(0).getParam("gamma").getDouble(0, 0), 0);
    }

    @Test
    void jsonRoundTrip() {
        MultiLayerConfiguration back = FusedSerializationTest.assertJsonRoundTrip(trained());
        assertEquals(1e-4, ((FusedLayerNormSimpleRnn) back.getConf(0).getLayer()).getEpsilon(), 0);
        assertEquals(2.0, ((FusedPeepholeLstm) back.getConf(1).getLayer()).getForgetGateBiasInit(), 0);
    }

    @Test
    void modelSerializerRoundTrip(@TempDir Path dir) throws Exception {
        FusedSerializationTest.assertModelSerializerRoundTrip(trained(), dir);
    }

    @Test
    void rnnTimeStepMatchesFullSequence() {
        MultiLayerNetwork net = trained();
        FusedSerializationTest.assertRnnTimeStepMatchesFullSequence(net);
        assertEquals(java.util.Set.of("h"), net.rnnGetPreviousState(0).keySet());
        assertEquals(java.util.Set.of("h", "c"), net.rnnGetPreviousState(1).keySet());
    }
}
