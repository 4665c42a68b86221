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
    private final Task task;
    private final CovariateLayout covariates;

    public SeriesWindows(WindowSpec windows, SplitSpec split) {
        this(windows, split, Task.FORECAST);
    }

    /** Windows for {@code task} without covariates. */
    public SeriesWindows(WindowSpec windows, SplitSpec split, Task task) {
        this(windows, split, task, CovariateLayout.NONE);
    }

    /**
     * Windows for {@code task}: a classification window is {@code window.input} steps whose stored target is the
     * class index of each step ({@link Task#LABEL_STEPS}) or of its last step ({@link Task#CLASSIFY_SERIES}); its
     * {@code end} is the index after its last step, and classification splits by series only. {@code covariates}:
     * how the series' covariates are laid out in each window ({@link Window#covariates()}).
     */
    public SeriesWindows(WindowSpec windows, SplitSpec split, Task task, CovariateLayout covariates) {
        if (task.classifies() && split.mode() != SplitSpec.Mode.SERIES) {
            throw new IllegalArgumentException("task = " + task.key() + " splits by series (split.mode = series)");
        }
        if (task.classifies() && covariates.any()) {
            throw new IllegalArgumentException("data.covariates apply to task = forecast, not " + task.key());
        }
        this.windows = windows;
        this.split = split;
        this.splitter = new SeriesSplitter(split);
        this.task = task;
        this.covariates = covariates;
    }

    /**
     * A series as the batch layer hands it over: original values, scaling and time grid; for the classification
     * tasks the class index of every value ({@code labels}, else null); its covariates on their scaled axis,
     * [covariate][step] on the grid of {@code values} (a future covariate may run past the last value: the
     * horizon a forecast past the data is told about), or null.
     */
    public record Series(String uniqueId, double[] values, Scaling scaling, long startKey, Frequency frequency,
                         ErrorScale errorScale, int[] labels, double[][] covariates) {
        public Series(String uniqueId, double[] values, Scaling scaling, long startKey, Frequency frequency,
                      ErrorScale errorScale, int[] labels) {
            this(uniqueId, values, scaling, startKey, frequency, errorScale, labels, null);
        }

        /** Unlabelled. */
        public Series(String uniqueId, double[] values, Scaling scaling, long startKey, Frequency frequency,
                      ErrorScale errorScale) {
            this(uniqueId, values, scaling, startKey, frequency, errorScale, null);
        }

        /** Without in-sample error scales (MASE and RMSSE are then null); the season from the frequency. */
        public Series(String uniqueId, double[] values, Scaling scaling, long startKey, Frequency frequency) {
            this(uniqueId, values, scaling, startKey, frequency, ErrorScale.none(frequency.season()));
        }
    }

    public List<Window> of(Series s, Split part) {
        // only the evaluated windows carry the series' history (the classical baselines fit it)
        return of(s, part, part == Split.TEST);
    }

    /**
     * The windows of {@code part}, with the series' history before each if {@code history} (validation windows
     * that every baseline forecasts, to calibrate prediction intervals on).
     */
    public List<Window> of(Series s, Split part, boolean history) {
        int n = s.values().length;
        int h = windows.horizon();
        if (task.classifies()) {
            return splitter.assign(s.uniqueId()) == part ? labelled(s, n) : List.of();
        }
        int negative = firstNegative(s);
        if (split.mode() == SplitSpec.Mode.SERIES) {
            return splitter.assign(s.uniqueId()) == part ? cut(s, n, history, negative) : List.of();
        }
        int trained = split.trainedPart(n, windows);
        return switch (part) {
            case TRAIN -> cut(s, trained, history, negative);
            case VALIDATION -> split.validates(n, windows) ? List.of(window(s, trained, false, history, negative))
                    : List.of();
            case TEST -> {
                List<Window> test = new ArrayList<>(split.cutoffs());
                for (int k = split.cutoffs() - 1; k >= 0; k--) {
                    test.add(window(s, n - h - k * h, k == 0, history, negative));
                }
                yield test;
            }
        };
    }

    /**
     * How many windows per series {@link #calibration} gives for {@code asked} horizons: that many with
     * split.mode = time, else 1 (a series split calibrates on the validation series' windows).
     */
    public int calibrationHorizons(int asked) {
        return split.mode() == SplitSpec.Mode.TIME && !task.classifies() ? asked : 1;
    }

    /**
     * The windows prediction intervals calibrate on, each with the series' history. split.mode = time: the
     * validation window and the {@code horizons} - 1 windows whose horizons precede it back to back (origins
     * trained - h, trained - 2h, ...; those with fewer observed values before them than a window needs are left
     * out). Their targets lie in the training part: a network has been trained on them, a per-window baseline has
     * not. Series mode: the validation series' windows.
     */
    public List<Window> calibration(Series s, int horizons) {
        if (calibrationHorizons(horizons) == 1) {
            return of(s, Split.VALIDATION, true);
        }
        int n = s.values().length;
        if (!split.validates(n, windows)) {
            return List.of();
        }
        int trained = split.trainedPart(n, windows);
        int negative = firstNegative(s);
        List<Window> out = new ArrayList<>(horizons);
        for (int j = horizons - 1; j >= 0; j--) {
            int end = trained - j * windows.horizon();
            if (end >= Math.max(1, windows.fewestObserved())) {
                out.add(window(s, end, false, true, negative));
            }
        }
        return out;
    }

    /**
     * The forecast past the end of the series: its last {@code input} values (left-padded when it has fewer), no
     * target. Null when its layout runs into the horizon and the series' future covariates do not reach
     * {@code horizon} steps past its last value (nothing to tell the network about the horizon).
     */
    public Window future(Series s) {
        int n = s.values().length;
        if (!coversHorizon(s, n)) {
            return null;
        }
        int from = Math.max(0, n - windows.input());
        WindowNormalization.Norm norm = norm(s, from, n).with(baseLag(s, n - from),
                floorAtZero(n, firstNegative(s)));
        return new Window(s.uniqueId(), n, true, padded(s, norm, from, n), new float[0], new double[0],
                Arrays.copyOfRange(s.values(), from, n), s.scaling(), norm, s.startKey(), s.frequency(),
                s.errorScale(), s.values().clone(), covariates(s, from, n));
    }

    /** Whether the series' future covariates (if the layout reads any) reach {@code horizon} steps past {@code end}. */
    private boolean coversHorizon(Series s, int end) {
        if (!covariates.extendsIntoHorizon()) {
            return true;
        }
        for (int c = covariates.historic(); c < covariates.channels(); c++) {
            if (s.covariates()[c].length < end + windows.horizon()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The covariate channels of the window whose observed input is values[from, end): each left-padded to
     * {@code window.input} with its first value; with a layout that runs into the horizon, then the horizon's
     * steps (a future covariate's values[end, end + horizon), 0 for a historic one). Null without covariates.
     */
    private float[][] covariates(Series s, int from, int end) {
        if (!covariates.any()) {
            return null;
        }
        if (s.covariates() == null || s.covariates().length != covariates.channels()) {
            throw new IllegalArgumentException("series " + s.uniqueId() + " has "
                    + (s.covariates() == null ? 0 : s.covariates().length) + " covariates, the windows "
                    + covariates.channels());
        }
        int t = windows.input();
        int steps = covariates.steps(t, windows.horizon());
        int pad = t - (end - from);
        float[][] out = new float[covariates.channels()][steps];
        for (int c = 0; c < out.length; c++) {
            double[] x = s.covariates()[c];
            Arrays.fill(out[c], 0, pad, (float) x[from]);
            for (int i = from; i < end; i++) {
                out[c][pad + i - from] = (float) x[i];
            }
            if (covariates.isFuture(c)) {
                for (int k = 0; k < steps - t; k++) {
                    out[c][t + k] = (float) x[end + k];
                }
            }
        }
        return out;
    }

    /**
     * Sliding windows over values[0, prefix), anchored at its end; with their history if {@code history}. A prefix
     * too short for one full window gives padded ones, each with at least {@link WindowSpec#fewestObserved}
     * observed values (none without padding).
     */
    private List<Window> cut(Series s, int prefix, boolean history, int firstNegative) {
        int h = windows.horizon();
        int available = prefix >= windows.length() ? (prefix - windows.length()) / windows.stride() + 1
                : prefix >= windows.fewestObserved() + h ? (prefix - h - windows.fewestObserved()) / windows.stride() + 1
                : 0;
        int count = Math.min(available, windows.maxPerSeries());
        List<Window> out = new ArrayList<>(count);
        for (int k = count - 1; k >= 0; k--) {
            out.add(window(s, prefix - windows.horizon() - k * windows.stride(), k == 0, history, firstNegative));
        }
        return out;
    }

    /** Classification windows over values[0, n), anchored at the end, each ending just before {@code end}. */
    private List<Window> labelled(Series s, int n) {
        if (s.labels() == null || s.labels().length != n) {
            throw new IllegalArgumentException("series " + s.uniqueId() + " has no label for every value (task = "
                    + task.key() + ")");
        }
        int t = windows.input();
        int available = n < t ? 0 : (n - t) / windows.stride() + 1;
        int count = Math.min(available, windows.maxPerSeries());
        int perWindow = task.labelsPerWindow(t);
        List<Window> out = new ArrayList<>(count);
        for (int k = count - 1; k >= 0; k--) {
            int end = n - k * windows.stride();
            float[] classes = new float[perWindow];
            double[] actual = new double[perWindow];
            for (int i = 0; i < perWindow; i++) {
                classes[i] = s.labels()[end - perWindow + i];
                actual[i] = classes[i];
            }
            WindowNormalization.Norm norm = norm(s, end - t, end);
            out.add(new Window(s.uniqueId(), end, k == 0, normalized(s, norm, end - t, t), classes, actual,
                    Arrays.copyOfRange(s.values(), end - t, end), s.scaling(), norm, s.startKey(), s.frequency(),
                    s.errorScale()));
        }
        return out;
    }

    /**
     * The window whose targets start at {@code end}: its input left-padded where the series starts later; with the
     * series' history before {@code end} if {@code history}.
     */
    private Window window(Series s, int end, boolean last, boolean history, int firstNegative) {
        double[] actual = Arrays.copyOfRange(s.values(), end, end + windows.horizon());
        int from = Math.max(0, end - windows.input());
        WindowNormalization.Norm norm = norm(s, from, end).with(baseLag(s, end - from),
                floorAtZero(end, firstNegative));
        float[] input = padded(s, norm, from, end);
        float[] target = normalized(s, norm, end, windows.horizon());
        for (int k = 0; k < target.length; k++) {
            target[k] -= TargetBase.of(input, norm.baseLag(), k);
        }
        return new Window(s.uniqueId(), end, last, input, target, actual, Arrays.copyOfRange(s.values(), from, end),
                s.scaling(), norm, s.startKey(), s.frequency(), s.errorScale(),
                history ? Arrays.copyOf(s.values(), end) : null, covariates(s, from, end));
    }

    /** The lag of the base ({@link TargetBase}) of a window with {@code observed} observed input values. */
    private int baseLag(Series s, int observed) {
        return windows.targetBase().lag(s.errorScale().season(), observed);
    }

    /**
     * Whether forecasts from origin {@code end - 1} are clamped at 0: window.clamp-nonnegative and no negative value
     * in values[0, end), i.e. the series' first negative value (at {@code firstNegative}) comes at or after end.
     */
    private boolean floorAtZero(int end, int firstNegative) {
        return windows.clampNonNegative() && firstNegative >= end;
    }

    /** The index of the series' first negative value, its length if it has none: one scan per series. */
    private static int firstNegative(Series s) {
        double[] v = s.values();
        int i = 0;
        while (i < v.length && v[i] >= 0) {
            i++;
        }
        return i;
    }

    /** The normalization of the window whose observed input is values[from, end), from that input alone. */
    private WindowNormalization.Norm norm(Series s, int from, int end) {
        double[] input = new double[end - from];
        for (int i = 0; i < input.length; i++) {
            input[i] = s.scaling().apply(s.values()[from + i]);
        }
        return windows.normalization().of(input);
    }

    /** The input of values[from, end), left-padded to {@code window.input} with its first value. */
    private float[] padded(Series s, WindowNormalization.Norm norm, int from, int end) {
        float[] observed = normalized(s, norm, from, end - from);
        if (observed.length == windows.input()) {
            return observed;
        }
        float[] out = new float[windows.input()];
        int pad = out.length - observed.length;
        Arrays.fill(out, 0, pad, observed[0]);
        System.arraycopy(observed, 0, out, pad, observed.length);
        return out;
    }

    private static float[] normalized(Series s, WindowNormalization.Norm norm, int from, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) norm.apply(s.scaling().apply(s.values()[from + i]));
        }
        return out;
    }
}
