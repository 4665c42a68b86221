package io.rnnforecast.series;

/**
 * How a series' time keys advance: integer steps, seconds (dates and timestamps), calendar months (months,
 * quarters, half-years, years) or business days (Monday to Friday).
 */
public enum TimeUnit {
    STEP, SECONDS, MONTHS, BUSINESS_DAYS
}
