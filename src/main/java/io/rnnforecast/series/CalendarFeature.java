package io.rnnforecast.series;

import io.rnnforecast.config.Keyed;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.List;

/**
 * A feature of each step's date, derived from a series' time grid ({@code data.covariates.calendar}), known for
 * any future step by construction. Each is encoded as the sine and cosine of its position in its cycle, two
 * channels: December sits next to January and hour 23 next to hour 0, which a one-hot or a plain number would not
 * say, and the cost is 2 channels instead of 12, 7, 24 or 53. Dates are UTC (as the job reads them).
 */
public enum CalendarFeature implements Keyed {
    /** Month of year, 1..12, cycle 12. */
    MONTH,
    /** ISO day of week, Monday 1 .. Sunday 7, cycle 7. */
    DAY_OF_WEEK,
    /** Hour of day, 0..23, cycle 24. */
    HOUR,
    /** ISO week of year, 1..53, cycle 52.1775 (the mean ISO year's weeks: 365.2425 / 7). */
    WEEK_OF_YEAR;

    public static final String KEY = "data.covariates.calendar";

    /** Where step {@code at} (epoch seconds) is in this feature's cycle, in [0, 1). */
    public double phase(long epochSeconds) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
        return switch (this) {
            case MONTH -> (t.getMonthValue() - 1) / 12.0;
            case DAY_OF_WEEK -> (t.getDayOfWeek().getValue() - 1) / 7.0;
            case HOUR -> t.getHour() / 24.0;
            case WEEK_OF_YEAR -> (t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) - 1) / (365.2425 / 7);
        };
    }

    /**
     * The channels of {@code features} over {@code steps} steps of the grid from {@code startKey}: for each feature
     * sin(2 pi phase), then cos(2 pi phase); a series on integer steps has no dates and is refused.
     */
    public static double[][] channels(List<CalendarFeature> features, String uniqueId, long startKey,
                                      Frequency frequency, int steps) {
        if (features.isEmpty()) {
            return new double[0][];
        }
        if (frequency.unit() == TimeUnit.STEP) {
            throw new IllegalArgumentException(KEY + " = " + features.stream().map(CalendarFeature::key).toList()
                    + " needs dates or timestamps in ds, but series " + uniqueId + " has integer steps");
        }
        double[][] out = new double[2 * features.size()][steps];
        for (int i = 0; i < steps; i++) {
            long at = frequency.advance(startKey, i);
            for (int f = 0; f < features.size(); f++) {
                double angle = 2 * Math.PI * features.get(f).phase(at);
                out[2 * f][i] = Math.sin(angle);
                out[2 * f + 1][i] = Math.cos(angle);
            }
        }
        return out;
    }
}
