package io.rnnforecast.ingest;

import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.ScalingPolicy;

import java.io.Serializable;

/**
 * How a long-format dataset becomes regular, scaled series. Series shorter than {@code minLength} after repair are
 * rejected ({@code too_short}); scalers are fitted on each series without its last {@code heldOutTail} values (never
 * trained on); the in-sample error scale of MASE/RMSSE on all but the last {@code scoredTail} (the values forecast
 * in the test), with the season {@code season} (0: the frequency's). {@code labels}: read the class column
 * ({@code columns.label}) this way, or null (forecasting: no label column is read). A series shorter than
 * {@code validatedFrom} (0: none) holds out only its scored tail: it gives no validation window (padded windows,
 * {@code SplitSpec#validates}), so its scaler is fitted on everything before the test part. {@code covariates}:
 * the numeric columns read beside y ({@link CovariateSpec}; their scalers are fitted on the same part as y's).
 * With future covariates, a row whose y is null is not dropped: past a series' last y it tells the future
 * covariates' values for the steps to forecast (as NeuralForecast's futr_df does, in the same table); before it,
 * its y is a gap (repaired) and its covariates are used. {@code futureSteps}: how many such steps each series
 * must have (a forecast past the data needs its horizon's; 0: none).
 */
public record IngestSpec(SourceFormat format, SeriesColumns columns, RepairPolicy repair, ScalingPolicy scaling,
                         int minLength, int heldOutTail, int scoredTail, int season, LabelSpec labels,
                         int validatedFrom, CovariateSpec covariates, int futureSteps) implements Serializable {

    public IngestSpec {
        if (scoredTail > heldOutTail || season < 0) {
            throw new IllegalArgumentException("scored tail " + scoredTail + " beyond the held-out tail "
                    + heldOutTail + ", or negative season " + season);
        }
        covariates = covariates == null ? CovariateSpec.NONE : covariates;
        if (futureSteps < 0 || futureSteps > 0 && covariates.future().isEmpty()) {
            throw new IllegalArgumentException("future steps " + futureSteps + " need future covariates");
        }
        if (columns != null) {
            covariates.checkAgainst(columns);
        }
    }

    /** Without covariates. */
    public IngestSpec(SourceFormat format, SeriesColumns columns, RepairPolicy repair, ScalingPolicy scaling,
                      int minLength, int heldOutTail, int scoredTail, int season, LabelSpec labels,
                      int validatedFrom) {
        this(format, columns, repair, scaling, minLength, heldOutTail, scoredTail, season, labels, validatedFrom,
                CovariateSpec.NONE, 0);
    }

    /** With covariates; no steps past the data required. */
    public IngestSpec(SourceFormat format, SeriesColumns columns, RepairPolicy repair, ScalingPolicy scaling,
                      int minLength, int heldOutTail, int scoredTail, int season, LabelSpec labels,
                      int validatedFrom, CovariateSpec covariates) {
        this(format, columns, repair, scaling, minLength, heldOutTail, scoredTail, season, labels, validatedFrom,
                covariates, 0);
    }

    /** The same reading, with {@code read} beside y. */
    public IngestSpec withCovariates(CovariateSpec read) {
        return new IngestSpec(format, columns, repair, scaling, minLength, heldOutTail, scoredTail, season, labels,
                validatedFrom, read, 0);
    }

    /**
     * The same reading for forecasts past the data: a series whose future covariates do not reach {@code steps}
     * steps past its last y (rows with y null) is rejected ({@code missing_future_covariate}); 0 requires none.
     */
    public IngestSpec requiringFutureSteps(int steps) {
        return new IngestSpec(format, columns, repair, scaling, minLength, heldOutTail, scoredTail, season, labels,
                validatedFrom, covariates, steps);
    }

    /** Every series holds out {@code heldOutTail}. */
    public IngestSpec(SourceFormat format, SeriesColumns columns, RepairPolicy repair, ScalingPolicy scaling,
                      int minLength, int heldOutTail, int scoredTail, int season, LabelSpec labels) {
        this(format, columns, repair, scaling, minLength, heldOutTail, scoredTail, season, labels, 0);
    }

    /** The values of a series of {@code n} its scaler is fitted on: all but its held-out tail. */
    public int fittedPart(int n) {
        return n - (n < validatedFrom ? scoredTail : heldOutTail);
    }

    /** Unlabelled. */
    public IngestSpec(SourceFormat format, SeriesColumns columns, RepairPolicy repair, ScalingPolicy scaling,
                      int minLength, int heldOutTail, int scoredTail, int season) {
        this(format, columns, repair, scaling, minLength, heldOutTail, scoredTail, season, null);
    }

    public boolean labelled() {
        return labels != null;
    }

    /** The error scale on the same part as the scalers, with the frequency's season. */
    public IngestSpec(SourceFormat format, SeriesColumns columns, RepairPolicy repair, ScalingPolicy scaling,
                      int minLength, int heldOutTail) {
        this(format, columns, repair, scaling, minLength, heldOutTail, heldOutTail, 0);
    }
}
