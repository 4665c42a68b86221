package io.rnnforecast.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConfusionMetricsTest {

    /**
     * counts[actual][predicted]: class 0 5 right and 1 taken for class 1; class 1 2 taken for 0, 3 right, 1 taken
     * for class 2 (never present); class 3 neither present nor predicted. By hand: accuracy 8/12; class 0 precision
     * 5/7, recall 5/6, F1 10/13; class 1 precision 3/4, recall 1/2, F1 0.6; class 2 precision 0, no recall, F1 0;
     * macro F1 over the three present or predicted classes (10/13 + 0.6 + 0) / 3 (scikit-learn: 0.45641).
     */
    @Test
    void metricsOfAHandCountedConfusionMatrix() {
        ConfusionMetrics m = ConfusionMetrics.of(new long[][] {
                {5, 1, 0, 0},
                {2, 3, 1, 0},
                {0, 0, 0, 0},
                {0, 0, 0, 0}});
        assertEquals(12, m.n());
        assertEquals(8.0 / 12, m.accuracy(), 1e-15);
        assertEquals(5.0 / 7, m.precision()[0], 1e-15);
        assertEquals(5.0 / 6, m.recall()[0], 1e-15);
        assertEquals(10.0 / 13, m.f1()[0], 1e-15);
        assertEquals(0.75, m.precision()[1], 1e-15);
        assertEquals(0.5, m.recall()[1], 1e-15);
        assertEquals(0.6, m.f1()[1], 1e-15);
        assertEquals(0.0, m.precision()[2], 0.0);
        assertNull(m.recall()[2]);
        assertEquals(0.0, m.f1()[2], 0.0);
        assertNull(m.precision()[3]);
        assertNull(m.f1()[3]);
        assertArrayEquals(new long[] {6, 6, 0, 0}, m.support());
        assertEquals((10.0 / 13 + 0.6) / 3, m.macroF1(), 1e-15);
        assertEquals(0.45641, m.macroF1(), 1e-5);
    }
}
