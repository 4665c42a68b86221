package io.rnnforecast.model;

import io.rnnforecast.store.ModelStore;
import io.rnnforecast.window.QuantileTargets;
import io.rnnforecast.window.WindowBlock;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The multi-quantile pinball loss: its score against a hand computation, its gradient against central finite
 * differences of its score (in double, identity and tanh activations, with a mask), and its place in a network's
 * configuration JSON, which the workers rebuild networks from.
 */
class MultiQuantileLossTest {
    private static final IActivation IDENTITY = Activation.IDENTITY.getActivationFunction();

    private static INDArray matrix(double[][] v) {
        return Nd4j.create(v).castTo(DataType.DOUBLE);
    }

    /**
     * Levels 0.1 and 0.9, horizon 2: outputs (step 1 @ 0.1, step 1 @ 0.9, step 2 @ 0.1, step 2 @ 0.9); labels each
     * step's target repeated. Row 0: y = (1, 2), y_hat = (0.5, 1.5; 2.5, 1.0): e = 0.5, -0.5, -0.5, 1 give
     * 0.1 * 0.5 = 0.05, 0.1 * 0.5 = 0.05, 0.9 * 0.5 = 0.45, 0.9 * 1 = 0.9: mean 1.45 / 4 = 0.3625. Row 1:
     * y = (0, -1), y_hat = (0, -2; -1, 3): e = 0, 2, 0, -4 give 0, 0.9 * 2 = 1.8, 0, 0.1 * 4 = 0.4: mean 0.55.
     */
    @Test
    void theScoreIsTheMeanPinballLossOverStepsAndQuantiles() {
        MultiQuantileLoss loss = new MultiQuantileLoss(new double[] {0.1, 0.9});
        INDArray labels = matrix(new double[][] {{1, 1, 2, 2}, {0, 0, -1, -1}});
        INDArray out = matrix(new double[][] {{0.5, 1.5, 2.5, 1.0}, {0, -2, -1, 3}});
        assertArrayEquals(new double[] {0.3625, 0.55},
                loss.computeScoreArray(labels, out, IDENTITY, null).ravel().toDoubleVector(), 1e-12);
        assertEquals((0.3625 + 0.55) / 2, loss.computeScore(labels, out, IDENTITY, null, true), 1e-12);
        assertEquals(0.3625 + 0.55, loss.computeScore(labels, out, IDENTITY, null, false), 1e-12);
        // a per-example mask drops row 1
        INDArray mask = matrix(new double[][] {{1}, {0}});
        assertEquals(0.3625, loss.computeScore(labels, out, IDENTITY, mask, false), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 0}, loss.computeGradient(labels, out, IDENTITY, mask)
                .getRow(1).toDoubleVector(), 0.0);
        // the subgradient by hand, row 0: y_hat above y -> (1 - q) / n, below -> -q / n
        assertArrayEquals(new double[] {-0.1 / 4, 0.1 / 4, 0.9 / 4, -0.9 / 4},
                loss.computeGradient(labels, out, IDENTITY, null).getRow(0).toDoubleVector(), 1e-12);
        assertEquals(MultiQuantileLoss.pinball(0.9, 2, -2), 3.6, 1e-12);
    }

    @Test
    void theGradientIsTheScoresFiniteDifference() {
        for (IActivation activation : List.of(IDENTITY, Activation.TANH.getActivationFunction())) {
            for (boolean masked : new boolean[] {false, true}) {
                checkGradient(activation, masked);
            }
        }
    }

    private static void checkGradient(IActivation activation, boolean masked) {
        double[] levels = {0.05, 0.5, 0.8};
        int b = 5;
        int horizon = 3;
        int n = horizon * levels.length;
        Random random = new Random(7);
        double[][] y = new double[b][n];
        double[][] z = new double[b][n];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < horizon; k++) {
                double target = random.nextGaussian() * 0.5;
                for (int q = 0; q < levels.length; q++) {
                    y[i][k * levels.length + q] = target;
                }
            }
            for (int j = 0; j < n; j++) {
                double v;
                do {
                    v = random.nextGaussian() * 0.5;
                } while (Math.abs(activation.getActivation(matrix(new double[][] {{v}}), false).getDouble(0)
                        - y[i][j]) < 1e-3); // away from the kink, where the derivative jumps
                z[i][j] = v;
            }
        }
        INDArray labels = matrix(y);
        INDArray pre = matrix(z);
        INDArray mask = masked ? matrix(new double[][] {{1}, {0}, {1}, {1}, {0}}) : null;
        MultiQuantileLoss loss = new MultiQuantileLoss(levels);
        INDArray gradient = loss.computeGradient(labels, pre, activation, mask);
        var both = loss.computeGradientAndScore(labels, pre, activation, mask, false);
        assertEquals(loss.computeScore(labels, pre, activation, mask, false), both.getFirst(), 1e-15);
        assertArrayEquals(gradient.ravel().toDoubleVector(), both.getSecond().ravel().toDoubleVector(), 0.0);
        double eps = 1e-6;
        double worst = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < n; j++) {
                INDArray plus = pre.dup();
                plus.putScalar(i, j, z[i][j] + eps);
                INDArray minus = pre.dup();
                minus.putScalar(i, j, z[i][j] - eps);
                double numeric = (loss.computeScore(labels, plus, activation, mask, false)
                        - loss.computeScore(labels, minus, activation, mask, false)) / (2 * eps);
                double analytic = gradient.getDouble(i, j);
                worst = Math.max(worst, Math.abs(numeric - analytic));
                assertEquals(numeric, analytic, 1e-7, activation + " masked " + masked + " at " + i + ", " + j);
            }
        }
        assertTrue(worst < 1e-7, "worst difference " + worst);
    }

    @Test
    void refusesOutputsThatAreNotHorizonTimesQuantilesAndLabelsOfAnotherShape() {
        MultiQuantileLoss loss = new MultiQuantileLoss(new double[] {0.1, 0.5, 0.9});
        INDArray four = matrix(new double[][] {{0, 0, 0, 0}});
        assertThrows(IllegalArgumentException.class, () -> loss.computeScore(four, four, IDENTITY, null, true));
        INDArray six = matrix(new double[][] {{0, 0, 0, 0, 0, 0}});
        INDArray two = matrix(new double[][] {{0, 0}});
        assertThrows(IllegalArgumentException.class, () -> loss.computeScore(two, six, IDENTITY, null, true));
        assertThrows(IllegalArgumentException.class, () -> new MultiQuantileLoss(new double[] {0.5, 1.0}));
    }

    private static ModelSpec quantileSpec() {
        return ModelSpec.builder().cell(ModelSpec.Cell.LSTM).stack(1, 6).window(10, 4).quantiles(0.9, 0.1, 0.5)
                .build();
    }

    /**
     * The network of a quantile model: horizon x Q outputs scored by the pinball loss; its configuration JSON
     * names the loss by class with its levels and reads back equal, and a network rebuilt from it (as the workers
     * do) or from the saved bytes scores and forecasts the same.
     */
    @Test
    void theLossTravelsInTheConfigurationJson() {
        ModelSpec spec = quantileSpec();
        assertEquals(List.of(0.1, 0.5, 0.9), spec.quantiles(), "kept ascending");
        assertEquals(12, spec.outputSize());
        MultiLayerNetwork net = NetworkFactory.build(spec);
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        String json = conf.toJson();
        assertTrue(json.contains("io.rnnforecast.model.MultiQuantileLoss"), json);
        assertTrue(json.contains("\"quantiles\" : [ 0.1, 0.5, 0.9 ]"), json);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        BaseOutputLayer top = (BaseOutputLayer) back.getConf(back.getConfs().size() - 1).getLayer();
        assertInstanceOf(MultiQuantileLoss.class, top.getLossFn());
        assertArrayEquals(new double[] {0.1, 0.5, 0.9}, ((MultiQuantileLoss) top.getLossFn()).quantiles(), 0.0);
        assertEquals(12, top.getNOut());

        // one minibatch of 3 windows with labels repeated per quantile
        Random random = new Random(3);
        float[] x = new float[3 * 10];
        float[] y = new float[3 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextGaussian();
        }
        DataSet batch = new WindowBlock(3, 10, 4, x, y).rows(0, 3, spec.labels());
        assertInstanceOf(QuantileTargets.class, spec.labels());
        assertArrayEquals(new long[] {3, 12}, batch.getLabels().shape());
        net.fit(batch);
        MultiLayerNetwork rebuilt = new MultiLayerNetwork(back);
        rebuilt.init(net.params().dup(), true);
        MultiLayerNetwork loaded = ModelStore.fromBytes(ModelStore.toBytes(net, false));
        INDArray expected = net.output(batch.getFeatures());
        assertEquals(expected, rebuilt.output(batch.getFeatures()));
        assertEquals(expected, loaded.output(batch.getFeatures()));
        assertEquals(net.score(batch), rebuilt.score(batch), 1e-7);
        // the network's score is the loss of its output computed here
        INDArray out = expected.castTo(DataType.DOUBLE);
        double[][] o = out.toDoubleMatrix();
        double[][] labels = batch.getLabels().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] levels = {0.1, 0.5, 0.9};
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 12; j++) {
                sum += MultiQuantileLoss.pinball(levels[j % 3], labels[i][j], o[i][j]);
            }
        }
        assertEquals(sum / (3 * 12), net.score(batch), 1e-5);
    }

    @Test
    void aFewStepsOfAdamLowerThePinballLoss() {
        ModelSpec spec = quantileSpec().toBuilder().learningRate(0.01).build();
        MultiLayerNetwork net = NetworkFactory.build(spec);
        Random random = new Random(5);
        int b = 64;
        float[] x = new float[b * 10];
        float[] y = new float[b * 4];
        for (int i = 0; i < b; i++) {
            double level = random.nextGaussian();
            for (int t = 0; t < 10; t++) {
                x[i * 10 + t] = (float) (level + 0.1 * random.nextGaussian());
            }
            for (int k = 0; k < 4; k++) {
                y[i * 4 + k] = (float) (level + 0.3 * random.nextGaussian());
            }
        }
        DataSet batch = new WindowBlock(b, 10, 4, x, y).rows(0, b, spec.labels());
        double before = net.score(batch);
        for (int i = 0; i < 200; i++) {
            net.fit(batch);
        }
        assertTrue(net.score(batch) < 0.5 * before, before + " -> " + net.score(batch));
    }

    /** A recurrent output layer and the Jordan layer (whose output is fed back) give horizon x Q values too. */
    @Test
    void recurrentAndJordanOutputsHaveHorizonTimesQuantilesValues() {
        List<ModelSpec> specs = List.of(
                ModelSpec.builder().cell(ModelSpec.Cell.SIMPLE_RNN).units(6).output(ModelSpec.Output.RECURRENT)
                        .window(10, 4).quantiles(0.1, 0.9).build(),
                ModelSpec.builder().cell(ModelSpec.Cell.JORDAN).units(6, 5).window(10, 4).quantiles(0.1, 0.9)
                        .build());
        Random random = new Random(9);
        float[] x = new float[8 * 10];
        float[] y = new float[8 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 0.3f;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextGaussian() * 0.3f;
        }
        for (ModelSpec spec : specs) {
            MultiLayerNetwork net = NetworkFactory.build(spec);
            DataSet batch = new WindowBlock(8, 10, 4, x, y).rows(0, 8, spec.labels());
            double before = net.score(batch);
            for (int i = 0; i < 50; i++) {
                net.fit(batch);
            }
            assertArrayEquals(new long[] {8, 8}, net.output(batch.getFeatures()).shape(), spec.displayName());
            assertTrue(net.score(batch) < before, spec.displayName() + ": " + before + " -> " + net.score(batch));
            MultiLayerNetwork back = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(
                    net.getLayerWiseConfigurations().toJson()));
            back.init(net.params().dup(), true);
            assertEquals(net.output(batch.getFeatures()), back.output(batch.getFeatures()), spec.displayName());
        }
    }
}
