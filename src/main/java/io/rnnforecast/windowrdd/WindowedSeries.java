package io.rnnforecast.windowrdd;

import io.rnnforecast.ingest.AssembledSeries;
import io.rnnforecast.window.Minibatches;
import io.rnnforecast.window.SeriesWindows;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.SplitSpec;
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

    public WindowedSeries(Dataset<Row> series, WindowSpec windows, SplitSpec split) {
        this.series = series;
        this.windows = windows;
        this.split = split;
    }

    public WindowSpec windowSpec() {
        return windows;
    }

    public JavaRDD<Window> windows(Split part) {
        SeriesWindows cutter = new SeriesWindows(windows, split);
        return series.toJavaRDD().flatMap(row -> cutter.of(toSeries(row), part).iterator());
    }

    /** One window per series past its last observation (no target): the forecasts users act on. */
    public JavaRDD<Window> futureWindows() {
        SeriesWindows cutter = new SeriesWindows(windows, split);
        return series.toJavaRDD().map(row -> cutter.future(toSeries(row)));
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

    static SeriesWindows.Series toSeries(Row row) {
        AssembledSeries a = AssembledSeries.fromRow(row);
        return new SeriesWindows.Series(a.uniqueId(), a.values(), a.scaling(), a.startKey(), a.frequency(),
                a.errorScale());
    }
}
