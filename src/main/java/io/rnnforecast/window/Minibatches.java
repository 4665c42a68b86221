package io.rnnforecast.window;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Packs windows into DL4J minibatches: features {@code [batch, 1, input]} (DL4J's recurrent layout, one feature per
 * step) and labels {@code [batch, horizon]}. Spark-free; the batch layer calls it inside executors.
 */
public final class Minibatches {
    private Minibatches() {
    }

    public static DataSet of(List<Window> windows) {
        int b = windows.size();
        int input = windows.get(0).input().length;
        int horizon = windows.get(0).target().length;
        float[] features = new float[b * input];
        float[] labels = new float[b * horizon];
        for (int i = 0; i < b; i++) {
            Window w = windows.get(i);
            System.arraycopy(w.input(), 0, features, i * input, input);
            System.arraycopy(w.target(), 0, labels, i * horizon, horizon);
        }
        INDArray f = Nd4j.create(features, new long[] {b, 1, input}, 'c');
        // Future windows have no target: a features-only DataSet.
        INDArray l = horizon == 0 ? null : Nd4j.create(labels, new long[] {b, horizon}, 'c');
        return new DataSet(f, l);
    }

    /** Groups an iterator of windows into lists of at most {@code size}. */
    public static Iterator<List<Window>> grouped(Iterator<Window> windows, int size) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return windows.hasNext();
            }

            @Override
            public List<Window> next() {
                List<Window> batch = new ArrayList<>(size);
                while (windows.hasNext() && batch.size() < size) {
                    batch.add(windows.next());
                }
                return batch;
            }
        };
    }
}
