package io.rnnforecast.train;

import io.rnnforecast.window.WindowBlock;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag$;

/**
 * train.engine = barrier: an epoch is one Spark barrier stage ({@link EpochSharesRDD}, {@link BarrierEpochTask})
 * whose tasks run every round of the epoch and combine their parameters among themselves, so no Spark job and no
 * driver sits on a round's path; the driver sees the epoch's start and end. Tasks: min(W, Spark's default
 * parallelism), each hosting W / tasks logical workers (a barrier stage needs all its tasks running at once). With
 * one worker per task the result is bit-identical to the rounds engine's (same sums in the same order); with
 * several per task each task's workers are summed first, a different order of the same double additions.
 *
 * <p>Faults: a barrier stage that loses a task is retried whole by Spark (barrier stages are all-or-nothing),
 * from the epoch's start state, which the driver keeps until the stage succeeds, so a retried epoch ends with the
 * same parameters as an uninterrupted one.
 */
final class BarrierEpochs {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BarrierEpochs.class);
    /** Runs of an epoch's stage before the training fails. */
    private static final int ATTEMPTS = 3;
    private final JavaSparkContext sc;
    private final MultiLayerNetwork network;
    private final WorkerFit fit;
    private final OuterOptimizer outer;

    BarrierEpochs(JavaSparkContext sc, MultiLayerNetwork network, WorkerFit fit, OuterOptimizer outer) {
        this.sc = sc;
        this.network = network;
        this.fit = fit;
        this.outer = outer;
    }

    /** The barrier tasks for {@code workers} logical workers. */
    int tasks(int workers) {
        return Math.max(1, Math.min(workers, sc.defaultParallelism()));
    }

    /**
     * Trains the driver's network on one epoch of {@code plan}; returns the epoch's figures. A failed stage (Spark
     * has already retried it whole) is run again from the epoch's start, with its shares cut anew: a lost
     * executor takes its local checkpoint with it, which Spark's own retries cannot get back.
     */
    EpochStats epoch(TrainingBlocks blocks, RoundPlan plan) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(blocks, plan);
            } catch (Exception e) {
                // a failed job's SparkException, thrown undeclared (Scala has no checked exceptions); anything
                // else is not a stage failure and is not retried
                if (!(e instanceof org.apache.spark.SparkException) || attempt >= ATTEMPTS) {
                    if (e instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException("epoch " + plan.epoch() + "'s barrier stage failed " + attempt
                            + " times", e);
                }
                LOG.warn("epoch {}'s barrier stage failed (attempt {} of {}): running the epoch again from its"
                        + " start; cause: {}", plan.epoch(), attempt, ATTEMPTS, e.getMessage());
            }
        }
    }

    private EpochStats attempt(TrainingBlocks blocks, RoundPlan plan) {
        long t0 = System.nanoTime();
        int tasks = tasks(plan.workers());
        NetworkState start = NetworkState.of(network, fit.withUpdater());
        BarrierEpochTask task = new BarrierEpochTask(fit, start, outer.velocity(), outer.spec(), plan,
                tasks);
        RDD<WindowBlock> cached = blocks.blocks().rdd();
        // A barrier stage may not hold RDDs of other partition counts (SPARK-24820: the blocks' narrow dependency
        // was refused with BarrierJobUnsupportedRDDChainException), so the epoch's shares are cut from the blocks
        // in a job of their own and local-checkpointed, which leaves the barrier stage a lineage of its own size.
        // Costs one copy of the epoch's windows in executor memory while the epoch runs.
        EpochSharesRDD shares = new EpochSharesRDD(cached, plan, tasks);
        BarrierEpochTask.Result[] results;
        try {
            long cutting = System.nanoTime();
            shares.localCheckpoint();
            shares.count();
            LOG.info(String.format("epoch %d: its shares cut from the cached blocks in %.2f s", plan.epoch(),
                    (System.nanoTime() - cutting) / 1e9));
            results = (BarrierEpochTask.Result[]) shares.barrier()
                    .mapPartitions(task, false, ClassTag$.MODULE$.apply(BarrierEpochTask.Result.class)).collect();
        } finally {
            shares.unpersist(false);
        }
        double lossSum = 0;
        long examples = 0;
        long outside = Long.MAX_VALUE;
        BarrierEpochTask.Result first = null;
        for (BarrierEpochTask.Result r : results) {
            lossSum += r.lossSum();
            examples += r.examples();
            // the task that waited least outside its fit is the slowest one: its outside time is the exchange
            outside = Math.min(outside, r.outsideFitNanos());
            if (r.task() == 0) {
                first = r;
            }
        }
        if (first == null) {
            throw new IllegalStateException("the barrier stage returned no result for task 0");
        }
        NetworkState end = first.state();
        network.params().assign(Nd4j.createFromArray(end.params()));
        if (end.updater() != null) {
            network.getUpdater().getStateViewArray().assign(Nd4j.createFromArray(end.updater()));
        }
        network.setIterationCount(end.iteration());
        outer.restore(first.velocity());
        return new EpochStats(plan.epoch(), lossSum / examples, Double.NaN, examples, (System.nanoTime() - t0) / 1e9,
                plan.rounds(), outside / 1e9 / plan.rounds());
    }
}
