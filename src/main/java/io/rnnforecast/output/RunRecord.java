package io.rnnforecast.output;

import io.rnnforecast.ingest.IngestCounts;

import java.sql.Timestamp;

/**
 * One row of the {@code runs} table: a run that wrote result tables ({@code command} evaluate, run or predict) with
 * the model it used ({@code modelRunId}: the run that trained it) and that model's training figures.
 * {@code roundOverheadSeconds}: a parameter-averaging round's mean wall time outside its slowest worker's fit;
 * {@code executorsLost} and {@code failedTasks}: what Spark recovered from. {@code bestEpoch}: the epoch whose
 * parameters the model holds; {@code resumedAfterEpoch}: the checkpoint training continued from (0: none).
 */
public record RunRecord(String runId, String command, String modelRunId, String model, String dataset,
                        Timestamp startedAt, Timestamp finishedAt,
                        String configJson, String codeVersion, String sparkMaster, int executors, int workers,
                        long trainWindows, double trainSamplesPerSec, double trainWallSeconds,
                        double finalValidationMse, int epochsTrained, int bestEpoch, int resumedAfterEpoch,
                        String stopReason, int roundsPerEpoch, double roundOverheadSeconds,
                        int executorsLost, int failedTasks, IngestCounts ingest) {
}
