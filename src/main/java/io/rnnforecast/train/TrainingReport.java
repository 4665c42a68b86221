package io.rnnforecast.train;

import java.util.List;

/**
 * The training history kept beside a saved model and copied into the {@code runs} table. {@code layoutSeconds} is
 * the one-time layout of the windows into blocks; {@code engine} who ran the rounds; {@code epochs} every epoch
 * trained, including those before a resume; {@code resumedAfterEpoch} the checkpoint's epoch this training
 * continued from (0: from scratch); {@code bestEpoch} the epoch whose parameters the model holds; {@code stopReason}
 * why training ended.
 */
public record TrainingReport(String runId, int workers, long trainExamples, long validationExamples,
                             int roundsPerEpoch, double layoutSeconds, String engine, List<EpochStats> epochs,
                             double wallSeconds, int resumedAfterEpoch, int bestEpoch, String stopReason) {

    public TrainingReport {
        epochs = List.copyOf(epochs);
    }

    /** Examples processed per second of fitting, over all epochs (validation passes excluded). */
    public double samplesPerSecond() {
        double seconds = epochs.stream().mapToDouble(EpochStats::seconds).sum();
        long examples = epochs.stream().mapToLong(EpochStats::examples).sum();
        return seconds > 0 ? examples / seconds : Double.NaN;
    }

    /** Mean round overhead over all rounds of all epochs (NaN when the engine does not measure it). */
    public double meanRoundOverheadSeconds() {
        double total = 0;
        long rounds = 0;
        for (EpochStats e : epochs) {
            total += e.meanRoundOverheadSeconds() * e.rounds();
            rounds += e.rounds();
        }
        return rounds == 0 ? Double.NaN : total / rounds;
    }

    /** The validation MSE of the parameters the model holds (the best epoch's with early stopping). */
    public double finalValidationMse() {
        return epochs.stream().filter(e -> e.epoch() == bestEpoch).mapToDouble(EpochStats::validationMse)
                .findFirst().orElse(Double.NaN);
    }
}
