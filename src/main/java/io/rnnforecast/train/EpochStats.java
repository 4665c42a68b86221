package io.rnnforecast.train;

/**
 * What one pass over the training windows measured. {@code validationMse} is NaN when there is no validation split.
 * {@code trainingLoss} is the example-weighted mean of the minibatch losses; {@code seconds} is the fitting time
 * (validation excluded); {@code meanRoundOverheadSeconds} is a round's wall time outside its slowest worker's fit
 * (scheduling, broadcast, gathering the shares, returning and averaging the states; NaN when not measured).
 */
public record EpochStats(int epoch, double trainingLoss, double validationMse, long examples, double seconds,
                         int rounds, double meanRoundOverheadSeconds) implements java.io.Serializable {

    public double samplesPerSecond() {
        return seconds > 0 ? examples / seconds : Double.NaN;
    }

    public EpochStats withValidationMse(double mse) {
        return new EpochStats(epoch, trainingLoss, mse, examples, seconds, rounds, meanRoundOverheadSeconds);
    }
}
