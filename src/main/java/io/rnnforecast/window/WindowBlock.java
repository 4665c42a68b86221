package io.rnnforecast.window;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Many windows as flat float arrays (row-major {@code [size, input]} and {@code [size, horizon]}, and with
 * covariates {@code [size, channels, steps]}): the compact form training data is cached in. A block of 640 default
 * windows is ~130 KB in one object instead of 640 Window records with their boxed metadata; each covariate adds
 * {@code steps} floats a window, nothing else. The labels a strategy trains on ({@link Targets}: the horizon
 * vector, its first value, or every input step's next horizon values) are made from these arrays when a minibatch
 * is cut, so the cache costs the same whatever the strategy. Spark-free.
 */
public record WindowBlock(int size, int input, int horizon, float[] inputs, float[] targets, CovariateLayout layout,
                          int covariateSteps, float[] covariates) implements Serializable {
    /** A padded input step in a block ({@link Window#blockInput}). */
    static final float PAD = Float.NaN;

    public WindowBlock {
        if (inputs.length != size * input || targets.length != size * horizon
                || covariates.length != size * layout.channels() * covariateSteps
                || layout.any() && covariateSteps != input && !layout.extendsIntoHorizon()) {
            throw new IllegalArgumentException("block arrays do not match " + size + " x (" + input + ", " + horizon
                    + ", " + layout + ")");
        }
    }

    /** Without covariates. */
    public WindowBlock(int size, int input, int horizon, float[] inputs, float[] targets) {
        this(size, input, horizon, inputs, targets, CovariateLayout.NONE, 0, new float[0]);
    }

    /** Floats per window of the covariate array. */
    private int covariatesPerWindow() {
        return layout.channels() * covariateSteps;
    }

    /** Packs rows {@code {input values, target values}} (all of one input length and horizon) in list order. */
    public static WindowBlock of(List<float[][]> rows, int input, int horizon) {
        return of(rows, input, horizon, CovariateLayout.NONE, 0);
    }

    /**
     * Packs rows {@code {input values, target values, covariates}} (the covariates flattened [channel][step] as
     * {@link #flatCovariates} gives them, empty without) in list order; the covariates span
     * {@code covariateSteps} steps (the input's, and with future covariates the horizon's: a forecast past the
     * data stores no target but is told about its horizon).
     */
    public static WindowBlock of(List<float[][]> rows, int input, int horizon, CovariateLayout layout,
                                 int covariateSteps) {
        int per = layout.channels() * covariateSteps;
        float[] x = new float[rows.size() * input];
        float[] y = new float[rows.size() * horizon];
        float[] c = new float[rows.size() * per];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i)[0], 0, x, i * input, input);
            System.arraycopy(rows.get(i)[1], 0, y, i * horizon, horizon);
            if (per > 0) {
                System.arraycopy(rows.get(i)[2], 0, c, i * per, per);
            }
        }
        return new WindowBlock(rows.size(), input, horizon, x, y, layout, covariateSteps, c);
    }

    /** A window's covariates as one row of a block's covariate array ([channel][step]); empty without. */
    public static float[] flatCovariates(Window w) {
        if (w.covariates() == null) {
            return new float[0];
        }
        int steps = w.covariates().length == 0 ? 0 : w.covariates()[0].length;
        float[] out = new float[w.covariates().length * steps];
        for (int c = 0; c < w.covariates().length; c++) {
            System.arraycopy(w.covariates()[c], 0, out, c * steps, steps);
        }
        return out;
    }

    /** A window as a block row: {@code {blockInput, target, flat covariates}}. */
    public static float[][] row(Window w) {
        return new float[][] {w.blockInput(), w.target(), flatCovariates(w)};
    }

    public static WindowBlock ofWindows(List<Window> windows, int input, int horizon) {
        return ofWindows(windows, input, horizon, CovariateLayout.NONE, 0);
    }

    /** Windows with covariates laid out as {@code layout}, their channels {@code covariateSteps} long. */
    public static WindowBlock ofWindows(List<Window> windows, int input, int horizon, CovariateLayout layout,
                                        int covariateSteps) {
        return of(windows.stream().map(WindowBlock::row).toList(), input, horizon, layout, covariateSteps);
    }

    /** Rows {@code rows[from..to)} of this block appended to {@code into} at row {@code at}. */
    public void copyRows(int[] rows, int from, int to, WindowBlock into, int at) {
        int per = covariatesPerWindow();
        for (int i = from; i < to; i++, at++) {
            System.arraycopy(inputs, rows[i] * input, into.inputs, at * input, input);
            System.arraycopy(targets, rows[i] * horizon, into.targets, at * horizon, horizon);
            System.arraycopy(covariates, rows[i] * per, into.covariates, at * per, per);
        }
    }

    /** An empty block of {@code size} rows shaped like this one. */
    public WindowBlock emptyLike(int size) {
        return new WindowBlock(size, input, horizon, new float[size * input], new float[size * horizon], layout,
                covariateSteps, new float[size * covariatesPerWindow()]);
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
        INDArray features = this.layout.any() ? withCovariates(x, from, b)
                : Nd4j.create(x, new long[] {b, 1, input}, 'c');
        if (mask != null && covariateSteps > input) {
            // the horizon steps are never padding
            mask = Nd4j.hstack(mask, Nd4j.ones(mask.dataType(), b, covariateSteps - input));
        }
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
     * Features {@code [b, features, steps]} ({@link CovariateLayout}): channel 0 the (unpadded) inputs {@code x}
     * then 0 over the horizon steps, then the rows' covariate channels, then the horizon flag (1 on the horizon
     * steps) when the layout runs into the horizon.
     */
    private INDArray withCovariates(float[] x, int from, int b) {
        int steps = covariateSteps;
        int channels = layout.channels();
        int f = layout.features();
        float[] out = new float[b * f * steps];
        for (int i = 0; i < b; i++) {
            int row = i * f * steps;
            System.arraycopy(x, i * input, out, row, input);
            System.arraycopy(covariates, (from + i) * channels * steps, out, row + steps, channels * steps);
            if (steps > input) {
                java.util.Arrays.fill(out, row + (f - 1) * steps + input, row + f * steps, 1f);
            }
        }
        return Nd4j.create(out, new long[] {b, f, steps}, 'c');
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
