package io.rnnforecast.ingest;

import java.io.Serializable;

/** Names of the long-format columns: one row per (series, time) observation. */
public record SeriesColumns(String id, String ds, String y) implements Serializable {

    /** The forecasting convention (Nixtla/statsforecast): unique_id, ds, y. */
    public static final SeriesColumns DEFAULT = new SeriesColumns("unique_id", "ds", "y");
}
