package io.rnnforecast.ingest;

import java.io.Serializable;

/**
 * Names of the long-format columns: one row per (series, time) observation; {@code label} is the class column the
 * classification tasks read (ignored when forecasting).
 */
public record SeriesColumns(String id, String ds, String y, String label) implements Serializable {

    /** The forecasting convention (Nixtla/statsforecast): unique_id, ds, y; and label. */
    public static final SeriesColumns DEFAULT = new SeriesColumns("unique_id", "ds", "y");

    /** With the default label column, {@code label}. */
    public SeriesColumns(String id, String ds, String y) {
        this(id, ds, y, "label");
    }
}
