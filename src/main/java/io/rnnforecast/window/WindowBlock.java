package io.rnnforecast.window;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Many windows as two flat float arrays (row-major {@code [size, input]} and {@code [size, horizon]}): the compact
 * form training data is cached in. A block of 640 default windows is ~130 KB in one object instead of 640 Window
 * records with their boxed metadata. The labels a strategy trains on ({@link Targets}: the horizon vector, its
 * first value, or every input step's next horizon values) are made from these arrays when a minibatch is cut, so
 * the cache costs the same whatever the strategy. Spark-free.
 */
public record WindowBlock(int size, int input, int horizon, float[] inputs, float[] targets) implements Serializable {
    /** A padded input step in a block ({@link Window#blockInput}). */
    static final float PAD = Float.NaN;

    public WindowBlock {
        if (inputs.length != size * input || targets.length != size * horizon) {
            throw new IllegalArgumentException("block arrays do not match " + size + " x (" + input + ", " + horizon
                    + ")");
        }
    }

    /** Packs rows {@code {input values, target values}} (all of one input length and horizon) in list order. */
    public static WindowBlock of(List<float[][]> rows, int input, int horizon) {
        float[] x = new float[rows.size() * input];
        float[] y = new float[rows.size() * horizon];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i)[0], 0, x, i * input, input);
            System.arraycopy(rows.get(i)[1], 0, y, i * horizon, horizon);
        }
        return new WindowBlock(rows.size(), input, horizon, x, y);
    }

    public static WindowBlock ofWindows(List<Window> windows, int input, int horizon) {
        return of(windows.stream().map(w -> new float[][] {w.blockInput(), w.target()}).toList(), input, horizon);
    }

    /** Rows {@code rows[from..to)} of this block appended to {@code into} at row {@code at}. */
    public void copyRows(int[] rows, int from, int to, WindowBlock into, int at) {
        for (int i = from; i < to; i++, at++) {
            System.arraycopy(inputs, rows[i] * input, into.inputs, at * input, input);
            System.arraycopy(targets, rows[i] * horizon, into.targets, at * horizon, horizon);
        }
    }

    public static WindowBlock empty(int size, int input, int horizon) {
        return new WindowBlock(size, input, horizon, new float[size * input], new float[size * horizon]);
    }

    /**
     * Consecutive minibatches of at most {@code batchSize} rows, as DL4J DataSets: features
     * {@code [b, 1, input]} (one feature per time step), labels {@code [b, horizon]}; no masks.
     */
    public List<DataSet> minibatches(int batchSize) {
        return minibatches(batchSize, Targets.HORIZON, false);
    }

    /** Consecutive minibatches of at most {@code batchSize} rows with labels in the {@code layout}; no masks. */
    public List<DataSet> minibatches(int batchSize, LabelLayout layout) {
        return minibatches(batchSize, layout, false);
    }

    /**
     * Consecutive minibatches of at most {@code batchSize} rows with labels in the {@code layout}; with
     * {@code masks}, a batch with padded windows carries a features mask ({@link #rows(int, int, LabelLayout,
     * boolean)}).
     */
    public List<DataSet> minibatches(int batchSize, LabelLayout layout, boolean masks) {
        List<DataSet> batches = new ArrayList<>((size + batchSize - 1) / batchSize);
        for (int from = 0; from < size; from += batchSize) {
            batches.add(rows(from, Math.min(size, from + batchSize), layout, masks));
        }
        return batches;
    }

    /**
     * Rows {@code [from, to)} as one DataSet, no masks; features only when the horizon is 0 (forecasts past the
     * data).
     */
    public DataSet rows(int from, int to) {
        return rows(from, to, Targets.HORIZON, false);
    }

    /** Rows {@code [from, to)} as one DataSet, labels in the {@code layout}, no masks. */
    public DataSet rows(int from, int to, LabelLayout layout) {
        return rows(from, to, layout, false);
    }

    /**
     * Rows {@code [from, to)} as one DataSet, labels in the {@code layout} ([b, horizon], [b, 1] or
     * [b, horizon, label steps]); features only when the horizon is 0 (forecasts past the data). Padded steps take
     * their row's first observed value (the labels made from the input too); with {@code masks} the DataSet also
     * has a features mask [b, input] (1 = observed, 0 = padding) when any row is padded, else none.
     */
    public DataSet rows(int from, int to, LabelLayout layout, boolean masks) {
        int b = to - from;
        float[] x = java.util.Arrays.copyOfRange(inputs, from * input, to * input);
        INDArray mask = unpad(x, b, input, masks);
        INDArray features = Nd4j.create(x, new long[] {b, 1, input}, 'c');
        if (horizon == 0) {
            return new DataSet(features, null, mask, null);
        }
        if (Targets.HORIZON.equals(layout)) {
            float[] y = java.util.Arrays.copyOfRange(targets, from * horizon, to * horizon);
            return new DataSet(features, Nd4j.create(y, new long[] {b, horizon}, 'c'), mask, null);
        }
        int per = layout.perWindow(input, horizon);
        float[] labels = new float[b * per];
        for (int i = 0; i < b; i++) {
            layout.write(x, i * input, input, targets, (from + i) * horizon, horizon, labels, i * per);
        }
        return new DataSet(features, Nd4j.create(labels, layout.shape(b, input, horizon), 'c'), mask, null);
    }

    /**
     * Replaces each row's padded steps ({@link #PAD}, always a prefix) of {@code x} [b][t] by the row's first
     * observed value; returns the mask (1 = observed) when {@code masks} and some row is padded, else null.
     */
    static INDArray unpad(float[] x, int b, int t, boolean masks) {
        float[] mask = null;
        for (int i = 0; i < b; i++) {
            int at = i * t;
            if (!Float.isNaN(x[at])) {
                continue;
            }
            int first = at;
            while (first < at + t - 1 && Float.isNaN(x[first])) {
                first++;
            }
            if (masks && mask == null) {
                mask = new float[b * t];
                java.util.Arrays.fill(mask, 1f);
            }
            for (int k = at; k < first; k++) {
                x[k] = x[first];
                if (mask != null) {
                    mask[k] = 0f;
                }
            }
        }
        return mask == null ? null : Nd4j.create(mask, new long[] {b, t}, 'c');
    }
}
