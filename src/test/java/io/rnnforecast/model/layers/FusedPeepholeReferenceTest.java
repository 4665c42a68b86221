package io.rnnforecast.model.layers;

import static io.rnnforecast.model.layers.FusedLayerNormReferenceTest.check;
import static io.rnnforecast.model.layers.FusedReferenceTest.dl4jToFused;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fused peephole LSTM equals DL4J's GravesLSTM (tanh, sigmoid gates, peepholes) on the same weights: outputs,
 * parameter gradients (W, RW, b and the three peephole columns) and the score, float and double; and the masked
 * last step equals GravesLSTM (under LastTimeStep) run on each sequence cut at its length. The parameter mapping is the one documented
 * on {@link FusedPeepholeLstm}. (With leading padding the two differ by design: GravesLSTM zeroes the state at
 * masked steps, the fused layers carry it through.)
 */
class FusedPeepholeReferenceTest {

    static final int N_IN = 3, H = 6, B = 5, T = 9;

    static MultiLayerNetwork net(DataType dt, org.deeplearning4j.nn.conf.layers.Layer recurrent, boolean seq) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(dt).seed(3)
                .updater(new NoOp()).list()
                .layer(recurrent)
                .layer(seq ? new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nOut(2).build()
                        : new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(2).build())
                .setInputType(InputType.recurrent(N_IN)).build());
        net.init();
        return net;
    }

    /** A GravesLSTM net with random biases and peepholes large enough to matter, and the fused twin. */
    static MultiLayerNetwork[] pair(DataType dt, boolean seq) {
        Nd4j.getRandom().setSeed(11);
        GravesLSTM graves = new GravesLSTM.Builder().nOut(H).activation(Activation.TANH).build();
        MultiLayerNetwork g = net(dt, seq ? graves : new LastTimeStep(graves), seq);
        Layer gl = g.getLayer(0);
        gl.getParam("b").assign(Nd4j.rand(dt, 1, 4 * H).subi(0.5));
        gl.getParam("RW").get(NDArrayIndex.all(), NDArrayIndex.interval(4 * H, 4 * H + 3))
                .assign(Nd4j.rand(dt, H, 3).subi(0.5).muli(2));
        MultiLayerNetwork f = net(dt, new FusedPeepholeLstm.Builder().nOut(H).returnSequences(seq).build(), seq);
        Layer fl = f.getLayer(0);
        INDArray rw = gl.getParam("RW");
        fl.setParam("W", dl4jToFused(gl.getParam("W"), H));
        fl.setParam("RW", dl4jToFused(rw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4 * H)), H));
        fl.setParam("b", dl4jToFused(gl.getParam("b"), H));
        fl.setParam("pi", peephole(rw, 2));
        fl.setParam("pf", peephole(rw, 0));
        fl.setParam("po", peephole(rw, 1));
        f.getLayer(1).setParams(g.getLayer(1).params().dup());
        return new MultiLayerNetwork[] {g, f};
    }

    /** GravesLSTM's peephole column 4H + k (0 forget, 1 output, 2 input gate) as a [1, H] row. */
    static INDArray peephole(INDArray rw, int k) {
        return rw.get(NDArrayIndex.all(), NDArrayIndex.point(4 * H + k)).dup().reshape(1, H);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT,2e-5,1e-4", "DOUBLE,1e-12,1e-10"})
    void equalsGravesLstm(String dtype, double tolOut, double tolGrad) {
        DataType dt = DataType.valueOf(dtype);
        MultiLayerNetwork[] p = pair(dt, true);
        MultiLayerNetwork g = p[0], f = p[1];
        INDArray x = Nd4j.rand(dt, B, N_IN, T).subi(0.5).muli(3);
        INDArray y = Nd4j.rand(dt, B, 2, T);
        check(g.output(x), f.output(x), tolOut, dtype + " output vs GravesLSTM");

        for (MultiLayerNetwork n : p) {
            n.setInput(x);
            n.setLabels(y);
            n.computeGradientAndScore();
        }
        Gradient gg = g.gradient(), gf = f.gradient();
        INDArray grw = gg.getGradientFor("0_RW");
        check(dl4jToFused(gg.getGradientFor("0_W"), H), gf.getGradientFor("0_W"), tolGrad, dtype + " dW");
        check(dl4jToFused(grw.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 4 * H)), H),
                gf.getGradientFor("0_RW"), tolGrad, dtype + " dRW");
        check(dl4jToFused(gg.getGradientFor("0_b"), H), gf.getGradientFor("0_b"), tolGrad, dtype + " db");
        check(peephole(grw, 2), gf.getGradientFor("0_pi"), tolGrad, dtype + " dpi");
        check(peephole(grw, 0), gf.getGradientFor("0_pf"), tolGrad, dtype + " dpf");
        check(peephole(grw, 1), gf.getGradientFor("0_po"), tolGrad, dtype + " dpo");
        check(Nd4j.scalar(g.score()), Nd4j.scalar(f.score()), tolOut, dtype + " score");
    }

    /**
     * GravesLSTM's own masked path loses double precision (its masked last step differed from its unmasked run on
     * the truncated sequences by up to 1e-8, even for the unpadded row), so the fused masked last step is compared
     * with GravesLSTM on each sequence cut at its length, unmasked.
     */
    @Test
    void maskedLastStepEqualsGravesLstmOnTruncatedSequences() {
        MultiLayerNetwork[] p = pair(DataType.DOUBLE, false);
        INDArray x = Nd4j.rand(DataType.DOUBLE, B, N_IN, T).subi(0.5).muli(3);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, B, T);
        INDArray expected = Nd4j.create(DataType.DOUBLE, B, 2);
        for (int i = 0; i < B; i++) {
            int len = T - 2 * i;
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(len, T)).assign(0);
            expected.putRow(i, p[0].output(x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(),
                    NDArrayIndex.interval(0, len)).dup()).getRow(0));
        }
        check(expected, p[1].output(x, false, mask, null), 1e-12,
                "DOUBLE masked last step vs GravesLSTM+LastTimeStep on truncated sequences");
    }
}
