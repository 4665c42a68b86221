package io.rnnforecast.series;

import java.util.Arrays;

/**
 * Turns one series' raw observations into a regular series on its time grid: orders by time, resolves duplicate
 * keys, snaps irregular keys to the nearest grid step and fills gaps, as a {@link RepairPolicy} says. Spark-free.
 */
public final class SeriesRepair implements java.io.Serializable {

    private final RepairPolicy policy;

    public SeriesRepair(RepairPolicy policy) {
        this.policy = policy;
    }

    /**
     * The outcome for one series. {@code values} is null when the series is rejected ({@code rejectReason} says why).
     * {@code startKey} is the first time key (a step, or epoch seconds). {@code duplicatesDropped} counts rows merged
     * away; {@code filled} counts grid steps that had no observation.
     */
    public record Result(double[] values, long startKey, Frequency frequency, int observations, int duplicatesDropped,
                         int filled, boolean irregular, RejectReason rejectReason) {
        public boolean rejected() {
            return rejectReason != null;
        }
    }

    /**
     * @param keys  time keys (steps, or epoch seconds when {@code keysAreSeconds}), in any order
     * @param y     values, finite
     * @param order input order of each row (for keep-last)
     */
    public Result repair(long[] keys, double[] y, long[] order, boolean keysAreSeconds) {
        int n = keys.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> keys[a] != keys[b] ? Long.compare(keys[a], keys[b]) : Long.compare(order[a], order[b]));
        long[] distinct = new long[n];
        int d = 0;
        for (int i = 0; i < n; i++) {
            long k = keys[idx[i]];
            if (d == 0 || distinct[d - 1] != k) {
                distinct[d++] = k;
            }
        }
        if (d < 2 && policy.frequency() == null) {
            return new Result(null, d == 0 ? 0 : distinct[0], null, n, 0, 0, false, RejectReason.SINGLE_POINT);
        }
        Frequency freq = policy.frequency() != null ? policy.frequency()
                : Frequency.infer(Arrays.copyOf(distinct, d), keysAreSeconds);
        long start = keys[idx[0]];
        long startScaled = freq.scaleKey(start);
        // grid position of each row; rows sharing a position are duplicates
        long[] pos = new long[n];
        boolean irregular = false;
        for (int i = 0; i < n; i++) {
            long delta = freq.scaleKey(keys[idx[i]]) - startScaled;
            long p = Math.round(delta / (double) freq.every());
            irregular |= p * freq.every() != delta;
            pos[i] = p;
        }
        int length = (int) (pos[n - 1] + 1);
        double[] values = new double[length];
        boolean[] seen = new boolean[length];
        int duplicates = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            double sum = 0;
            while (j < n && pos[j] == pos[i]) {
                sum += y[idx[j]];
                j++;
            }
            int count = j - i;
            if (count > 1) {
                if (policy.duplicates() == RepairPolicy.Duplicates.REJECT_SERIES) {
                    return new Result(null, start, freq, n, 0, 0, irregular, RejectReason.DUPLICATE_DS);
                }
                duplicates += count - 1;
            }
            int p = (int) pos[i];
            values[p] = policy.duplicates() == RepairPolicy.Duplicates.MEAN ? sum / count : y[idx[j - 1]];
            seen[p] = true;
            i = j;
        }
        int filled = length - (n - duplicates);
        if (filled > 0) {
            if (policy.gaps() == RepairPolicy.Gaps.REJECT_SERIES) {
                return new Result(null, start, freq, n, duplicates, 0, irregular, RejectReason.GAPS);
            }
            fill(values, seen, policy.gaps());
        }
        return new Result(values, start, freq, n, duplicates, filled, irregular, null);
    }

    /**
     * A covariate of the series whose values {@code grid} repaired, on the same grid: each row's value at its grid
     * step (NaN: the row has none), several rows at one step merged as the duplicates policy says over the rows
     * that have a value (keep-last, mean), and the steps left without one (gaps, and rows without a value) filled
     * as data.gaps says (interpolate or forward-fill; before the first value its first value, after the last its
     * last). Null when nothing can be filled from (no value at all, or a missing one under gaps = reject-series).
     * With {@code ahead} (a future covariate), rows past the grid's end extend it by the steps they give without a
     * gap after it (the values a forecast past the data is told; nothing there is filled); rows before the grid's
     * start are not on it.
     *
     * @param x the covariate per row, NaN where missing; the rows of the series, with or without y
     */
    public double[] covariate(long[] keys, double[] x, long[] order, Result grid, boolean ahead) {
        Frequency freq = grid.frequency();
        long startScaled = freq.scaleKey(grid.startKey());
        int observed = grid.values().length;
        int[] at = new int[keys.length];
        int beyond = observed;
        for (int i = 0; i < keys.length; i++) {
            long p = Math.round((freq.scaleKey(keys[i]) - startScaled) / (double) freq.every());
            at[i] = p < 0 || p >= observed && !ahead || p > Integer.MAX_VALUE - 1 ? -1 : (int) p;
            beyond = Double.isNaN(x[i]) || at[i] < 0 ? beyond : Math.max(beyond, at[i] + 1);
        }
        int length = beyond;
        double[] values = new double[length];
        double[] sum = new double[length];
        int[] count = new int[length];
        long[] lastOrder = new long[length];
        java.util.Arrays.fill(lastOrder, Long.MIN_VALUE);
        for (int i = 0; i < keys.length; i++) {
            if (Double.isNaN(x[i]) || at[i] < 0) {
                continue;
            }
            int p = at[i];
            sum[p] += x[i];
            count[p]++;
            if (order[i] >= lastOrder[p]) {
                lastOrder[p] = order[i];
                values[p] = x[i];
            }
        }
        int reach = observed;
        while (reach < length && count[reach] > 0) {
            reach++;
        }
        double[] beyondEnd = values;
        values = java.util.Arrays.copyOf(values, observed);
        length = observed;
        boolean[] seen = new boolean[length];
        int first = -1;
        int last = -1;
        boolean missing = false;
        for (int p = 0; p < length; p++) {
            seen[p] = count[p] > 0;
            if (seen[p]) {
                if (policy.duplicates() == RepairPolicy.Duplicates.MEAN) {
                    values[p] = sum[p] / count[p];
                }
                first = first < 0 ? p : first;
                last = p;
            } else {
                missing = true;
            }
        }
        if (first < 0 || missing && policy.gaps() == RepairPolicy.Gaps.REJECT_SERIES) {
            return null;
        }
        for (int p = 0; p < first; p++) {
            values[p] = values[first];
        }
        for (int p = last + 1; p < length; p++) {
            values[p] = values[last];
        }
        seen[0] = true;
        seen[length - 1] = true;
        fill(values, seen, policy.gaps());
        if (reach == observed) {
            return values;
        }
        double[] out = java.util.Arrays.copyOf(values, reach);
        for (int p = observed; p < reach; p++) {
            out[p] = policy.duplicates() == RepairPolicy.Duplicates.MEAN ? sum[p] / count[p] : beyondEnd[p];
        }
        return out;
    }

    /**
     * The repair of a labelled series' class indices: on the same grid as its values (the grid depends on the time
     * keys and the frequency only), a duplicated key keeps its last row's label (also when the values are averaged:
     * a mean of classes is no class) and a filled step takes the label before it.
     */
    public LabelRepair forLabels() {
        return new LabelRepair(new SeriesRepair(new RepairPolicy(RepairPolicy.Duplicates.KEEP_LAST,
                RepairPolicy.Gaps.FORWARD_FILL, policy.frequency())));
    }

    /** See {@link #forLabels}. */
    public record LabelRepair(SeriesRepair repair) implements java.io.Serializable {
        /** The class index at each of the {@code length} grid steps of the series with these rows. */
        public int[] labels(long[] keys, double[] classIndex, long[] order, boolean keysAreSeconds, int length) {
            Result r = repair.repair(keys, classIndex, order, keysAreSeconds);
            if (r.values() == null || r.values().length != length) {
                throw new IllegalStateException("labels on another grid than the values (" + length + " steps)");
            }
            int[] labels = new int[length];
            for (int i = 0; i < length; i++) {
                labels[i] = (int) r.values()[i];
            }
            return labels;
        }
    }

    private static void fill(double[] values, boolean[] seen, RepairPolicy.Gaps gaps) {
        int last = 0; // position 0 and the final position are always observed
        for (int p = 1; p < values.length; p++) {
            if (!seen[p]) {
                continue;
            }
            for (int q = last + 1; q < p; q++) {
                values[q] = gaps == RepairPolicy.Gaps.FORWARD_FILL ? values[last]
                        : values[last] + (values[p] - values[last]) * (q - last) / (double) (p - last);
            }
            last = p;
        }
    }
}
