package io.rnnforecast.generate;

import java.io.Serializable;
import java.util.List;

/**
 * A synthetic series family. Implementations are pure functions of (seed, index): the values of series {@code i}
 * never depend on how many partitions or executors produce them, so a dataset is reproducible at any scale.
 */
public interface SeriesGenerator extends Serializable {

    /** Short name used in configuration and in the {@code dataset} column of the result tables. */
    String name();

    /** How many series one generation writes when asked for {@code requested} (fixed-size families override). */
    default long seriesCount(long requested) {
        return requested;
    }

    /** The stable identifier of series {@code index}. */
    String seriesId(long index);

    /** Values of series {@code index}, in time order. */
    double[] values(long seed, long index);

    /** Identifiers this family reserves for a split ("validation"/"test"); empty when the split is by hash. */
    default List<String> idsReservedFor(String split) {
        return List.of();
    }
}
