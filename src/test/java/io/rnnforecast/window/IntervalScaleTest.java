package io.rnnforecast.window;

import io.rnnforecast.series.ErrorScale;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Window#intervalScale(int)}: the recent seasonal naive MAE, by hand, and its fallbacks. */
class IntervalScaleTest {
    private static Window window(double[] history, ErrorScale scale) {
        double[] observed = java.util.Arrays.copyOfRange(history, history.length - 2, history.length);
        return new Window("s", history.length, true, new float[2], new float[1], new double[] {0}, observed, null,
                null, 0, null, scale, history);
    }

    @Test
    void theRecentSpansSeasonalNaiveMaeFollowsTheLastValuesOnly() {
        // a quiet start, then noise: whole-history MAE 2.0 (given), the last 6 values' season-2 MAE by hand
        double[] h = {1, 1, 1, 1, 1, 1, 5, 2, 9, 4, 6, 1};
        Window w = window(h, new ErrorScale(2.0, 4.0, 2));
        // last 6: 5 2 9 4 6 1; season 2 (6 > 2 x 2): |9-5| + |4-2| + |6-9| + |1-4| = 4 + 2 + 3 + 3 = 12 over 4
        assertEquals(3.0, w.intervalScale(6), 1e-12);
        // 4 values are not more than two seasons: season 1, |4-9| + |6-4| + |1-6| = 12 over 3
        assertEquals(4.0, w.intervalScale(4), 1e-12);
        // 0: the whole in-sample MAE; a span longer than the history takes all of it: season 2 over 12 values
        assertEquals(2.0, w.intervalScale(0), 0.0);
        assertEquals((0 + 0 + 0 + 0 + 4 + 1 + 4 + 2 + 3 + 3) / 10.0, w.intervalScale(100), 1e-12);
    }

    @Test
    void aFlatRecentSpanOrNoHistoryFallsBackToTheWholeInSampleScale() {
        double[] h = {3, 8, 1, 7, 7, 7, 7, 7};
        assertEquals(2.5, window(h, new ErrorScale(2.5, 9, 1)).intervalScale(4), 0.0);
        Window noHistory = new Window("s", 8, true, new float[2], new float[1], new double[] {0}, new double[] {4, 6},
                null, null, 0, null, new ErrorScale(2.5, 9, 1));
        assertEquals(2.5, noHistory.intervalScale(4), 0.0);
        // no in-sample scale either: the mean absolute observed input
        assertEquals(6.0, window(new double[] {7, 7, 6, 6}, ErrorScale.none(1)).intervalScale(2), 1e-12);
    }
}
