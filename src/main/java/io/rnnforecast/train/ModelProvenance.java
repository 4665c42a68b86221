package io.rnnforecast.train;

/**
 * Everything needed to say where a saved model came from: the run that trained it, the fully resolved job
 * configuration (JSON), the code version, the Spark master, what training measured, and the executors lost and
 * task attempts failed (and retried) while it trained.
 */
public record ModelProvenance(String runId, String model, String dataset, String configJson, String codeVersion,
                              String sparkMaster, String startedAt, TrainingReport training, int executorsLost,
                              int failedTasks) {
}
