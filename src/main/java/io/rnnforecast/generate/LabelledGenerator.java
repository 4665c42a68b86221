package io.rnnforecast.generate;

/**
 * A synthetic family that also writes a class label per value (the {@code label} column), for the classification
 * tasks. Labels, like values, are pure functions of (seed, index).
 */
public interface LabelledGenerator extends SeriesGenerator {

    /** The label of every value of series {@code index}, aligned with {@link #values}. */
    String[] labels(long seed, long index);
}
