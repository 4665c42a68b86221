package io.rnnforecast.ingest;

import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.Scaling;

import java.io.Serializable;

/**
 * How a long-format dataset becomes regular, scaled series. {@code minLength} series shorter than that after
 * repair are rejected; scalers are fitted on each series without its last {@code heldOutTail} values.
 * A constant training part (zero spread) is rejected, or with {@code shiftOnlyWhenConstant} only centered.
 */
public record IngestSpec(String format, SeriesColumns columns, RepairPolicy repair, Scaling.Method scaling,
                         boolean shiftOnlyWhenConstant, int minLength, int heldOutTail) implements Serializable {
}
