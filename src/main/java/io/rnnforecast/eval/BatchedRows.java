package io.rnnforecast.eval;

import io.rnnforecast.window.Minibatches;
import io.rnnforecast.window.Window;
import org.apache.spark.sql.Row;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * A partition's windows turned into rows a batch at a time, lazily: only one batch's rows are held, however many
 * windows the partition has (a label-steps partition makes input-length rows per window).
 */
final class BatchedRows {
    private BatchedRows() {
    }

    static Iterator<Row> of(Iterator<Window> windows, int batchSize, Function<List<Window>, List<Row>> rowsOf) {
        Iterator<List<Window>> batches = Minibatches.grouped(windows, batchSize);
        return new Iterator<>() {
            private Iterator<Row> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && batches.hasNext()) {
                    current = rowsOf.apply(batches.next()).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
