package io.rnnforecast.ingest;

/**
 * What a model was trained on, as ingestion saw it: where, in which format, the input schema (Spark's DDL), what
 * ds held, and the row and series counts.
 */
public record DataFingerprint(String path, String format, String schema, String timeKind, long rowsRead,
                              long rowsUsed, long seriesRead, long seriesUsed) {

    public static DataFingerprint of(String path, String format, SeriesIngest.Ingested ingested) {
        IngestCounts c = ingested.counts();
        return new DataFingerprint(path, format, ingested.inputSchema(), ingested.timeKind().name(),
                c.rowsRead(), c.rowsUsed(), c.seriesRead(), c.seriesUsed());
    }
}
