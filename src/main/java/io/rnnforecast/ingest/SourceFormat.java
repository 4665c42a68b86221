package io.rnnforecast.ingest;

import io.rnnforecast.config.Keyed;

/** How data.path is stored. */
public enum SourceFormat implements Keyed {
    PARQUET,
    /** With a header row; every column is read as text and typed by the reader. */
    CSV
}
