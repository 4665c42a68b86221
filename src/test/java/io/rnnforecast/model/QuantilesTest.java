package io.rnnforecast.model;

import io.rnnforecast.window.QuantileTargets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Level keys, the step-major output layout, sorting and the point forecast; the repeated labels. */
class QuantilesTest {
    @Test
    void keysAreShortDecimals() {
        assertEquals("0.1", Quantiles.key(0.1));
        assertEquals("0.5", Quantiles.key(0.5));
        assertEquals("0.05", Quantiles.key(0.05));
        assertEquals("0.975", Quantiles.key(0.975));
        assertEquals("0.0001", Quantiles.key(1e-4));
    }

    @Test
    void eachStepIsSortedAndItsPointIsTheMedianOrTheMean() {
        // horizon 2, levels 0.1, 0.5, 0.9: step 1 crosses (3 before 1), step 2 does not
        double[] out = {3, 1, 2, -1, 0, 4};
        double[][] sorted = Quantiles.sorted(out, 3);
        assertArrayEquals(new double[] {1, 2, 3}, sorted[0], 0.0);
        assertArrayEquals(new double[] {-1, 0, 4}, sorted[1], 0.0);
        assertTrue(Quantiles.crosses(out, 0, 3));
        assertFalse(Quantiles.crosses(out, 1, 3));
        assertArrayEquals(new double[] {2, 0}, Quantiles.points(new double[] {0.1, 0.5, 0.9}, out), 0.0);
        // without 0.5: the mean of the sorted quantiles
        assertArrayEquals(new double[] {2, 1}, Quantiles.points(new double[] {0.1, 0.4, 0.9}, out), 1e-12);
    }

    @Test
    void labelsRepeatEachTargetOncePerQuantile() {
        QuantileTargets targets = new QuantileTargets(3);
        assertEquals(6, targets.perWindow(5, 2));
        assertArrayEquals(new long[] {4, 6}, targets.shape(4, 5, 2));
        float[] out = new float[8];
        targets.write(new float[5], 0, 5, new float[] {9, 7, 8}, 1, 2, out, 1);
        assertArrayEquals(new float[] {0, 7, 7, 7, 8, 8, 8, 0}, out, 0f);
    }
}
