package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Max absolute difference, relative to the largest expected magnitude (at least 1e-3). */
final class Closeness {
    private Closeness() {
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        double scale = 1e-3;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(max <= tol * scale, what + ": max abs difference " + max + " (scale " + scale + ")");
    }

    static void assertClose(double[] expected, float[] actual, double tol, String what) {
        double[] widened = new double[actual.length];
        for (int i = 0; i < actual.length; i++) {
            widened[i] = actual[i];
        }
        assertClose(expected, widened, tol, what);
    }
}
