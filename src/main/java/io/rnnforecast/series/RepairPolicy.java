package io.rnnforecast.series;

import java.io.Serializable;

/**
 * What to do with a series' duplicate time keys and gaps in its time index. {@code frequency} null = infer per
 * series.
 */
public record RepairPolicy(Duplicates duplicates, Gaps gaps, Frequency frequency) implements Serializable {

    public enum Duplicates {
        /** Keep the last row (in input order) of each duplicated time key. */
        KEEP_LAST,
        /** Replace the duplicates by their mean. */
        MEAN,
        /** Reject the whole series. */
        REJECT_SERIES
    }

    public enum Gaps {
        /** Fill missing steps by linear interpolation between the neighbours. */
        INTERPOLATE,
        /** Fill missing steps with the last observed value. */
        FORWARD_FILL,
        /** Reject the whole series. */
        REJECT_SERIES
    }
}
