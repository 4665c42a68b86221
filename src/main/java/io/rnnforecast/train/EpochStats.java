package io.rnnforecast.train;

/** What one pass over the training windows measured. {@code validationMse} is NaN when there is no validation split. */
public record EpochStats(int epoch, double trainingLoss, double validationMse, long examples, double seconds) {

    public double samplesPerSecond() {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }
}
