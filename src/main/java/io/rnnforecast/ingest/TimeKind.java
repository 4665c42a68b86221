package io.rnnforecast.ingest;

/** What the ds column holds: integer steps, dates or timestamps (the latter two keyed as epoch seconds). */
public enum TimeKind {
    STEP, DATE, TIMESTAMP
}
