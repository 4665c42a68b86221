package io.rnnforecast.store;

import io.rnnforecast.ingest.DataFingerprint;
import io.rnnforecast.model.ParameterCount;
import io.rnnforecast.train.TrainingReport;

/**
 * Where a trained model came from: the run that trained it, the model's name in the result tables, the dataset
 * name, the fully resolved job configuration (JSON), the versions of everything that ran, the Spark master, when
 * training started, a fingerprint of the training data, what training measured, the executors lost and task
 * attempts failed (and retried) while it trained, and the network's parameter count (null in models saved before
 * it was recorded).
 */
public record ModelProvenance(String runId, String model, String dataset, String configJson, RuntimeVersions versions,
                              String sparkMaster, String startedAt, DataFingerprint trainingData,
                              TrainingReport training, int executorsLost, int failedTasks,
                              ParameterCount parameters) {

    /** Without a parameter count. */
    public ModelProvenance(String runId, String model, String dataset, String configJson, RuntimeVersions versions,
                           String sparkMaster, String startedAt, DataFingerprint trainingData,
                           TrainingReport training, int executorsLost, int failedTasks) {
        this(runId, model, dataset, configJson, versions, sparkMaster, startedAt, trainingData, training,
                executorsLost, failedTasks, null);
    }
}
