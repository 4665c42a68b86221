package io.rnnforecast.generate;

import java.util.List;

/**
 * The GRU example's data: {@code sin(linspace(0, 100, 10000))} to train on and {@code sin(linspace(100, 200, 1000))}
 * to test on, each cut into windows of 5 values predicting the next. Two fixed series, no randomness; the second
 * is reserved for the test split.
 */
public record SineGenerator() implements SeriesGenerator {

    public static final String TRAIN_ID = "sine-train";
    public static final String TEST_ID = "sine-test";

    @Override
    public String name() {
        return "sine";
    }

    @Override
    public long seriesCount(long requested) {
        return 2;
    }

    @Override
    public String seriesId(long index) {
        return index == 0 ? TRAIN_ID : TEST_ID;
    }

    @Override
    public double[] values(long seed, long index) {
        return index == 0 ? sinOfLinspace(0, 100, 10_000) : sinOfLinspace(100, 200, 1_000);
    }

    @Override
    public List<String> idsReservedFor(String split) {
        return "test".equals(split) ? List.of(TEST_ID) : List.of();
    }

    static double[] sinOfLinspace(double start, double stop, int n) {
        double[] v = new double[n];
        double step = (stop - start) / (n - 1);
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(i == n - 1 ? stop : start + i * step);
        }
        return v;
    }
}
