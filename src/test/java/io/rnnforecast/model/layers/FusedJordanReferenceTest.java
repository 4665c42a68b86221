package io.rnnforecast.model.layers;

import static io.rnnforecast.model.layers.FusedLayerNormReferenceTest.check;
import static io.rnnforecast.model.layers.FusedLayerNormReferenceTest.checkMaskedLastStep;
import static io.rnnforecast.model.layers.FusedLayerNormReferenceTest.checkOutputAndGradients;
import static io.rnnforecast.model.layers.FusedLayerNormReferenceTest.row;
import static io.rnnforecast.model.layers.FusedReferenceTest.btfToBft;
import static io.rnnforecast.model.layers.FusedReferenceTest.fixture;
import static io.rnnforecast.model.layers.FusedReferenceTest.mat;
import static io.rnnforecast.model.layers.FusedReferenceTest.vec;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The fused Jordan layer equals an independent PyTorch loop (three nn.Linear, y fed back, autograd through it;
 * fixture from bench/torch_reference_jordan.py, float64): the output sequence, every parameter gradient and the
 * input gradient, the masked last step, and stepping it with rnnTimeStep in two pieces.
 */
class FusedJordanReferenceTest {

    static MultiLayerNetwork net(JsonNode fx, boolean seq, DataType dt) {
        int nIn = fx.get("nIn").asInt(), hidden = fx.get("hidden").asInt(), nOut = fx.get("nOut").asInt();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(dt)
                .updater(new NoOp()).list()
                .layer(new FusedJordan.Builder().hidden(hidden).nIn(nIn).nOut(nOut).returnSequences(seq).build())
                .setInputType(InputType.recurrent(nIn)).build());
        net.init();
        Layer l = net.getLayer(0);
        double[] wb = vec(fx.get("w_bias")), ub = vec(fx.get("u_bias")), b = new double[wb.length];
        for (int k = 0; k < b.length; k++) {
            b[k] = wb[k] + ub[k];
        }
        l.setParam("W", Nd4j.createFromArray(mat(fx.get("w_weight"))).transpose().castTo(dt));
        l.setParam("RW", Nd4j.createFromArray(mat(fx.get("u_weight"))).transpose().castTo(dt));
        l.setParam("b", row(b, dt));
        l.setParam("V", Nd4j.createFromArray(mat(fx.get("v_weight"))).transpose().castTo(dt));
        l.setParam("c", row(vec(fx.get("v_bias")), dt));
        return net;
    }

    // float: the kernel's rational tanh (abs. error < 1e-6) and float sums over 7 steps whose outputs reach 2.5
    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT,2e-5,1e-4", "DOUBLE,1e-12,1e-11"})
    void outputsAndGradientsEqualTorch(String dtype, double tolOut, double tolGrad) throws Exception {
        JsonNode fx = fixture("jordan");
        DataType dt = DataType.valueOf(dtype);
        checkOutputAndGradients(fx, net(fx, true, dt), dt, tolOut, tolGrad, "W=grad_w_weight", "RW=grad_u_weight",
                "b=grad_bias", "V=grad_v_weight", "c=grad_v_bias");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT,2e-5", "DOUBLE,1e-12"})
    void maskedLastStepEqualsTorch(String dtype, double tol) throws Exception {
        JsonNode fx = fixture("jordan");
        DataType dt = DataType.valueOf(dtype);
        checkMaskedLastStep(fx, net(fx, false, dt), dt, "last_output_packed", tol);
    }

    /** The state rnnTimeStep keeps is the fed-back y: 4 steps, then 3 more, give the whole sequence's outputs. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT,2e-5", "DOUBLE,1e-12"})
    void rnnTimeStepInTwoPiecesEqualsTorch(String dtype, double tol) throws Exception {
        JsonNode fx = fixture("jordan");
        DataType dt = DataType.valueOf(dtype);
        MultiLayerNetwork net = net(fx, true, dt);
        INDArray x = btfToBft(fx.get("input"), dt);
        INDArray first = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, 4)));
        INDArray rest = net.rnnTimeStep(x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(4, 7)));
        check(btfToBft(fx.get("output"), DataType.DOUBLE), Nd4j.concat(2, first, rest), tol,
                dtype + " rnnTimeStep 4 + 3");
    }
}
