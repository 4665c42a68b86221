package io.rnnforecast.windowrdd;

import io.rnnforecast.ingest.AssembledSeries;
import io.rnnforecast.ingest.CovariateSpec;
import io.rnnforecast.ingest.StaticCovariates;
import io.rnnforecast.series.CalendarFeature;
import io.rnnforecast.window.CovariateLayout;
import io.rnnforecast.window.Minibatches;
import io.rnnforecast.window.SeriesWindows;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.Task;
import io.rnnforecast.window.Window;
import io.rnnforecast.window.WindowSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Iterator;
import java.util.List;

/**
 * Used series (rows of {@link AssembledSeries#SCHEMA}) cut into windows and split, all inside the executors.
 * Windows and minibatches are never collected to the driver.
 */
public final class WindowedSeries {
    private final Dataset<Row> series;
    private final WindowSpec windows;
    private final SplitSpec split;
    private final Task task;
    private final CovariateLayout covariates;
    private final CovariateSpec derived;

    public WindowedSeries(Dataset<Row> series, WindowSpec windows, SplitSpec split) {
        this(series, windows, split, Task.FORECAST);
    }

    /** Windows for {@code task} (see {@link SeriesWindows}), without covariates. */
    public WindowedSeries(Dataset<Row> series, WindowSpec windows, SplitSpec split, Task task) {
        this(series, windows, split, task, CovariateSpec.NONE);
    }

    /**
     * Windows for {@code task} with the series' covariates ({@code covariates}: their columns, read at ingestion,
     * and the calendar features derived here from each series' grid) laid out as {@link CovariateLayout#of}.
     */
    public WindowedSeries(Dataset<Row> series, WindowSpec windows, SplitSpec split, Task task,
                          CovariateSpec covariates) {
        this.series = series;
        this.windows = windows;
        this.split = split;
        this.task = task;
        this.covariates = CovariateLayout.of(covariates);
        this.derived = covariates;
    }

    public CovariateLayout covariates() {
        return covariates;
    }

    /**
     * How many values each window stores beside its input: the horizon, or its class indices when classifying
     * (the width of the cached blocks' target array).
     */
    public int storedPerWindow() {
        return task.classifies() ? task.labelsPerWindow(windows.input()) : windows.horizon();
    }

    public WindowSpec windowSpec() {
        return windows;
    }

    public JavaRDD<Window> windows(Split part) {
        SeriesWindows cutter = new SeriesWindows(windows, split, task, covariates);
        CovariateSpec derived = this.derived;
        int horizon = windows.horizon();
        return series.toJavaRDD().flatMap(row -> cutter.of(toSeries(row, derived, horizon), part).iterator());
    }

    /** The horizons per series {@link #calibrationWindows} calibrates on when {@code asked} for that many. */
    public int calibrationHorizons(int asked) {
        return new SeriesWindows(windows, split, task, covariates).calibrationHorizons(asked);
    }

    /**
     * The windows prediction intervals calibrate on ({@link SeriesWindows#calibration}), each with its series'
     * history (what the per-series classical baselines fit): with split.mode = time each series' validation window
     * and the {@code horizons} - 1 before it; with a series split the validation series' windows.
     */
    public JavaRDD<Window> calibrationWindows(int horizons) {
        SeriesWindows cutter = new SeriesWindows(windows, split, task, covariates);
        CovariateSpec derived = this.derived;
        int horizon = windows.horizon();
        return series.toJavaRDD().flatMap(row -> cutter.calibration(toSeries(row, derived, horizon), horizons)
                .iterator());
    }

    /** How many labels of each class the windows of {@code part} carry (classification tasks). */
    public ClassCounts classCounts(Split part, int classes) {
        return new ClassCounts(windows(part).aggregate(new long[classes], (counts, w) -> {
            for (float c : w.target()) {
                counts[(int) c]++;
            }
            return counts;
        }, (a, b) -> {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        }));
    }

    /** Labels per class index. */
    public record ClassCounts(long[] counts) {
        /** The index of the most frequent class (the lowest index among ties). */
        public int mostFrequent() {
            int best = 0;
            for (int i = 1; i < counts.length; i++) {
                if (counts[i] > counts[best]) {
                    best = i;
                }
            }
            return best;
        }
    }

    /**
     * One window per series past its last observation (no target): the forecasts users act on. With future
     * covariates, only series whose covariates reach the horizon past their last value have one.
     */
    public JavaRDD<Window> futureWindows() {
        SeriesWindows cutter = new SeriesWindows(windows, split, Task.FORECAST, covariates);
        CovariateSpec derived = this.derived;
        int horizon = windows.horizon();
        return series.toJavaRDD().flatMap(row -> {
            Window w = cutter.future(toSeries(row, derived, horizon));
            return (w == null ? List.<Window>of() : List.of(w)).iterator();
        });
    }

    /** Minibatches of at most {@code batchSize} windows, built per partition. */
    public JavaRDD<DataSet> minibatches(Split part, int batchSize) {
        return windows(part).mapPartitions(it -> batches(it, batchSize));
    }

    private static Iterator<DataSet> batches(Iterator<Window> windows, int batchSize) {
        Iterator<List<Window>> groups = Minibatches.grouped(windows, batchSize);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return groups.hasNext();
            }

            @Override
            public DataSet next() {
                return Minibatches.of(groups.next());
            }
        };
    }

    /**
     * A series row with its covariates on the scaled axis, then the channels {@code spec} derives: its calendar
     * features, then its per-series covariates encoded (fitted, {@link StaticCovariates#encode}), each over the
     * series' values and {@code horizon} steps past them (so a forecast past the data has them too).
     */
    static SeriesWindows.Series toSeries(Row row, CovariateSpec spec, int horizon) {
        AssembledSeries a = AssembledSeries.fromRow(row);
        double[][] covariates = a.scaledCovariates();
        StaticCovariates statics = spec.statics();
        if (!spec.calendar().isEmpty() || statics.any()) {
            int steps = a.values().length + horizon;
            double[][] calendar = CalendarFeature.channels(spec.calendar(), a.uniqueId(), a.startKey(),
                    a.frequency(), steps);
            double[] encoded = statics.any() ? statics.encode(a.statics(), a.categories()) : new double[0];
            double[][] read = covariates == null ? new double[0][] : covariates;
            covariates = java.util.Arrays.copyOf(read, read.length + calendar.length + encoded.length);
            System.arraycopy(calendar, 0, covariates, read.length, calendar.length);
            for (int i = 0; i < encoded.length; i++) {
                covariates[read.length + calendar.length + i] = new double[steps];
                java.util.Arrays.fill(covariates[read.length + calendar.length + i], encoded[i]);
            }
        }
        return new SeriesWindows.Series(a.uniqueId(), a.values(), a.scaling(), a.startKey(), a.frequency(),
                a.errorScale(), a.labels(), covariates);
    }
}
