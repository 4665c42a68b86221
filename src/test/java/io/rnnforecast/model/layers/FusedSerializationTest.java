package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** JSON configuration round trip, ModelSerializer save/load, output types, parameter views, error messages. */
class FusedSerializationTest {

    static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.FLOAT).updater(new Adam(1e-2)).list()
                .layer(new FusedLstm.Builder().nOut(8).returnSequences(true).forgetGateBiasInit(2.0).build())
                .layer(new FusedGru.Builder().nOut(7).returnSequences(true).init(FusedInit.GLOROT_ORTHOGONAL).build())
                .layer(new FusedSimpleRnn.Builder().nOut(6).returnSequences(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1)
                        .build())
                .setInputType(InputType.recurrent(1, 50)).build();
    }

    static MultiLayerNetwork trained() {
        return trained(conf());
    }

    /** A network of the configuration after 3 fits on 64 Géron series. */
    static MultiLayerNetwork trained(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet d = GeronData.generate(64, 5, DataType.FLOAT);
        for (int i = 0; i < 3; i++) {
            net.fit(d);
        }
        return net;
    }

    @Test
    void outputTypesAndShapes() {
        MultiLayerConfiguration c = conf();
        java.util.List<InputType> types = c.getLayerActivationTypes(InputType.recurrent(1, 50));
        assertEquals(InputType.recurrent(8, 50), types.get(0));
        assertEquals(InputType.recurrent(7, 50), types.get(1));
        assertEquals(InputType.feedForward(6), types.get(2));
        assertEquals(InputType.feedForward(6), ((FusedSimpleRnn) c.getConf(2).getLayer())
                .getOutputType(2, InputType.recurrent(7, 50)));
        assertEquals(8, ((FusedLstm) c.getConf(0).getLayer()).getNOut());
        assertEquals(8, ((FusedGru) c.getConf(1).getLayer()).getNIn());
        assertEquals(null, c.getInputPreProcess(3)); // last-step output feeds the dense output layer directly
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        INDArray x = GeronData.generate(5, 1, DataType.FLOAT).getFeatures();
        assertArrayEquals(new long[] {5, 1}, net.output(x).shape());
        assertArrayEquals(new long[] {5, 8, 50}, net.feedForward(x).get(1).shape());
        // parameter counts: W + RW + b
        assertEquals(1 * 32 + 8 * 32 + 32, net.getLayer(0).numParams());
        assertEquals(8 * 21 + 7 * 21 + 28, net.getLayer(1).numParams());
        assertEquals(7 * 6 + 6 * 6 + 6, net.getLayer(2).numParams());
        // forget-gate bias initialised, views write through to the flat parameter vector
        INDArray b = net.getLayer(0).getParam("b");
        assertEquals(2.0, b.getDouble(0, 8), 0);
        assertEquals(2.0, b.getDouble(0, 15), 0);
        net.params().putScalar(0, 0.125);
        assertEquals(0.125, net.getLayer(0).getParam("W").getDouble(0, 0), 0);
        // orthogonal recurrent rows
        INDArray rw = net.getLayer(1).getParam("RW").castTo(DataType.DOUBLE);
        INDArray gram = rw.mmul(rw.transpose());
        assertTrue(gram.sub(Nd4j.eye(7)).amaxNumber().doubleValue() < 1e-5);
    }

    /**
     * The configuration's JSON reads back equal and writes the same JSON; a network built from it with the same
     * parameters gives the same outputs. Returns the configuration read back.
     */
    static MultiLayerConfiguration assertJsonRoundTrip(MultiLayerNetwork net) {
        String json = net.getLayerWiseConfigurations().toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(net.getLayerWiseConfigurations(), back);
        assertEquals(json, back.toJson());
        MultiLayerNetwork net2 = new MultiLayerNetwork(back);
        net2.init(net.params().dup(), false);
        INDArray x = GeronData.generate(16, 9, DataType.FLOAT).getFeatures();
        assertArrayEquals(net.output(x).toFloatVector(), net2.output(x).toFloatVector());
        return back;
    }

    /** Saved with its updater and restored, the network gives the same outputs and trains on identically. */
    static void assertModelSerializerRoundTrip(MultiLayerNetwork net, Path dir) throws Exception {
        File f = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        INDArray x = GeronData.generate(16, 9, DataType.FLOAT).getFeatures();
        assertArrayEquals(net.output(x).toFloatVector(), back.output(x).toFloatVector());
        // training continues identically (updater state restored)
        DataSet d = GeronData.generate(32, 6, DataType.FLOAT);
        net.fit(d);
        back.fit(d);
        assertArrayEquals(net.params().toFloatVector(), back.params().toFloatVector());
    }

    @Test
    void jsonRoundTrip() {
        MultiLayerConfiguration back = assertJsonRoundTrip(trained());
        assertEquals(2.0, ((FusedLstm) back.getConf(0).getLayer()).getForgetGateBiasInit(), 0);
        assertEquals(FusedInit.GLOROT_ORTHOGONAL, ((FusedGru) back.getConf(1).getLayer()).getInit());
    }

    @Test
    void modelSerializerRoundTrip(@TempDir Path dir) throws Exception {
        assertModelSerializerRoundTrip(trained(), dir);
    }

    @Test
    void stackedMaskedTrainingRuns() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf());
        net.init();
        DataSet d = GeronData.generate(8, 3, DataType.FLOAT);
        INDArray mask = Nd4j.ones(DataType.FLOAT, 8, 50);
        mask.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 20)).assign(0);
        d.setFeaturesMaskArray(mask);
        double before = net.score(d);
        for (int i = 0; i < 20; i++) {
            net.fit(d);
        }
        assertTrue(net.score(d) < before);
    }

    @Test
    void rnnTimeStepMatchesFullSequence() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).list()
                .layer(new FusedLstm.Builder().nOut(5).build())
                .layer(new FusedGru.Builder().nOut(4).returnSequences(false).build())
                .setInputType(InputType.recurrent(1, 50)).build());
        net.init();
        assertRnnTimeStepMatchesFullSequence(net);
        Map<String, INDArray> st = net.rnnGetPreviousState(0);
        assertTrue(st.containsKey("h") && st.containsKey("c"));
    }

    /** Feeding 3 Géron series in 5 chunks of 10 steps through rnnTimeStep ends where one full pass ends. */
    static void assertRnnTimeStepMatchesFullSequence(MultiLayerNetwork net) {
        INDArray x = GeronData.generate(3, 2, DataType.FLOAT).getFeatures();
        INDArray full = net.output(x);
        net.rnnClearPreviousState();
        INDArray out = null;
        for (int s = 0; s < 5; s++) {
            out = net.rnnTimeStep(x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(s * 10, s * 10 + 10)).dup());
        }
        float[] a = full.dup().data().asFloat(), c = out.dup().data().asFloat();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], c[i], 1e-5);
        }
    }

    @Test
    void clearErrors() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(new FusedGru.Builder().nIn(2).nOut(3).build()).build());
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.output(Nd4j.rand(DataType.FLOAT, 4, 3, 5)));
        assertTrue(e.getMessage().contains("expected 2 input features"), e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> net.output(Nd4j.rand(DataType.FLOAT, 4, 2, 5), false, Nd4j.ones(DataType.FLOAT, 4, 6), null));
        assertTrue(m.getMessage().contains("feature mask"), m.getMessage());
    }
}
