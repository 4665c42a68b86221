package io.rnnforecast.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network with a lookback of L steps on windows of T is the network built for windows of L applied to each
 * window's last L steps: same parameters from the same seed, same forecasts, same training steps (so the dropped
 * steps get no gradient), masks cropped with the input.
 */
class LastStepsTest {
    private static final int T = 12;
    private static final int L = 5;
    private static final int H = 3;
    private static final int B = 16;

    private static ModelSpec spec(int input, int lookback) {
        return ModelSpec.builder().cell(ModelSpec.Cell.LSTM).units(6, 4).window(input, H).lookback(lookback)
                .learningRate(0.01).seed(7).build();
    }

    private static INDArray last(INDArray features) {
        return features.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(T - L, T)).dup('c');
    }

    private static DataSet batch(boolean padded) {
        Random random = new Random(3);
        float[] x = new float[B * T];
        float[] y = new float[B * H];
        float[] mask = new float[B * T];
        for (int i = 0; i < B; i++) {
            // with padding: window i has its first i % 8 steps padded (zeros, masked out), up to 7 of 12
            int pad = padded ? i % 8 : 0;
            for (int t = 0; t < T; t++) {
                x[i * T + t] = t < pad ? 0f : (float) Math.sin(0.7 * t + i) + 0.1f * (float) random.nextGaussian();
                mask[i * T + t] = t < pad ? 0f : 1f;
            }
            for (int k = 0; k < H; k++) {
                y[i * H + k] = (float) Math.sin(0.7 * (T + k) + i);
            }
        }
        return new DataSet(Nd4j.create(x, new long[] {B, 1, T}, 'c'), Nd4j.create(y, new long[] {B, H}, 'c'),
                padded ? Nd4j.create(mask, new long[] {B, T}, 'c') : null, null);
    }

    @Test
    void aLookbackIsTheShorterNetworkOnTheLastSteps() {
        MultiLayerNetwork cropped = NetworkFactory.build(spec(T, L));
        MultiLayerNetwork shorter = NetworkFactory.build(spec(L, 0));
        assertEquals(new LastSteps(1, T, L), cropped.getLayerWiseConfigurations().getInputPreProcess(0));
        assertNull(shorter.getLayerWiseConfigurations().getInputPreProcess(0));
        assertEquals(shorter.params(), cropped.params(), "same parameters from the same seed");
        for (boolean padded : new boolean[] {false, true}) {
            DataSet data = batch(padded);
            INDArray mask = data.getFeaturesMaskArray();
            INDArray lastMask = mask == null ? null
                    : mask.get(NDArrayIndex.all(), NDArrayIndex.interval(T - L, T)).dup('c');
            INDArray expected = shorter.output(last(data.getFeatures()), false, lastMask, null);
            INDArray got = cropped.output(data.getFeatures(), false, mask, null);
            assertArrayEquals(expected.ravel().toFloatVector(), got.ravel().toFloatVector(), 1e-6f, "padded " + padded);
            // the steps before the lookback are not read: changing them changes nothing
            INDArray changed = data.getFeatures().dup();
            changed.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, T - L)).assign(100);
            assertArrayEquals(got.ravel().toFloatVector(), cropped.output(changed, false, mask, null).ravel()
                    .toFloatVector(), 0f);
        }
        // training: five Adam steps of each end at the same parameters
        DataSet data = batch(true);
        DataSet lastSteps = new DataSet(last(data.getFeatures()), data.getLabels(),
                data.getFeaturesMaskArray().get(NDArrayIndex.all(), NDArrayIndex.interval(T - L, T)).dup('c'), null);
        INDArray before = cropped.params().dup();
        for (int i = 0; i < 5; i++) {
            cropped.fit(data);
            shorter.fit(lastSteps);
        }
        assertTrue(cropped.params().distance2(before) > 1e-3, "it trained");
        assertArrayEquals(shorter.params().toFloatVector(), cropped.params().toFloatVector(), 1e-5f);
    }

    @Test
    void theLookbackTravelsInTheConfigurationJson() {
        MultiLayerConfiguration c = NetworkFactory.configuration(spec(T, L));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(c.toJson());
        assertEquals(new LastSteps(1, T, L), back.getInputPreProcess(0));
        assertEquals(c, back);
    }

    @Test
    void lookbacksAreRefusedWhereTheWholeWindowIsLaidOut() {
        assertThrows(IllegalArgumentException.class, () -> spec(T, T + 1));
        IllegalArgumentException seq2seq = assertThrows(IllegalArgumentException.class,
                () -> spec(T, 0).toBuilder().lookback(L).strategy(ModelSpec.Strategy.SEQ2SEQ).build());
        assertTrue(seq2seq.getMessage().contains("strategy = direct"), seq2seq.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.builder().cell(ModelSpec.Cell.LINEAR).units().window(T, H).lookback(L).build());
    }

    @Test
    void ensembleMembersTakeTheLookbacksInTurn() {
        EnsembleSpec ensemble = new EnsembleSpec(3, java.util.List.of(), java.util.List.of(L, T));
        ModelSpec base = spec(T, 0);
        assertEquals(L, ensemble.member(base, 0).stepsRead());
        // a lookback of the whole window is no lookback: the member is the plain network of its seed
        assertEquals(0, ensemble.member(base, 1).architecture().lookback());
        assertEquals(base.toBuilder().seed(8).build(), ensemble.member(base, 1));
        assertEquals(L, ensemble.member(base, 2).stepsRead());
        assertEquals(9, ensemble.member(base, 2).seed());
    }
}
