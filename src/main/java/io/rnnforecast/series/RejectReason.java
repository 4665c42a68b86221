package io.rnnforecast.series;

import io.rnnforecast.config.Keyed;

/**
 * Why an input row or a whole series was not used: the {@code reason} column of the rejects table and the keys of
 * the runs table's rows_dropped and series_rejected counts (the constant's name in lower case).
 */
public enum RejectReason implements Keyed {
    // rows
    NULL_UNIQUE_ID, NULL_DS, NULL_Y, NAN_Y, INFINITE_Y, NULL_LABEL, UNKNOWN_LABEL,
    /**
     * A future covariate (data.covariates.future) null or NaN: its value is what the model is told about the
     * horizon, so it is never guessed; the row is dropped (a historic covariate's missing value is repaired as
     * data.gaps says).
     */
    NULL_FUTURE_COVARIATE,
    /** A covariate value of plus or minus infinity. */
    INFINITE_COVARIATE,
    /** Rows merged into another of the same (unique_id, ds), or a series rejected for having such rows. */
    DUPLICATE_DS,
    /** The rows of a rejected series (counted as rows; the series under its own reason). */
    SERIES_REJECTED,
    // series
    /** A single distinct time key, with no data.frequency to place it on a grid. */
    SINGLE_POINT,
    /** Missing steps with data.gaps = reject-series. */
    GAPS,
    TOO_SHORT,
    /**
     * A historic covariate with no value at all in the series (nothing to repair its steps from), or a missing one
     * under data.gaps = reject-series.
     */
    NULL_COVARIATE,
    /** A forecast past the data without the future covariates' values for its horizon (rows with y null). */
    MISSING_FUTURE_COVARIATE,
    /** A per-series covariate (data.covariates.static, categorical) with different values in one series' rows. */
    STATIC_NOT_CONSTANT,
    /** A per-series covariate with no value in any of the series' rows. */
    NULL_STATIC,
    /** Zero spread in the training part, with a scaling that divides by it. */
    CONSTANT,
    NON_FINITE_SCALE;

    @Override
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
