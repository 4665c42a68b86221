package io.rnnforecast.window;

import io.rnnforecast.series.ErrorScale;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.Scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts one (repaired, regular) series into the windows of one split, on the scaled axis. Spark-free. */
public final class SeriesWindows implements java.io.Serializable {
    private final WindowSpec windows;
    private final SplitSpec split;
    private final SeriesSplitter splitter;

    public SeriesWindows(WindowSpec windows, SplitSpec split) {
        this.windows = windows;
        this.split = split;
        this.splitter = new SeriesSplitter(split);
    }

    /** A series as the batch layer hands it over: original values, scaling and time grid. */
    public record Series(String uniqueId, double[] values, Scaling scaling, long startKey, Frequency frequency,
                         ErrorScale errorScale) {
        /** Without in-sample error scales (MASE and RMSSE are then null); the season from the frequency. */
        public Series(String uniqueId, double[] values, Scaling scaling, long startKey, Frequency frequency) {
            this(uniqueId, values, scaling, startKey, frequency, ErrorScale.none(frequency.season()));
        }
    }

    public List<Window> of(Series s, Split part) {
        int n = s.values().length;
        int h = windows.horizon();
        if (split.mode() == SplitSpec.Mode.SERIES) {
            return splitter.assign(s.uniqueId()) == part ? cut(s, n) : List.of();
        }
        int validationEnd = n - h * (split.cutoffs() + 1);
        return switch (part) {
            case TRAIN -> cut(s, validationEnd);
            case VALIDATION -> List.of(window(s, validationEnd, false));
            case TEST -> {
                List<Window> test = new ArrayList<>(split.cutoffs());
                for (int k = split.cutoffs() - 1; k >= 0; k--) {
                    test.add(window(s, n - h - k * h, k == 0));
                }
                yield test;
            }
        };
    }

    /** The forecast past the end of the series: its last {@code input} values, no target. */
    public Window future(Series s) {
        int n = s.values().length;
        WindowNormalization.Norm norm = norm(s, n);
        return new Window(s.uniqueId(), n, true, normalized(s, norm, n - windows.input(), windows.input()),
                new float[0], new double[0], Arrays.copyOfRange(s.values(), n - windows.input(), n), s.scaling(),
                norm, s.startKey(), s.frequency(), s.errorScale());
    }

    /** Sliding windows over values[0, prefix), anchored at its end. */
    private List<Window> cut(Series s, int prefix) {
        int available = prefix < windows.length() ? 0 : (prefix - windows.length()) / windows.stride() + 1;
        int count = Math.min(available, windows.maxPerSeries());
        List<Window> out = new ArrayList<>(count);
        for (int k = count - 1; k >= 0; k--) {
            out.add(window(s, prefix - windows.horizon() - k * windows.stride(), k == 0));
        }
        return out;
    }

    private Window window(Series s, int end, boolean last) {
        double[] actual = Arrays.copyOfRange(s.values(), end, end + windows.horizon());
        WindowNormalization.Norm norm = norm(s, end);
        return new Window(s.uniqueId(), end, last, normalized(s, norm, end - windows.input(), windows.input()),
                normalized(s, norm, end, windows.horizon()), actual,
                Arrays.copyOfRange(s.values(), end - windows.input(), end), s.scaling(), norm, s.startKey(),
                s.frequency(), s.errorScale());
    }

    /** The normalization of the window whose input ends before index {@code end}, from its input alone. */
    private WindowNormalization.Norm norm(Series s, int end) {
        double[] input = new double[windows.input()];
        for (int i = 0; i < input.length; i++) {
            input[i] = s.scaling().apply(s.values()[end - windows.input() + i]);
        }
        return windows.normalization().of(input);
    }

    private static float[] normalized(Series s, WindowNormalization.Norm norm, int from, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) norm.apply(s.scaling().apply(s.values()[from + i]));
        }
        return out;
    }
}
