package io.rnnforecast.ingest;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every input row and series went. Rows read = rows used + rows dropped (by reason); series read = series
 * used + series rejected (by reason). Rows of a rejected series are dropped under "series_rejected"; merged
 * duplicates under "duplicate_ds". Filled rows are grid steps with no observation, interpolated or carried forward.
 */
public record IngestCounts(long rowsRead, long rowsUsed, Map<String, Long> rowsDropped, long rowsFilled,
                           long seriesRead, long seriesUsed, Map<String, Long> seriesRejected, long seriesIrregular)
        implements Serializable {

    public IngestCounts {
        rowsDropped = new TreeMap<>(rowsDropped);
        seriesRejected = new TreeMap<>(seriesRejected);
    }

    public boolean balanced() {
        return rowsRead == rowsUsed + rowsDropped.values().stream().mapToLong(Long::longValue).sum()
                && seriesRead == seriesUsed + seriesRejected.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public String toString() {
        return String.format("rows read %,d = used %,d + dropped %s; filled %,d; series read %,d = used %,d + rejected"
                        + " %s; irregular %,d", rowsRead, rowsUsed, rowsDropped, rowsFilled, seriesRead, seriesUsed,
                seriesRejected, seriesIrregular);
    }
}
