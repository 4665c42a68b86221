package io.rnnforecast.series;

import io.rnnforecast.config.Keyed;
import io.rnnforecast.config.Settings;

import java.io.Serializable;

/**
 * What to do with a series' duplicate time keys and gaps in its time index. {@code frequency} null = infer per
 * series.
 */
public record RepairPolicy(Duplicates duplicates, Gaps gaps, Frequency frequency) implements Serializable {

    /** The data.duplicates, data.gaps and data.frequency keys. */
    public static RepairPolicy from(Settings s) {
        String frequency = s.string("data.frequency");
        Frequency f;
        try {
            f = Frequency.parse(frequency);
        } catch (IllegalArgumentException e) {
            throw Settings.invalid("data.frequency", frequency, "auto, or a whole number of steps, or 30s, 15min, 1h,"
                    + " 1d, 1b (business days), 1w, 1M, 1Q, 1Y");
        }
        return new RepairPolicy(s.oneOf("data.duplicates", Duplicates.class), s.oneOf("data.gaps", Gaps.class), f);
    }

    public enum Duplicates implements Keyed {
        /** Keep the last row (in input order) of each duplicated time key. */
        KEEP_LAST,
        /** Replace the duplicates by their mean. */
        MEAN,
        /** Reject the whole series. */
        REJECT_SERIES
    }

    public enum Gaps implements Keyed {
        /** Fill missing steps by linear interpolation between the neighbours. */
        INTERPOLATE,
        /** Fill missing steps with the last observed value. */
        FORWARD_FILL,
        /** Reject the whole series. */
        REJECT_SERIES
    }
}
