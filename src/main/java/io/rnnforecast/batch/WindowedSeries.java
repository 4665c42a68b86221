package io.rnnforecast.batch;

import io.rnnforecast.data.SeriesReader;
import io.rnnforecast.window.Minibatches;
import io.rnnforecast.window.SeriesSplitter;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.Window;
import io.rnnforecast.window.WindowCutter;
import io.rnnforecast.window.WindowSpec;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.dataset.DataSet;
import scala.collection.Seq;

import java.util.Iterator;
import java.util.List;

/**
 * Series (one row each, from {@link SeriesReader}) cut into windows and split by series id, all inside the
 * executors. Windows and minibatches are never collected to the driver.
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
        WindowSpec spec = windows;
        SeriesSplitter splitter = new SeriesSplitter(split);
        return series.toJavaRDD().flatMap(row -> {
            String id = row.getString(0);
            if (splitter.assign(id) != part) {
                return java.util.Collections.emptyIterator();
            }
            return new WindowCutter(spec).cut(id, toDoubles(row.getSeq(1))).iterator();
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

    private static double[] toDoubles(Seq<Object> seq) {
        double[] out = new double[seq.size()];
        scala.collection.Iterator<Object> it = seq.iterator();
        for (int i = 0; it.hasNext(); i++) {
            Object v = it.next();
            if (v == null) {
                throw new IllegalStateException("null value inside a series; the reader must reject such rows");
            }
            out[i] = ((Number) v).doubleValue();
        }
        return out;
    }
}
