package io.rnnforecast.train;

import java.util.List;

/** The training history kept beside a saved model and copied into the {@code runs} table. */
public record TrainingReport(String runId, int workers, long trainExamples, long validationExamples,
                             List<EpochStats> epochs, double wallSeconds) {

    public TrainingReport {
        epochs = List.copyOf(epochs);
    }

    /** Examples processed per second of fitting, over all epochs (validation passes excluded). */
    public double samplesPerSecond() {
        double seconds = epochs.stream().mapToDouble(EpochStats::seconds).sum();
        long examples = epochs.stream().mapToLong(EpochStats::examples).sum();
        return seconds > 0 ? examples / seconds : Double.NaN;
    }

    public double finalValidationMse() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).validationMse();
    }
}
