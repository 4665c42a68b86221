package io.rnnforecast.window;

import io.rnnforecast.series.ErrorScale;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.TimeUnit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classification windows cut by hand from a 7-value series labelled 0 0 1 1 1 0 2. */
class LabelledWindowsTest {
    private static final double[] VALUES = {10, 11, 12, 13, 14, 15, 16};
    private static final int[] LABELS = {0, 0, 1, 1, 1, 0, 2};
    private static final Frequency STEP = new Frequency(1, TimeUnit.STEP);

    private static List<Window> cut(Task task, int input, int stride, int max) {
        SeriesWindows.Series s = new SeriesWindows.Series("a", VALUES, Scaling.IDENTITY, 0, STEP,
                ErrorScale.none(1), LABELS);
        return new SeriesWindows(new WindowSpec(input, 99, stride, max), SplitSpec.bySeries(0, 0, 1), task)
                .of(s, Split.TRAIN);
    }

    @Test
    void labelStepsWindowsCarryEveryStepsClassAndIgnoreTheHorizon() {
        // input 3, stride 2: windows end before 7, 5, 3 (anchored at the series' end), oldest first
        List<Window> w = cut(Task.LABEL_STEPS, 3, 2, 10);
        assertEquals(List.of(3, 5, 7), w.stream().map(Window::end).toList());
        assertArrayEquals(new float[] {10, 11, 12}, w.get(0).input());
        assertArrayEquals(new float[] {0, 0, 1}, w.get(0).target());
        assertArrayEquals(new float[] {14, 15, 16}, w.get(2).input());
        assertArrayEquals(new float[] {1, 0, 2}, w.get(2).target());
        assertArrayEquals(new double[] {1, 0, 2}, w.get(2).actual());
        assertTrue(w.get(2).last());
    }

    @Test
    void classifySeriesWindowsCarryTheirLastStepsClass() {
        List<Window> w = cut(Task.CLASSIFY_SERIES, 4, 1, 2);
        assertEquals(List.of(6, 7), w.stream().map(Window::end).toList());
        assertArrayEquals(new float[] {0}, w.get(0).target());
        assertArrayEquals(new float[] {2}, w.get(1).target());
        assertArrayEquals(new float[] {13, 14, 15, 16}, w.get(1).input());
    }

    @Test
    void aSeriesShorterThanTheInputHasNoWindowAndOneWithoutLabelsIsAnError() {
        assertTrue(cut(Task.LABEL_STEPS, 8, 1, 10).isEmpty());
        SeriesWindows.Series unlabelled = new SeriesWindows.Series("a", VALUES, Scaling.IDENTITY, 0, STEP);
        SeriesWindows cutter = new SeriesWindows(new WindowSpec(3, 1, 1, 10), SplitSpec.bySeries(0, 0, 1),
                Task.LABEL_STEPS);
        assertThrows(IllegalArgumentException.class, () -> cutter.of(unlabelled, Split.TRAIN));
    }
}
