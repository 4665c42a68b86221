package io.rnnforecast.window;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowCutterTest {
    private static final double[] TEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void windowsAreAnchoredAtTheEndAndStepBackByStride() {
        List<Window> w = new WindowCutter(new WindowSpec(3, 2, 2, 10)).cut("a", TEN);
        // length 5 fits at ends 4, 6, 8 (first target index); (10 - 5) / 2 + 1 = 3 windows
        assertEquals(3, w.size());
        assertEquals(List.of(4, 6, 8), w.stream().map(Window::end).toList());
        assertArrayEquals(new float[] {1, 2, 3}, w.get(0).input());
        assertArrayEquals(new float[] {4, 5}, w.get(0).target());
        assertArrayEquals(new float[] {5, 6, 7}, w.get(2).input());
        assertArrayEquals(new float[] {8, 9}, w.get(2).target());
        assertFalse(w.get(0).last());
        assertTrue(w.get(2).last());
        assertArrayEquals(new float[] {7, 7}, w.get(2).naiveForecast());
    }

    @Test
    void capKeepsTheMostRecentWindows() {
        List<Window> w = new WindowCutter(new WindowSpec(3, 2, 2, 2)).cut("a", TEN);
        assertEquals(List.of(6, 8), w.stream().map(Window::end).toList());
    }

    @Test
    void oneWindowWhenTheSeriesIsExactlyOneWindowLong() {
        List<Window> w = new WindowCutter(new WindowSpec(8, 2, 1, 5)).cut("a", TEN);
        assertEquals(1, w.size());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, w.get(0).input());
        assertArrayEquals(new float[] {8, 9}, w.get(0).target());
    }

    @Test
    void noWindowWhenTheSeriesIsTooShort() {
        assertTrue(new WindowCutter(new WindowSpec(9, 2, 1, 5)).cut("a", TEN).isEmpty());
    }

    @Test
    void slidingWindowsOfFiveOverASine() {
        double[] v = new double[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i);
        }
        List<Window> w = new WindowCutter(new WindowSpec(5, 1, 1, 1_000)).cut("s", v);
        assertEquals(95, w.size());
        assertEquals((float) Math.sin(5), w.get(0).target()[0]);
        assertEquals((float) Math.sin(99), w.get(94).target()[0]);
    }
}
