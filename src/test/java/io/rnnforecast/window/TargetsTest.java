package io.rnnforecast.window;

import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The labels each strategy trains on, by hand on a tiny series: s = 10, 11, ..., 16 (7 values), windows of input 4
 * and horizon 3 with stride 1 (no normalization), so the window ending at index e has input s[e-4..e) and target
 * s[e..e+3).
 */
class TargetsTest {
    private static final double[] S = {10, 11, 12, 13, 14, 15, 16};

    private static List<Window> windows() {
        return new SeriesWindows(new WindowSpec(4, 3, 1, 10), SplitSpec.bySeries(0, 0, 1))
                .of(new SeriesWindows.Series("a", S, Scaling.IDENTITY, 0, new Frequency(1, TimeUnit.STEP)),
                        Split.TRAIN);
    }

    @Test
    void theTinySeriesHasOneWindow() {
        List<Window> w = windows();
        assertEquals(1, w.size());
        assertArrayEquals(new float[] {10, 11, 12, 13}, w.get(0).input());
        assertArrayEquals(new float[] {14, 15, 16}, w.get(0).target());
    }

    @Test
    void directTrainsOnTheHorizonVectorAndIterativeOnItsFirstValue() {
        Window w = windows().get(0);
        assertArrayEquals(new float[] {14, 15, 16}, Targets.HORIZON.of(w.input(), w.target()));
        assertArrayEquals(new float[] {14}, Targets.FIRST.of(w.input(), w.target()));
    }

    /** Y[t, k] = s[t + k + 1]: at step 0 (value 10) the next three values 11, 12, 13; at the last step 14, 15, 16. */
    @Test
    void seq2seqTrainsOnTheNextHorizonValuesAtEveryStep() {
        Window w = windows().get(0);
        float[][] expected = { // [t][k]
                {11, 12, 13},
                {12, 13, 14},
                {13, 14, 15},
                {14, 15, 16}};
        float[] labels = Targets.EVERY_STEP.of(w.input(), w.target());   // [k][t] row-major
        assertEquals(12, labels.length);
        for (int t = 0; t < 4; t++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(expected[t][k], labels[k * 4 + t], "t " + t + " k " + k);
            }
        }
    }

    /** The same labels reach DL4J from a block: [b, horizon, input] with step t's vector in column t. */
    @Test
    void blocksCutMinibatchesInEachLayout() {
        Window w = windows().get(0);
        Window other = new Window("b", 4, true, new float[] {0, 1, 2, 3}, new float[] {4, 5, 6}, new double[3],
                new double[4], Scaling.IDENTITY, WindowNormalization.NONE.of(new double[] {0, 1, 2, 3}), 0,
                new Frequency(1, TimeUnit.STEP), w.errorScale());
        WindowBlock block = WindowBlock.ofWindows(List.of(w, other), 4, 3);
        DataSet direct = block.rows(0, 2, Targets.HORIZON);
        assertArrayEquals(new long[] {2, 3}, direct.getLabels().shape());
        DataSet first = block.rows(0, 2, Targets.FIRST);
        assertArrayEquals(new long[] {2, 1}, first.getLabels().shape());
        assertEquals(4f, first.getLabels().getFloat(1, 0));
        DataSet everyStep = block.minibatches(2, Targets.EVERY_STEP).get(0);
        assertArrayEquals(new long[] {2, 1, 4}, everyStep.getFeatures().shape());
        assertArrayEquals(new long[] {2, 3, 4}, everyStep.getLabels().shape());
        for (int t = 0; t < 4; t++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(S[t + k + 1], everyStep.getLabels().getFloat(0, k, t), 0f);
                assertEquals(t + k + 1, everyStep.getLabels().getFloat(1, k, t), 0f);
            }
        }
        // the last step's vector is exactly the window's target
        assertArrayEquals(w.target(), new float[] {everyStep.getLabels().getFloat(0, 0, 3),
                everyStep.getLabels().getFloat(0, 1, 3), everyStep.getLabels().getFloat(0, 2, 3)});
    }

    /**
     * After a valid Conv1D of kernel 4 and stride 2 on T = 8 input steps, T' = (8 - 4) / 2 + 1 = 3 output steps,
     * ending at input steps 3, 5 and 7; H = 2. By hand from Y[j, k] = s[(kernel - 1) + j stride + k + 1] on
     * s = 10, 11, ..., 19: j = 0 takes s[4], s[5]; j = 1 s[6], s[7]; j = 2 s[8], s[9], the window's target.
     */
    @Test
    void afterAStridedConvolutionEachOutputStepTrainsOnTheValuesAfterItsLastInputStep() {
        float[] x = {10, 11, 12, 13, 14, 15, 16, 17};
        float[] y = {18, 19};
        Targets strided = Targets.everyStep(3, 2);
        assertEquals(3, strided.steps(8));
        float[][] expected = { // [j][k]
                {14, 15},
                {16, 17},
                {18, 19}};
        float[] labels = strided.of(x, y);   // [k][j] row-major
        assertEquals(6, labels.length);
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(expected[j][k], labels[k * 3 + j], "j " + j + " k " + k);
            }
        }
        assertTrue(strided.lastStepIsTarget(8), "the last output step's vector is the target");

        // from a block of two windows: [b, H, T'], each window's own labels (the second is s = 0..9)
        WindowBlock block = WindowBlock.of(List.of(new float[][] {x, y},
                new float[][] {{0, 1, 2, 3, 4, 5, 6, 7}, {8, 9}}), 8, 2);
        DataSet batch = block.minibatches(2, strided).get(0);
        assertArrayEquals(new long[] {2, 1, 8}, batch.getFeatures().shape());
        assertArrayEquals(new long[] {2, 2, 3}, batch.getLabels().shape());
        float[][] second = {{4, 5}, {6, 7}, {8, 9}};
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(expected[j][k], batch.getLabels().getFloat(0, k, j), 0f, "row 0 j " + j + " k " + k);
                assertEquals(second[j][k], batch.getLabels().getFloat(1, k, j), 0f, "row 1 j " + j + " k " + k);
            }
        }
    }

    /**
     * With T = 9 the same convolution still has 3 output steps (valid padding drops input step 8): the last ends at
     * input step 7 and its labels s[8], s[9] are not the target s[9], s[10].
     */
    @Test
    void aConvolutionThatDropsTheLastInputStepDoesNotEndAtTheTarget() {
        Targets strided = Targets.everyStep(3, 2);
        assertEquals(3, strided.steps(9));
        assertFalse(strided.lastStepIsTarget(9));
        float[] labels = strided.of(new float[] {10, 11, 12, 13, 14, 15, 16, 17, 18}, new float[] {19, 20});
        assertArrayEquals(new float[] {14, 16, 18, 15, 17, 19}, labels);
    }

    @Test
    void everyInputStepIsTheStrideOneLayoutFromStepZeroAndOtherKindsTakeNoStride() {
        assertEquals(Targets.EVERY_STEP, Targets.everyStep(0, 1));
        assertEquals(4, Targets.EVERY_STEP.steps(4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Targets(Targets.Kind.HORIZON, 3, 2));
        assertTrue(e.getMessage().contains("HORIZON"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Targets.everyStep(3, 0));
        assertThrows(IllegalArgumentException.class, () -> Targets.everyStep(8, 2).steps(8));
    }
}
