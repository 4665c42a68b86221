package io.rnnforecast.window;

import io.rnnforecast.series.ErrorScale;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.TimeUnit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesWindowsTest {
    private static final double[] TEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    /** 0, 1, ..., n - 1: every value says its own step. */
    private static double[] ramp(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return v;
    }
    private static final Frequency STEP = new Frequency(1, TimeUnit.STEP);
    private static final SplitSpec ALL_TRAIN = SplitSpec.bySeries(0, 0, 1);

    private static SeriesWindows.Series series(double[] v) {
        return new SeriesWindows.Series("a", v, Scaling.IDENTITY, 0, STEP);
    }

    private static List<Window> train(WindowSpec spec, double[] v) {
        return new SeriesWindows(spec, ALL_TRAIN).of(series(v), Split.TRAIN);
    }

    @Test
    void windowsAreAnchoredAtTheEndAndStepBackByStride() {
        List<Window> w = train(new WindowSpec(3, 2, 2, 10), TEN);
        // length 5 fits with first target index 4, 6, 8: (10 - 5) / 2 + 1 = 3 windows
        assertEquals(List.of(4, 6, 8), w.stream().map(Window::end).toList());
        assertArrayEquals(new float[] {1, 2, 3}, w.get(0).input());
        assertArrayEquals(new float[] {4, 5}, w.get(0).target());
        assertArrayEquals(new float[] {5, 6, 7}, w.get(2).input());
        assertArrayEquals(new double[] {8, 9}, w.get(2).actual());
        assertFalse(w.get(0).last());
        assertTrue(w.get(2).last());
        assertEquals(7, w.get(2).lastObserved(), 0.0, "the naive forecast: the last observed value");
    }

    @Test
    void capKeepsTheMostRecentWindows() {
        assertEquals(List.of(6, 8), train(new WindowSpec(3, 2, 2, 2), TEN).stream().map(Window::end).toList());
    }

    @Test
    void oneWindowWhenTheSeriesIsExactlyOneWindowLongAndNoneWhenShorter() {
        List<Window> w = train(new WindowSpec(8, 2, 1, 5), TEN);
        assertEquals(1, w.size());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, w.get(0).input());
        assertTrue(train(new WindowSpec(9, 2, 1, 5), TEN).isEmpty());
    }

    @Test
    void aSeriesTooShortForOneWindowGivesPaddedOnesWithAtLeastMinInputObservedValues() {
        // input 8, horizon 2, min-input 3: ten values give one full window; six give windows ending at 4 and 3
        // (ends 4 - k with at least 3 observed values before them), left-padded with the first value
        WindowSpec padded = new WindowSpec(8, 2, 1, 5, WindowNormalization.NONE, 3);
        assertEquals(List.of(8), train(padded, TEN).stream().map(Window::end).toList(), "a full window: no padding");
        List<Window> w = train(padded, new double[] {5, 6, 7, 8, 9, 10});
        assertEquals(List.of(3, 4), w.stream().map(Window::end).toList());
        assertArrayEquals(new float[] {5, 5, 5, 5, 5, 5, 6, 7}, w.get(0).input());
        assertEquals(5, w.get(0).padding());
        assertArrayEquals(new double[] {5, 6, 7}, w.get(0).observed());
        float[] block = w.get(1).blockInput();
        assertEquals(4, w.get(1).padding());
        for (int i = 0; i < 8; i++) {
            assertEquals(i < 4, Float.isNaN(block[i]), "step " + i + " is padding in the block");
        }
        assertTrue(train(padded, new double[] {1, 2, 3, 4}).isEmpty(), "4 values: 3 observed + 2 targets do not fit");
        assertTrue(train(new WindowSpec(8, 2, 1, 5), new double[] {5, 6, 7, 8, 9, 10}).isEmpty(), "padding off");
    }

    @Test
    void aShortSeriesInATimeSplitTrainsOnEverythingBeforeItsTestHorizonAndDoesNotValidate() {
        // input 4, horizon 2, one cutoff: a full window before the validation horizon needs 4 + 2 + 2 + 2 = 10
        WindowSpec padded = new WindowSpec(4, 2, 1, 10, WindowNormalization.NONE, 1);
        SplitSpec time = new SplitSpec(SplitSpec.Mode.TIME, 0, 0, 1, Set.of(), Set.of(), 1);
        SeriesWindows cut = new SeriesWindows(padded, time);
        assertTrue(time.validates(10, padded));
        assertEquals(1, cut.of(series(TEN), Split.VALIDATION).size());
        double[] seven = {0, 1, 2, 3, 4, 5, 6};
        assertFalse(time.validates(7, padded));
        assertEquals(5, time.trainedPart(7, padded));
        assertTrue(cut.of(series(seven), Split.VALIDATION).isEmpty());
        // training targets end before the test horizon [5, 7): windows ending at 3, 2, 1 (1 observed value)
        assertEquals(List.of(1, 2, 3), cut.of(series(seven), Split.TRAIN).stream().map(Window::end).toList());
        List<Window> test = cut.of(series(seven), Split.TEST);
        assertEquals(5, test.get(0).end());
        assertArrayEquals(new float[] {1, 2, 3, 4}, test.get(0).input());
        assertEquals(1 + 2, time.minLength(padded), "one observed value before the test horizon");
        assertEquals(4 + 2 + 2 + 2, time.minLength(new WindowSpec(4, 2, 1, 10)), "without padding: as before");
    }

    @Test
    void slidingWindowsOfFiveOverASine() {
        double[] v = new double[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i);
        }
        List<Window> w = train(new WindowSpec(5, 1, 1, 1_000), v);
        assertEquals(95, w.size());
        assertEquals((float) Math.sin(5), w.get(0).target()[0]);
        assertEquals((float) Math.sin(99), w.get(94).target()[0]);
    }

    @Test
    void seriesSplitSendsAllWindowsOfASeriesToItsSplit() {
        SplitSpec split = new SplitSpec(SplitSpec.Mode.SERIES, 0, 0, 1, Set.of(), Set.of("a"), 1);
        SeriesWindows cutter = new SeriesWindows(new WindowSpec(3, 2, 2, 10), split);
        assertEquals(3, cutter.of(series(TEN), Split.TEST).size());
        assertArrayEquals(new double[] {0, 1, 2, 3}, cutter.of(series(TEN), Split.TEST).get(0).history());
        assertTrue(cutter.of(series(TEN), Split.TRAIN).isEmpty());
    }

    @Test
    void timeSplitWithRollingOriginsAndValidationBeforeThem() {
        // 20 values, input 3, horizon 2, two test cutoffs: test targets [18,20) and [16,18), validation [14,16),
        // training windows within [0, 14)
        double[] v = ramp(20);
        SplitSpec split = new SplitSpec(SplitSpec.Mode.TIME, 0, 0, 1, Set.of(), Set.of(), 2);
        SeriesWindows cutter = new SeriesWindows(new WindowSpec(3, 2, 1, 100), split);
        List<Window> test = cutter.of(series(v), Split.TEST);
        assertEquals(List.of(16, 18), test.stream().map(Window::end).toList());
        assertTrue(test.get(1).last());
        assertFalse(test.get(0).last());
        assertArrayEquals(new float[] {13, 14, 15}, test.get(0).input());
        List<Window> validation = cutter.of(series(v), Split.VALIDATION);
        assertEquals(List.of(14), validation.stream().map(Window::end).toList());
        List<Window> train = cutter.of(series(v), Split.TRAIN);
        // prefix of 14 values, windows of 5 with stride 1: ends 3..12
        assertEquals(10, train.size());
        assertEquals(12, train.get(train.size() - 1).end());
        assertArrayEquals(new double[] {12, 13}, train.get(train.size() - 1).actual());
        assertEquals(2 * 3, split.heldOutTail(2));
        assertEquals(5 + 6, split.minLength(new WindowSpec(3, 2, 1, 100)));
        // the classical baselines' history: every value before the origin, for test and future windows only
        assertArrayEquals(java.util.Arrays.copyOf(v, 16), test.get(0).history());
        assertArrayEquals(v, cutter.future(series(v)).history());
        assertTrue(validation.get(0).history() == null && train.stream().allMatch(w -> w.history() == null));
    }

    @Test
    void calibrationWindowsAreTheValidationOneAndTheHorizonsBeforeItWithHistory() {
        // 20 values, input 3, horizon 2, one test cutoff: validation origin 16; 4 horizons: origins 10, 12, 14, 16;
        // 9 horizons reach back to origin 0, and only origins >= 3 (a full input before them) are cut
        double[] v = ramp(20);
        SplitSpec time = new SplitSpec(SplitSpec.Mode.TIME, 0, 0, 1, Set.of(), Set.of(), 1);
        SeriesWindows cutter = new SeriesWindows(new WindowSpec(3, 2, 1, 100), time);
        List<Window> four = cutter.calibration(series(v), 4);
        assertEquals(List.of(10, 12, 14, 16), four.stream().map(Window::end).toList());
        assertArrayEquals(java.util.Arrays.copyOf(v, 12), four.get(1).history());
        assertArrayEquals(new double[] {12, 13}, four.get(1).actual());
        assertEquals(List.of(4, 6, 8, 10, 12, 14, 16), cutter.calibration(series(v), 9).stream().map(Window::end)
                .toList());
        assertEquals(List.of(16), cutter.calibration(series(v), 1).stream().map(Window::end).toList());
        assertEquals(4, cutter.calibrationHorizons(4));
        // a series split calibrates on the validation series' windows whatever the horizons asked for
        SplitSpec series = new SplitSpec(SplitSpec.Mode.SERIES, 0, 0, 1, Set.of("a"), Set.of(), 1);
        SeriesWindows bySeries = new SeriesWindows(new WindowSpec(3, 2, 1, 100), series);
        assertEquals(1, bySeries.calibrationHorizons(4));
        // every window of 5 over the 20 values (stride 1): ends 3..18, each with the values before it
        List<Window> validation = bySeries.calibration(series(v), 4);
        assertEquals(16, validation.size());
        assertEquals(18, validation.get(15).end());
        assertArrayEquals(java.util.Arrays.copyOf(v, 18), validation.get(15).history());
    }

    @Test
    void windowsAreScaledAndKeepTheOriginalTargets() {
        Scaling s = new Scaling(Scaling.Method.STANDARD, 10, 2);
        var series = new SeriesWindows.Series("a", new double[] {10, 12, 14, 8}, s, 0, STEP);
        Window w = new SeriesWindows(new WindowSpec(3, 1, 1, 1), ALL_TRAIN).of(series, Split.TRAIN).get(0);
        assertArrayEquals(new float[] {0, 1, 2}, w.input());
        assertArrayEquals(new float[] {-1}, w.target());
        assertArrayEquals(new double[] {8}, w.actual());
    }

    @Test
    void futureWindowTakesTheLastInputValuesAndHasNoTarget() {
        Window f = new SeriesWindows(new WindowSpec(3, 2, 1, 1), ALL_TRAIN).future(series(TEN));
        assertTrue(f.future());
        assertEquals(10, f.end());
        assertArrayEquals(new float[] {7, 8, 9}, f.input());
    }

    @Test
    void seasonalNaiveRepeatsTheLastSeasonAndWrapsPastIt() {
        double[] v = {10, 11, 12, 13, 20, 21, 22, 23};
        SeriesWindows cutter = new SeriesWindows(new WindowSpec(6, 6, 1, 1), SplitSpec.bySeries(0, 0, 1));
        Window quarterly = cutter.future(new SeriesWindows.Series("q", v, Scaling.IDENTITY, 0,
                new Frequency(3, TimeUnit.MONTHS)));
        // season 4: steps 1..6 repeat the last four quarters 20, 21, 22, 23, then again from its start
        assertArrayEquals(new double[] {20, 21, 22, 23, 20, 21}, quarterly.seasonalNaiveForecast(6), 0.0);
        assertEquals(23, quarterly.lastObserved(), 0.0);
        Window steps = cutter.future(new SeriesWindows.Series("s", v, Scaling.IDENTITY, 0,
                new Frequency(1, TimeUnit.STEP)));
        assertEquals(null, steps.seasonalNaiveForecast(6), "no season for plain steps");
        Window monthly = cutter.future(new SeriesWindows.Series("m", v, Scaling.IDENTITY, 0,
                new Frequency(1, TimeUnit.MONTHS)));
        assertEquals(null, monthly.seasonalNaiveForecast(6), "season 12 does not fit in 6 inputs");
    }

    @Test
    void lastValueNormalizationPredictsTheChangeAndInvertsExactly() {
        Scaling s = new Scaling(Scaling.Method.STANDARD, 10, 2);
        var series = new SeriesWindows.Series("a", new double[] {10, 12, 14, 8, 20}, s, 0, STEP);
        Window w = new SeriesWindows(new WindowSpec(3, 2, 1, 1, WindowNormalization.LAST_VALUE), ALL_TRAIN)
                .of(series, Split.TRAIN).get(0);
        // scaled 0, 1, 2 | -1, 5; minus the last input 2
        assertArrayEquals(new float[] {-2, -1, 0}, w.input());
        assertArrayEquals(new float[] {-3, 3}, w.target());
        assertEquals(-1, w.toScaled(0, w.target()[0]), 0.0);
        assertEquals(20, w.toOriginal(1, w.target()[1]), 1e-12);
        assertEquals(14, w.toOriginal(0, 0), 1e-12, "output 0 is the naive forecast");
    }

    @Test
    void windowStandardNormalizationUsesTheInputsMomentsOnly() {
        var series = new SeriesWindows.Series("a", new double[] {1, 3, 5, 100}, Scaling.IDENTITY, 0, STEP);
        Window w = new SeriesWindows(new WindowSpec(3, 1, 1, 1, WindowNormalization.WINDOW_STANDARD), ALL_TRAIN)
                .of(series, Split.TRAIN).get(0);
        // input mean 3, population variance 8/3; spread sqrt(8/3 + 1e-5) (RevIN's epsilon)
        double spread = Math.sqrt(8.0 / 3 + 1e-5);
        assertArrayEquals(new float[] {(float) (-2 / spread), 0, (float) (2 / spread)}, w.input());
        assertArrayEquals(new float[] {(float) (97 / spread)}, w.target());
        assertEquals(100, w.toOriginal(0, w.target()[0]), 1e-4);
        Window flat = new SeriesWindows(new WindowSpec(3, 1, 1, 1, WindowNormalization.WINDOW_STANDARD), ALL_TRAIN)
                .future(new SeriesWindows.Series("f", new double[] {4, 4, 4}, Scaling.IDENTITY, 0, STEP));
        assertArrayEquals(new float[] {0, 0, 0}, flat.input(), "a flat window divides by sqrt(epsilon), not 0");
        assertEquals(4 + 0.5 * Math.sqrt(1e-5), flat.toOriginal(0, 0.5), 1e-12);
    }

    @Test
    void seasonalNaiveBaseMakesTheTargetTheResidualFromTheValueOneSeasonBack() {
        // season 3 (evaluate.season), input 4, horizon 4: the base of step s is input[4 - 3 + s mod 3]
        var series = new SeriesWindows.Series("a", new double[] {5, 1, 2, 3, 2, 4, 3, 7}, Scaling.IDENTITY, 0, STEP,
                ErrorScale.none(3));
        WindowSpec spec = new WindowSpec(4, 4, 1, 1, WindowNormalization.LAST_VALUE, 2, TargetBase.SEASONAL_NAIVE,
                false);
        Window w = new SeriesWindows(spec, ALL_TRAIN).of(series, Split.TRAIN).get(0);
        // minus the last input 3: input 2, -2, -1, 0; targets 2, 4, 3, 7 -> -1, 1, 0, 4; bases -2, -1, 0, -2
        assertArrayEquals(new float[] {2, -2, -1, 0}, w.input());
        assertArrayEquals(new float[] {1, 2, 0, 6}, w.target());
        // output 0 is the seasonal naive forecast 1, 2, 3, 1 (the values one season back, repeated)
        for (int s = 0; s < 4; s++) {
            assertEquals(new double[] {1, 2, 3, 1}[s], w.toOriginal(s, 0), 1e-12);
            assertEquals(series.values()[4 + s], w.toOriginal(s, w.target()[s]), 1e-12);
        }
        // a window with fewer observed values than a season falls back to the naive base (the last value)
        Window short_ = new SeriesWindows(spec, ALL_TRAIN).future(new SeriesWindows.Series("b",
                new double[] {6, 9}, Scaling.IDENTITY, 0, STEP, ErrorScale.none(3)));
        assertEquals(9, short_.toOriginal(2, 0), 1e-12);
        // season 1 is the naive base too
        Window weekly = new SeriesWindows(spec, ALL_TRAIN).future(new SeriesWindows.Series("c",
                new double[] {6, 9, 4, 2}, Scaling.IDENTITY, 0, STEP, ErrorScale.none(1)));
        assertEquals(2, weekly.toOriginal(3, 0), 1e-12);
        // auto: the seasonal naive base where the series has a season, none where it has not
        WindowSpec auto = spec.withTargetBase(TargetBase.AUTO);
        Window seasonal = new SeriesWindows(auto, ALL_TRAIN).of(series, Split.TRAIN).get(0);
        assertArrayEquals(w.target(), seasonal.target());
        Window plain = new SeriesWindows(auto, ALL_TRAIN).future(new SeriesWindows.Series("c",
                new double[] {6, 9, 4, 2}, Scaling.IDENTITY, 0, STEP, ErrorScale.none(1)));
        assertEquals(2 + 0.25, plain.toOriginal(3, 0.25), 1e-12, "season 1: no base (last-value: output + 2)");
    }

    @Test
    void forecastsOfASeriesWithoutNegativeValuesAreClampedAtZero() {
        WindowSpec clamped = new WindowSpec(3, 2, 1, 1, WindowNormalization.NONE, 2, TargetBase.NONE, true);
        Window positive = new SeriesWindows(clamped, ALL_TRAIN).future(new SeriesWindows.Series("p",
                new double[] {0, 3, 1, 2}, Scaling.IDENTITY, 0, STEP));
        assertEquals(0, positive.toOriginal(0, -0.5), 0.0, "no value below 0 before the origin: floored");
        assertEquals(1.5, positive.toOriginal(1, 1.5), 0.0);
        // one negative value anywhere before the origin (here before the input) and nothing is clamped
        Window mixed = new SeriesWindows(clamped, ALL_TRAIN).future(new SeriesWindows.Series("m",
                new double[] {-1, 3, 1, 2}, Scaling.IDENTITY, 0, STEP));
        assertEquals(-0.5, mixed.toOriginal(0, -0.5), 0.0);
        Window off = new SeriesWindows(new WindowSpec(3, 2, 1, 1, WindowNormalization.NONE, 2), ALL_TRAIN)
                .future(new SeriesWindows.Series("p", new double[] {0, 3, 1, 2}, Scaling.IDENTITY, 0, STEP));
        assertEquals(-0.5, off.toOriginal(0, -0.5), 0.0, "window.clamp-nonnegative = false");
    }
}
