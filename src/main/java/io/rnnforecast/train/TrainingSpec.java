package io.rnnforecast.train;

import java.io.Serializable;

/**
 * Parameter-averaging settings. Each of {@code workers} trains on its share with minibatches of
 * {@code batchSizePerWorker}; parameters (and, with {@code averageUpdaterState}, the Adam moments) are averaged
 * every {@code averagingFrequency} minibatches. {@code workers = 0} means Spark's default parallelism.
 */
public record TrainingSpec(int epochs, int batchSizePerWorker, int averagingFrequency, int workers,
                           boolean averageUpdaterState) implements Serializable {
}
