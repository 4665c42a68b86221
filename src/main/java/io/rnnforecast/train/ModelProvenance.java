package io.rnnforecast.train;

/**
 * Everything needed to say where a saved model came from: the run that trained it, the fully resolved job
 * configuration (JSON), the code version, the Spark master and what training measured.
 */
public record ModelProvenance(String runId, String model, String dataset, String configJson, String codeVersion,
                              String sparkMaster, String startedAt, TrainingReport training) {
}
