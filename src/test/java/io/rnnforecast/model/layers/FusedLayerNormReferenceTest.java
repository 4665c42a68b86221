package io.rnnforecast.model.layers;

import static io.rnnforecast.model.layers.FusedReferenceTest.btfToBft;
import static io.rnnforecast.model.layers.FusedReferenceTest.fixture;
import static io.rnnforecast.model.layers.FusedReferenceTest.mat;
import static io.rnnforecast.model.layers.FusedReferenceTest.vec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The fused layer-normalised simple RNN equals PyTorch's written-out LNSimpleRNNCell (nn.RNNCell's weights,
 * nn.LayerNorm(eps=1e-3), tanh; fixture from bench/torch_reference_lnrnn.py, float64): outputs, every parameter
 * gradient and the input gradient, and the masked last step.
 */
class FusedLayerNormReferenceTest {

    static MultiLayerNetwork net(JsonNode fx, boolean seq, DataType dt) {
        int nIn = fx.get("nIn").asInt(), h = fx.get("hidden").asInt();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(dt)
                .updater(new NoOp()).list()
                .layer(new FusedLayerNormSimpleRnn.Builder().nIn(nIn).nOut(h).returnSequences(seq)
                        .epsilon(fx.get("epsilon").asDouble()).build())
                .setInputType(InputType.recurrent(nIn)).build());
        net.init();
        Layer l = net.getLayer(0);
        double[] bih = vec(fx.get("bias_ih")), bhh = vec(fx.get("bias_hh")), b = new double[bih.length];
        for (int k = 0; k < b.length; k++) {
            b[k] = bih[k] + bhh[k];
        }
        l.setParam("W", Nd4j.createFromArray(mat(fx.get("weight_ih"))).transpose().castTo(dt));
        l.setParam("RW", Nd4j.createFromArray(mat(fx.get("weight_hh"))).transpose().castTo(dt));
        l.setParam("b", row(b, dt));
        l.setParam("gamma", row(vec(fx.get("gamma")), dt));
        l.setParam("beta", row(vec(fx.get("beta")), dt));
        return net;
    }

    static INDArray row(double[] v, DataType dt) {
        return Nd4j.createFromArray(v).reshape(1, v.length).castTo(dt);
    }

    /** Max abs difference, asserted below tol; returned for the report. */
    static double check(INDArray expected, INDArray actual, double tol, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        double d = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        System.out.printf("%s: max abs diff %.3g%n", what, d);
        assertTrue(d <= tol, what + ": max abs difference " + d + " > " + tol);
        return d;
    }

    /**
     * One training-mode forward and backward of the network's only layer for the given upstream gradient: the
     * parameter gradients and the input gradient.
     */
    static Pair<Gradient, INDArray> backprop(MultiLayerNetwork net, INDArray x, INDArray upstream) {
        net.initGradientsView(); // done lazily by fit(); backpropGradient below writes into it
        Layer l = net.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        l.setInput(x, mgr);
        l.activate(true, mgr);
        return l.backpropGradient(upstream, mgr);
    }

    /**
     * The sequence output equals the fixture's "output", and the gradients of sum(output * upstream) equal its
     * gradients: {@code "param=fixtureKey"} pairs (a matrix fixture is PyTorch's [out, in] weight, transposed to
     * this layout; a vector one a [1, n] row), then the input gradient ("grad_input").
     */
    static void checkOutputAndGradients(JsonNode fx, MultiLayerNetwork sequenceNet, DataType dt, double tolOut,
                                        double tolGrad, String... gradients) {
        INDArray x = btfToBft(fx.get("input"), dt);
        check(btfToBft(fx.get("output"), DataType.DOUBLE), sequenceNet.output(x), tolOut, dt + " output");
        Pair<Gradient, INDArray> g = backprop(sequenceNet, x, btfToBft(fx.get("upstream"), dt));
        for (String pair : gradients) {
            String[] kv = pair.split("=", 2);
            JsonNode expected = fx.get(kv[1]);
            INDArray e = expected.get(0).isArray() ? Nd4j.createFromArray(mat(expected)).transpose()
                    : row(vec(expected), DataType.DOUBLE);
            check(e, g.getFirst().getGradientFor(kv[0]), tolGrad, dt + " d" + kv[0]);
        }
        check(btfToBft(fx.get("grad_input"), DataType.DOUBLE), g.getSecond(), tolGrad, dt + " dInput");
    }

    /** The last-step output of each sequence masked after its fixture length equals the fixture's {@code key}. */
    static void checkMaskedLastStep(JsonNode fx, MultiLayerNetwork lastStepNet, DataType dt, String key, double tol) {
        int b = fx.get("batch").asInt(), t = fx.get("steps").asInt();
        INDArray mask = Nd4j.zeros(dt, b, t);
        for (int i = 0; i < b; i++) {
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, fx.get("lengths").get(i).asInt())).assign(1);
        }
        INDArray out = lastStepNet.output(btfToBft(fx.get("input"), dt), false, mask, null);
        check(Nd4j.createFromArray(mat(fx.get(key))), out, tol, dt + " masked last step");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT,2e-5,1e-4", "DOUBLE,1e-12,1e-11"})
    void outputsAndGradientsEqualTorch(String dtype, double tolOut, double tolGrad) throws Exception {
        JsonNode fx = fixture("lnrnn");
        DataType dt = DataType.valueOf(dtype);
        checkOutputAndGradients(fx, net(fx, true, dt), dt, tolOut, tolGrad, "W=grad_weight_ih", "RW=grad_weight_hh",
                "b=grad_bias", "gamma=grad_gamma", "beta=grad_beta");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT,2e-5", "DOUBLE,1e-12"})
    void maskedLastStepEqualsTorch(String dtype, double tol) throws Exception {
        JsonNode fx = fixture("lnrnn");
        DataType dt = DataType.valueOf(dtype);
        checkMaskedLastStep(fx, net(fx, false, dt), dt, "last_hidden_packed", tol);
    }
}
