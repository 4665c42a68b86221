package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The 2x20 model on Géron series, fixed budget (same data, batches, Adam settings): the fused LSTM reaches a
 * validation MSE at least as good as DL4J's own LSTM from identical initial weights (same settings in the strict
 * sense), and, each with its own default initialisation, a mean validation MSE over two seeds at least as good.
 * Seed-to-seed spread is large (DL4J LSTM 0.004-0.013 here), hence the identical-start comparison.
 */
class FusedGeronTrainingTest {

    static final int H = 20, BATCH = 32, EPOCHS = 3;
    static final double LR = 5e-3;
    static final long[] SEEDS = {123, 1000};

    static NeuralNetConfiguration.ListBuilder base(long seed) {
        return new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT).updater(new Adam(LR)).list();
    }

    static MultiLayerNetwork dl4jNet(long seed) {
        MultiLayerNetwork n = new MultiLayerNetwork(base(seed)
                .layer(new LSTM.Builder().nOut(H).activation(Activation.TANH).build())
                .layer(new LastTimeStep(new LSTM.Builder().nOut(H).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1)
                        .build())
                .setInputType(InputType.recurrent(1, 50)).build());
        n.init();
        return n;
    }

    static MultiLayerNetwork fusedNet(long seed) {
        MultiLayerNetwork n = new MultiLayerNetwork(base(seed)
                .layer(new FusedLstm.Builder().nOut(H).returnSequences(true).build())
                .layer(new FusedLstm.Builder().nOut(H).returnSequences(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1)
                        .build())
                .setInputType(InputType.recurrent(1, 50)).build());
        n.init();
        return n;
    }

    static double trainAndValidate(MultiLayerNetwork net, List<DataSet> batches, DataSet val) {
        for (int e = 0; e < EPOCHS; e++) {
            for (DataSet d : batches) {
                net.fit(d);
            }
        }
        INDArray p = net.output(val.getFeatures());
        INDArray err = p.sub(val.getLabels());
        return err.mul(err).meanNumber().doubleValue();
    }

    @Test
    void fusedLstmTrainsAtLeastAsWellAsDl4jLstm() {
        DataSet train = GeronData.generate(2000, 42, DataType.FLOAT);
        DataSet val = GeronData.generate(500, 43, DataType.FLOAT);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i + BATCH <= train.numExamples(); i += BATCH) {
            batches.add(new DataSet(train.getFeatures().get(NDArrayIndex.interval(i, i + BATCH)).dup(),
                    train.getLabels().get(NDArrayIndex.interval(i, i + BATCH)).dup()));
        }
        double naive = val.getLabels().sub(val.getLabels().meanNumber()).norm2Number().doubleValue();
        naive = naive * naive / val.numExamples();

        double sumDl4j = 0, sumDefault = 0;
        for (long seed : SEEDS) {
            MultiLayerNetwork dl4j = dl4jNet(seed);
            MultiLayerNetwork fusedSame = fusedNet(seed);
            // identical initial weights: DL4J's gate blocks [g f o i] -> fused [i f g o]
            for (int l = 0; l < 2; l++) {
                for (String k : new String[] {"W", "RW", "b"}) {
                    INDArray src = l == 0 ? dl4j.getLayer(0).getParam(k)
                            : ((org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer) dl4j.getLayer(1))
                            .getUnderlying().getParam(k);
                    fusedSame.getLayer(l).setParam(k, FusedReferenceTest.dl4jToFused(src, H));
                }
            }
            fusedSame.getLayer(2).setParams(dl4j.getLayer(2).params().dup());
            MultiLayerNetwork fusedDefault = fusedNet(seed);

            long t0 = System.nanoTime();
            double mseDl4j = trainAndValidate(dl4j, batches, val);
            long t1 = System.nanoTime();
            double mseSame = trainAndValidate(fusedSame, batches, val);
            long t2 = System.nanoTime();
            double mseDefault = trainAndValidate(fusedDefault, batches, val);
            long t3 = System.nanoTime();
            System.out.printf("Geron 2x%d, %d epochs x %d samples, Adam %.0e, seed %d: naive MSE %.5f | DL4J LSTM "
                            + "%.5f (%.1f s) | fused LSTM same init %.5f (%.1f s) | fused LSTM default init %.5f "
                            + "(%.1f s)%n", H, EPOCHS, train.numExamples(), LR, seed, naive, mseDl4j,
                    (t1 - t0) / 1e9, mseSame, (t2 - t1) / 1e9, mseDefault, (t3 - t2) / 1e9);
            assertTrue(mseDl4j < naive, "DL4J LSTM did not learn");
            // same start and same arithmetic up to float rounding (fast tanh/sigmoid): 2% allowance for drift
            assertTrue(mseSame <= mseDl4j * 1.02, "fused (same init) " + mseSame + " vs DL4J " + mseDl4j);
            assertTrue(mseDefault < naive * 0.1, "fused (default init) did not learn: " + mseDefault);
            sumDl4j += mseDl4j;
            sumDefault += mseDefault;
        }
        // each with its own default initialisation (DL4J: Xavier; fused: PyTorch's uniform), averaged over seeds
        assertTrue(sumDefault <= sumDl4j, "fused default-init mean MSE " + sumDefault / SEEDS.length
                + " vs DL4J LSTM " + sumDl4j / SEEDS.length);
    }
}
