package io.rnnforecast.eval;

import io.rnnforecast.data.IngestCounts;

import java.sql.Timestamp;

/** One row of the {@code runs} table. */
public record RunRecord(String runId, String model, String dataset, Timestamp startedAt, Timestamp finishedAt,
                        String configJson, String codeVersion, String sparkMaster, int executors, int workers,
                        long trainWindows, double trainSamplesPerSec, double trainWallSeconds,
                        double finalValidationMse, IngestCounts ingest) {
}
