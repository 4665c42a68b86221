package io.rnnforecast.api;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what went wrong on the cluster while a command ran: executors removed (lost or killed) and failed task
 * attempts (Spark retried them). Recorded in the runs table, so a run that survived a failure says so.
 */
public final class ClusterEvents extends SparkListener {
    private final AtomicInteger executorsLost = new AtomicInteger();
    private final AtomicInteger failedTasks = new AtomicInteger();

    public static ClusterEvents attach(SparkSession spark) {
        ClusterEvents events = new ClusterEvents();
        spark.sparkContext().addSparkListener(events);
        return events;
    }

    /** Stops counting (the listener is removed from the session). */
    public void detach(SparkSession spark) {
        spark.sparkContext().removeSparkListener(this);
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        executorsLost.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskInfo() != null && end.taskInfo().failed()) {
            failedTasks.incrementAndGet();
        }
    }

    /** The counts from now on: what one step (evaluation after training, say) adds. */
    public Mark mark() {
        return new Mark(executorsLost.get(), failedTasks.get());
    }

    public final class Mark {
        private final int lostBefore;
        private final int failedBefore;

        private Mark(int lostBefore, int failedBefore) {
            this.lostBefore = lostBefore;
            this.failedBefore = failedBefore;
        }

        public int executorsLost() {
            return executorsLost.get() - lostBefore;
        }

        public int failedTasks() {
            return failedTasks.get() - failedBefore;
        }
    }

    public int executorsLost() {
        return executorsLost.get();
    }

    public int failedTasks() {
        return failedTasks.get();
    }
}
