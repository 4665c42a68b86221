package io.rnnforecast.store;

import io.rnnforecast.ingest.DataFingerprint;
import io.rnnforecast.model.ParameterCount;
import io.rnnforecast.train.TrainingReport;

import java.util.List;

/**
 * Where a trained model came from: the run that trained it, the model's name in the result tables, the dataset
 * name, the fully resolved job configuration (JSON), the versions of everything that ran, the Spark master, when
 * training started, a fingerprint of the training data, what training measured, the executors lost and task
 * attempts failed (and retried) while it trained, and the network's parameter count (null in models saved before
 * it was recorded). An ensemble's {@code training} is its first member's (its history is the epochs table's),
 * {@code otherMembers} the others' in order.
 */
public record ModelProvenance(String runId, String model, String dataset, String configJson, RuntimeVersions versions,
                              String sparkMaster, String startedAt, DataFingerprint trainingData,
                              TrainingReport training, int executorsLost, int failedTasks,
                              ParameterCount parameters, List<TrainingReport> otherMembers) {

    public ModelProvenance {
        otherMembers = otherMembers == null ? List.of() : List.copyOf(otherMembers);
    }

    /** One network. */
    public ModelProvenance(String runId, String model, String dataset, String configJson, RuntimeVersions versions,
                           String sparkMaster, String startedAt, DataFingerprint trainingData,
                           TrainingReport training, int executorsLost, int failedTasks, ParameterCount parameters) {
        this(runId, model, dataset, configJson, versions, sparkMaster, startedAt, trainingData, training,
                executorsLost, failedTasks, parameters, List.of());
    }

    /** The training time of every member, the first one's ({@link #training}) and the others'. */
    public double trainingWallSeconds() {
        return training.wallSeconds() + otherMembers.stream().mapToDouble(TrainingReport::wallSeconds).sum();
    }

    /** Without a parameter count. */
    public ModelProvenance(String runId, String model, String dataset, String configJson, RuntimeVersions versions,
                           String sparkMaster, String startedAt, DataFingerprint trainingData,
                           TrainingReport training, int executorsLost, int failedTasks) {
        this(runId, model, dataset, configJson, versions, sparkMaster, startedAt, trainingData, training,
                executorsLost, failedTasks, null, List.of());
    }
}
