package io.rnnforecast.train;

import org.apache.spark.Partition;

/**
 * A partition of the training engine's RDDs: partition {@code index} holds the data of logical worker
 * {@code worker} (a round's share, {@link RoundRDD}) or of the workers a barrier task hosts from {@code worker} on
 * ({@link EpochSharesRDD}). A record, so equality and hashing are by value as Spark expects of partitions.
 */
record WorkerPartition(int index, int worker) implements Partition {
}
