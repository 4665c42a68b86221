package io.rnnforecast.ingest;

import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.ScalingPolicy;

import java.io.Serializable;

/**
 * How a long-format dataset becomes regular, scaled series. Series shorter than {@code minLength} after repair are
 * rejected ({@code too_short}); scalers are fitted on each series without its last {@code heldOutTail} values.
 */
public record IngestSpec(SourceFormat format, SeriesColumns columns, RepairPolicy repair, ScalingPolicy scaling,
                         int minLength, int heldOutTail) implements Serializable {
}
