package io.rnnforecast.data;

/** What the ds column holds: integer steps, dates or timestamps (the latter two keyed as epoch seconds). */
public enum TimeKind {
    STEP, DATE, TIMESTAMP
}
