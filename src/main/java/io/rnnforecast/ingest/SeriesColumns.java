package io.rnnforecast.ingest;

import java.io.Serializable;

/**
 * Names of the long-format columns: one row per (series, time) observation; {@code label} is the class column the
 * classification tasks read (ignored when forecasting).
 */
public record SeriesColumns(String id, String ds, String y, String label) implements Serializable {

    /** The forecasting convention (Nixtla/statsforecast): unique_id, ds, y; and label. */
    public static final SeriesColumns DEFAULT = new SeriesColumns("unique_id", "ds", "y");

    /** The data.columns section. */
    public static SeriesColumns from(io.rnnforecast.config.Settings s) {
        return new SeriesColumns(s.nonEmpty("data.columns.id"), s.nonEmpty("data.columns.ds"),
                s.nonEmpty("data.columns.y"), s.nonEmpty("data.columns.label"));
    }

    /** With the default label column, {@code label}. */
    public SeriesColumns(String id, String ds, String y) {
        this(id, ds, y, "label");
    }
}
