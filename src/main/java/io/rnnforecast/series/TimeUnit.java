package io.rnnforecast.series;

/** How a series' time keys advance: integer steps, seconds (dates and timestamps) or calendar months. */
public enum TimeUnit {
    STEP, SECONDS, MONTHS
}
