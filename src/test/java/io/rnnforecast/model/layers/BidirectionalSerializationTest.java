package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fused layers inside DL4J's Bidirectional: JSON round trip, ModelSerializer save/load (outputs and further
 * training identical), the parameter layout and names, output types, and rnnTimeStep refused.
 */
class BidirectionalSerializationTest {

    /** A bidirectional LSTM returning every step under a bidirectional GRU's final states, then Dense(1). */
    static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
                .layer(BidirectionalLayers.both(new FusedLstm.Builder().nOut(6).forgetGateBiasInit(2.0).build(),
                        false))
                .layer(BidirectionalLayers.both(new FusedGru.Builder().nOut(5).init(FusedInit.GLOROT_ORTHOGONAL)
                        .build(), true))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1)
                        .build())
                .setInputType(InputType.recurrent(1, 50)).build();
    }

    @Test
    void jsonRoundTripKeepsTheFusedLayersInsideTheWrapper() {
        MultiLayerConfiguration back = FusedSerializationTest.assertJsonRoundTrip(FusedSerializationTest.trained(
                conf()));
        Bidirectional lstm = (Bidirectional) back.getConf(0).getLayer();
        assertEquals(Bidirectional.Mode.CONCAT, lstm.getMode());
        assertEquals(2.0, ((FusedLstm) lstm.getFwd()).getForgetGateBiasInit(), 0);
        assertEquals(2.0, ((FusedLstm) lstm.getBwd()).getForgetGateBiasInit(), 0);
        Bidirectional gru = (Bidirectional) ((BidirectionalFinalStates) back.getConf(1).getLayer()).getUnderlying();
        assertEquals(FusedInit.GLOROT_ORTHOGONAL, ((FusedGru) gru.getBwd()).getInit());
        assertEquals(12, gru.getNIn());
    }

    @Test
    void modelSerializerRoundTrip(@TempDir Path dir) throws Exception {
        FusedSerializationTest.assertModelSerializerRoundTrip(FusedSerializationTest.trained(conf()), dir);
    }

    @Test
    void parametersAreTheWrappedLayersTwiceForwardFirst() {
        MultiLayerConfiguration c = conf();
        assertEquals(List.of(InputType.recurrent(12), InputType.feedForward(10), InputType.feedForward(1)),
                c.getLayerActivationTypes(InputType.recurrent(1, 50)));
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        assertEquals(List.of("0_fW", "0_fRW", "0_fb", "0_bW", "0_bRW", "0_bb", "1_fW", "1_fRW", "1_fb", "1_bW",
                "1_bRW", "1_bb", "2_W", "2_b"), List.copyOf(net.paramTable().keySet()));
        long oneLstm = 1 * 24 + 6 * 24 + 24;
        assertEquals(2 * oneLstm, net.getLayer(0).numParams());
        // views of the flat vector: the forward block first, then the backward one
        net.params().putScalar(0, 0.125);
        net.params().putScalar(oneLstm, -0.25);
        assertEquals(0.125, net.getLayer(0).getParam("fW").getDouble(0, 0), 0);
        assertEquals(-0.25, net.getLayer(0).getParam("bW").getDouble(0, 0), 0);
        // the forget-gate bias reaches both copies: b = [b_i, b_f, b_g, b_o]
        assertEquals(2.0, net.getLayer(0).getParam("fb").getDouble(0, 6), 0);
        assertEquals(2.0, net.getLayer(0).getParam("bb").getDouble(0, 11), 0);
    }

    @Test
    void rnnTimeStepIsRefused() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf());
        net.init();
        INDArray x = GeronData.generate(2, 1, DataType.FLOAT).getFeatures();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> net.rnnTimeStep(x));
        assertTrue(e.getMessage().contains("Cannot RnnTimeStep bidirectional layers"), e.getMessage());
        assertInstanceOf(org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer.class, net.getLayer(0));
    }
}
