package io.rnnforecast.train;

import io.rnnforecast.ingest.DataFingerprint;

/**
 * Where a trained model came from: the run that trained it, the model's name in the result tables, the dataset
 * name, the fully resolved job configuration (JSON), the versions of everything that ran, the Spark master, when
 * training started, a fingerprint of the training data, what training measured, and the executors lost and task
 * attempts failed (and retried) while it trained.
 */
public record ModelProvenance(String runId, String model, String dataset, String configJson, RuntimeVersions versions,
                              String sparkMaster, String startedAt, DataFingerprint trainingData,
                              TrainingReport training, int executorsLost, int failedTasks) {
}
