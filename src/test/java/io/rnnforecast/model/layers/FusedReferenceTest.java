package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Forward outputs equal torch.nn.LSTM / GRU / RNN (fixtures from bench/torch_reference.py, float64) and the
 * fused LSTM equals DL4J's own LSTM layer (outputs and parameter gradients) for the same weights.
 */
class FusedReferenceTest {

    static JsonNode fixture(String name) throws Exception {
        try (InputStream in = FusedReferenceTest.class.getResourceAsStream("/fixtures/rnn/" + name + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static double[][] mat(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < n.size(); i++) {
            m[i] = new double[n.get(i).size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = n.get(i).get(j).asDouble();
            }
        }
        return m;
    }

    static double[] vec(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    /** [B][T][F] JSON to an INDArray [B, F, T]. */
    static INDArray btfToBft(JsonNode n, DataType dt) {
        int b = n.size(), t = n.get(0).size(), f = n.get(0).get(0).size();
        INDArray a = Nd4j.create(DataType.DOUBLE, b, f, t);
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                for (int k = 0; k < f; k++) {
                    a.putScalar(new long[] {i, k, s}, n.get(i).get(s).get(k).asDouble());
                }
            }
        }
        return a.castTo(dt);
    }

    static FusedRecurrentLayer.Builder<?> builder(String cell) {
        switch (cell) {
            case "lstm":
                return new FusedLstm.Builder();
            case "gru":
                return new FusedGru.Builder();
            default:
                return new FusedSimpleRnn.Builder();
        }
    }

    static MultiLayerNetwork single(String cell, int nIn, int h, boolean seq, DataType dt) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(dt)
                .updater(new NoOp()).list()
                .layer(builder(cell).nIn(nIn).nOut(h).returnSequences(seq).build())
                .setInputType(InputType.recurrent(nIn)).build());
        net.init();
        return net;
    }

    /** Loads PyTorch weights into layer 0 of the net, following the layouts documented on the layer classes. */
    static void loadTorch(MultiLayerNetwork net, JsonNode fx) {
        loadTorch(net.getLayer(0), fx, "", "");
    }

    /**
     * Loads the fixture's weights named with {@code torchSuffix} ("" or a bidirectional layer's "_reverse") into
     * the layer's parameters named with {@code prefix} ("", or a bidirectional layer's "f" or "b").
     */
    static void loadTorch(org.deeplearning4j.nn.api.Layer layer, JsonNode fx, String torchSuffix, String prefix) {
        double[][] wih = mat(fx.get("weight_ih" + torchSuffix)), whh = mat(fx.get("weight_hh" + torchSuffix));
        double[] bih = vec(fx.get("bias_ih" + torchSuffix)), bhh = vec(fx.get("bias_hh" + torchSuffix));
        int h = fx.get("hidden").asInt();
        INDArray w = Nd4j.createFromArray(wih).transpose();
        INDArray rw = Nd4j.createFromArray(whh).transpose();
        double[] b;
        if ("gru".equals(fx.get("cell").asText())) {
            b = new double[4 * h];
            for (int k = 0; k < 2 * h; k++) {
                b[k] = bih[k] + bhh[k];
            }
            for (int k = 0; k < h; k++) {
                b[2 * h + k] = bih[2 * h + k];
                b[3 * h + k] = bhh[2 * h + k];
            }
        } else {
            b = new double[bih.length];
            for (int k = 0; k < b.length; k++) {
                b[k] = bih[k] + bhh[k];
            }
        }
        DataType dt = layer.getParam(prefix + "W").dataType();
        layer.setParam(prefix + "W", w.castTo(dt));
        layer.setParam(prefix + "RW", rw.castTo(dt));
        layer.setParam(prefix + "b", Nd4j.createFromArray(b).reshape(1, b.length).castTo(dt));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"lstm,FLOAT,1e-5", "lstm,DOUBLE,1e-12", "gru,FLOAT,1e-5", "gru,DOUBLE,1e-12", "rnn,FLOAT,1e-5",
        "rnn,DOUBLE,1e-12"})
    void fullSequenceEqualsTorch(String cell, String dtype, double tol) throws Exception {
        JsonNode fx = fixture(cell);
        DataType dt = DataType.valueOf(dtype);
        MultiLayerNetwork net = single(cell, fx.get("nIn").asInt(), fx.get("hidden").asInt(), true, dt);
        loadTorch(net, fx);
        INDArray out = net.output(btfToBft(fx.get("input"), dt)).castTo(DataType.DOUBLE);
        INDArray expected = btfToBft(fx.get("output"), DataType.DOUBLE);
        assertArrayEquals(expected, out, tol);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"lstm,FLOAT,1e-5", "lstm,DOUBLE,1e-12", "gru,FLOAT,1e-5", "gru,DOUBLE,1e-12", "rnn,FLOAT,1e-5",
        "rnn,DOUBLE,1e-12"})
    void maskedLastStepEqualsTorchPacked(String cell, String dtype, double tol) throws Exception {
        JsonNode fx = fixture(cell);
        DataType dt = DataType.valueOf(dtype);
        int b = fx.get("batch").asInt(), t = fx.get("steps").asInt();
        MultiLayerNetwork net = single(cell, fx.get("nIn").asInt(), fx.get("hidden").asInt(), false, dt);
        loadTorch(net, fx);
        INDArray mask = Nd4j.zeros(dt, b, t);
        for (int i = 0; i < b; i++) {
            int len = fx.get("lengths").get(i).asInt();
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, len)).assign(1);
        }
        INDArray out = net.output(btfToBft(fx.get("input"), dt), false, mask, null).castTo(DataType.DOUBLE);
        INDArray expected = Nd4j.createFromArray(mat(fx.get("last_hidden_packed")));
        assertArrayEquals(expected, out, tol);
    }

    static void assertArrayEquals(INDArray expected, INDArray actual, double tol) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
        double maxDiff = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(
                expected.sub(actual))).getDouble(0);
        assertTrue(maxDiff <= tol, "max abs difference " + maxDiff + " > " + tol);
    }

    /** Column block permutation: fused [i f g o] from DL4J [g f o i]. */
    static INDArray dl4jToFused(INDArray m, int h) {
        INDArray r = m.dup('c');
        int[] src = {3, 1, 0, 2};
        for (int blk = 0; blk < 4; blk++) {
            r.get(NDArrayIndex.all(), NDArrayIndex.interval(blk * h, (blk + 1) * h))
                    .assign(m.get(NDArrayIndex.all(), NDArrayIndex.interval(src[blk] * h, (src[blk] + 1) * h)));
        }
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT,2e-5,1e-4", "DOUBLE,1e-12,1e-10"})
    void lstmEqualsDl4jLstm(String dtype, double tolOut, double tolGrad) {
        DataType dt = DataType.valueOf(dtype);
        int nIn = 3, h = 6, b = 5, t = 9;
        Nd4j.getRandom().setSeed(7);
        MultiLayerNetwork dl4j = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(dt).seed(3)
                .updater(new NoOp()).list()
                .layer(new LSTM.Builder().nOut(h).activation(Activation.TANH).forgetGateBiasInit(0.7).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(2).build())
                .setInputType(InputType.recurrent(nIn)).build());
        dl4j.init();
        dl4j.getLayer(0).getParam("b").assign(Nd4j.rand(dt, 1, 4 * h).subi(0.5));
        MultiLayerNetwork fused = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(dt)
                .updater(new NoOp()).list()
                .layer(new FusedLstm.Builder().nOut(h).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(2).build())
                .setInputType(InputType.recurrent(nIn)).build());
        fused.init();
        fused.getLayer(0).setParam("W", dl4jToFused(dl4j.getLayer(0).getParam("W"), h));
        fused.getLayer(0).setParam("RW", dl4jToFused(dl4j.getLayer(0).getParam("RW"), h));
        fused.getLayer(0).setParam("b", dl4jToFused(dl4j.getLayer(0).getParam("b"), h));
        fused.getLayer(1).setParams(dl4j.getLayer(1).params().dup());

        INDArray x = Nd4j.rand(dt, b, nIn, t).subi(0.5).muli(3);
        INDArray y = Nd4j.rand(dt, b, 2, t);
        assertArrayEquals(dl4j.output(x).castTo(DataType.DOUBLE), fused.output(x).castTo(DataType.DOUBLE), tolOut);

        dl4j.setInput(x);
        dl4j.setLabels(y);
        dl4j.computeGradientAndScore();
        fused.setInput(x);
        fused.setLabels(y);
        fused.computeGradientAndScore();
        Gradient gd = dl4j.gradient(), gf = fused.gradient();
        for (String k : new String[] {"W", "RW", "b"}) {
            INDArray a = dl4jToFused(gd.getGradientFor("0_" + k), h).castTo(DataType.DOUBLE);
            INDArray c = gf.getGradientFor("0_" + k).castTo(DataType.DOUBLE);
            assertArrayEquals(a, c, tolGrad);
        }
        assertEquals(dl4j.score(), fused.score(), tolOut);
    }
}
