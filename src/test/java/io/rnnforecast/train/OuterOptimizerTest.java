package io.rnnforecast.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outer step against hand computations on two-parameter vectors (two workers). */
class OuterOptimizerTest {

    @Test
    void plainAveragingIsTheMeanBitForBit() {
        OuterOptimizer average = new OuterOptimizer(OuterOptimizer.Spec.AVERAGE);
        double[] sum = {0.1f + 0.7f, 1.0 / 3 + 2.0};
        float[] out = average.step(new float[] {5, 6}, sum, 2);
        assertArrayEquals(new float[] {(float) (sum[0] / 2), (float) (sum[1] / 2)}, out);
        assertNull(average.velocity());
    }

    /**
     * start (1, 2); workers (0.5, 2.5) and (0.7, 1.5): mean (0.6, 2.0), delta (0.4, 0). Nesterov, mu 0.5, eta 1:
     * m = (0.4, 0), step = delta + 0.5 m = (0.6, 0): theta = (0.4, 2). Round 2 from (0.4, 2), mean (0.2, 2.1):
     * delta (0.2, -0.1), m = 0.5 (0.4, 0) + delta = (0.4, -0.1), step = delta + 0.5 m = (0.4, -0.15):
     * theta = (0, 2.15).
     */
    @Test
    void nesterovMomentumMatchesTheHandComputation() {
        OuterOptimizer outer = new OuterOptimizer(new OuterOptimizer.Spec(1, 0.5, true));
        float[] first = outer.step(new float[] {1, 2}, new double[] {0.5 + 0.7, 2.5 + 1.5}, 2);
        assertEquals(0.4, first[0], 1e-6);
        assertEquals(2.0, first[1], 1e-6);
        float[] second = outer.step(first, new double[] {0.4, 4.2}, 2);
        assertEquals(0.0, second[0], 1e-6);
        assertEquals(2.15, second[1], 1e-6);
        assertArrayEquals(new double[] {0.4, -0.1}, outer.velocity(), 1e-6);
    }

    /** Heavy ball, eta 2, mu 0.5: m = (0.4, 0), theta = (1, 2) - 2 m = (0.2, 2); then m = (0.2 + 0.2, -0.1). */
    @Test
    void withoutNesterovTheStepIsTheVelocity() {
        OuterOptimizer outer = new OuterOptimizer(new OuterOptimizer.Spec(2, 0.5, false));
        float[] first = outer.step(new float[] {1, 2}, new double[] {1.2, 4.0}, 2);
        assertEquals(0.2, first[0], 1e-6);
        assertEquals(2.0, first[1], 1e-6);
        // round 2 from (0.2, 2), mean (0.0, 2.1): delta (0.2, -0.1), m = (0.4, -0.1), theta = (0.2 - 0.8, 2.2)
        float[] second = outer.step(first, new double[] {0.0, 4.2}, 2);
        assertEquals(-0.6, second[0], 1e-6);
        assertEquals(2.2, second[1], 1e-6);
    }

    @Test
    void aRestoredVelocityContinuesTheSameSteps() {
        OuterOptimizer a = new OuterOptimizer(new OuterOptimizer.Spec(0.7, 0.9, true));
        a.step(new float[] {1, 2}, new double[] {1.2, 4.0}, 2);
        OuterOptimizer b = new OuterOptimizer(a.spec());
        b.restore(a.velocity());
        float[] start = {0.5f, 1.5f};
        double[] sum = {0.8, 3.1};
        assertArrayEquals(a.step(start, sum, 2), b.step(start, sum, 2));
    }

    /**
     * After a restart the step is a fresh optimizer's: start (0.4, 2), mean (0.2, 2.1), delta (0.2, -0.1), m = delta,
     * step = delta + 0.5 delta = (0.3, -0.15): theta = (0.1, 2.15) (with the momentum kept: (0, 2.15), above).
     */
    @Test
    void aRestartDropsTheMomentum() {
        OuterOptimizer outer = new OuterOptimizer(new OuterOptimizer.Spec(1, 0.5, true, true));
        outer.step(new float[] {1, 2}, new double[] {1.2, 4.0}, 2);
        outer.restart();
        assertNull(outer.velocity());
        float[] second = outer.step(new float[] {0.4f, 2}, new double[] {0.4, 4.2}, 2);
        assertEquals(0.1, second[0], 1e-6);
        assertEquals(2.15, second[1], 1e-6);
        assertTrue(outer.spec().restarts());
        assertFalse(new OuterOptimizer.Spec(0.7, 0, true, true).restarts(), "no momentum: nothing to restart");

        // endEpoch: only an epoch without improvement restarts, and only with the rule on (one step: m = delta)
        OuterOptimizer restarting = new OuterOptimizer(outer.spec());
        restarting.step(new float[] {1, 2}, new double[] {1.2, 4.0}, 2);
        assertFalse(restarting.endEpoch(true));
        assertArrayEquals(new double[] {0.4, 0}, restarting.velocity(), 1e-6);
        assertTrue(restarting.endEpoch(false));
        assertNull(restarting.velocity());
        OuterOptimizer kept = new OuterOptimizer(new OuterOptimizer.Spec(1, 0.5, true));
        kept.step(new float[] {1, 2}, new double[] {1.2, 4.0}, 2);
        assertFalse(kept.endEpoch(false));
        assertArrayEquals(new double[] {0.4, 0}, kept.velocity(), 1e-6);
    }

    @Test
    void refusesSettingsOutsideTheirRanges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OuterOptimizer.Spec(1, 1.0, true));
        assertTrue(e.getMessage().contains("train.outer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OuterOptimizer.Spec(0, 0, true));
    }
}
