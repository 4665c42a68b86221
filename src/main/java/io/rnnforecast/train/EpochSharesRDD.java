package io.rnnforecast.train;

import io.rnnforecast.window.WindowBlock;
import org.apache.spark.Dependency;
import org.apache.spark.NarrowDependency;
import org.apache.spark.Partition;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.RDD;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.reflect.ClassTag$;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A whole epoch for the barrier engine: partition t is barrier task t, which hosts the logical workers
 * {@link #workersOf}(t) (contiguous, so each task sums its own workers in worker order). It yields one
 * {@link RoundShares} per round, lazily: round r's shares are cut from the cached blocks only when the task reaches
 * round r, so a task holds one round's windows at a time, not its whole epoch.
 */
final class EpochSharesRDD extends RDD<EpochSharesRDD.RoundShares> {

    /** The shares of one round for the task's workers, in worker order (null: that worker has none this round). */
    record RoundShares(int round, WindowBlock[] shares) implements Serializable {
    }

    private final RoundPlan plan;
    private final int tasks;

    EpochSharesRDD(RDD<WindowBlock> blocks, RoundPlan plan, int tasks) {
        super(blocks.sparkContext(), dependencies(blocks, plan, tasks), ClassTag$.MODULE$.apply(RoundShares.class));
        this.plan = plan;
        this.tasks = tasks;
    }

    /** Workers [from, to) that task {@code task} of {@code tasks} hosts out of {@code workers}. */
    static int[] workersOf(int task, int tasks, int workers) {
        return new int[] {(int) ((long) workers * task / tasks), (int) ((long) workers * (task + 1) / tasks)};
    }

    @Override
    public Partition[] getPartitions() {
        Partition[] parts = new Partition[tasks];
        for (int t = 0; t < tasks; t++) {
            parts[t] = new WorkerPartition(t, workersOf(t, tasks, plan.workers())[0]);
        }
        return parts;
    }

    @Override
    public Iterator<RoundShares> compute(Partition split, TaskContext context) {
        @SuppressWarnings("unchecked")
        RDD<WindowBlock> parent = (RDD<WindowBlock>) dependencies().head().rdd();
        Partition[] blocks = parent.partitions();
        int[] mine = workersOf(split.index(), tasks, plan.workers());
        java.util.Iterator<RoundShares> rounds = new java.util.Iterator<>() {
            private int r;

            @Override
            public boolean hasNext() {
                return r < plan.rounds();
            }

            @Override
            public RoundShares next() {
                RoundPlan.Round round = plan.round(r);
                WindowBlock[] shares = new WindowBlock[mine[1] - mine[0]];
                for (int w = mine[0]; w < mine[1]; w++) {
                    shares[w - mine[0]] = RoundRDD.gather(round, w, blocks, parent, context);
                }
                return new RoundShares(r++, shares);
            }
        };
        return JavaConverters.asScalaIterator(rounds);
    }

    private static Seq<Dependency<?>> dependencies(RDD<WindowBlock> blocks, RoundPlan plan, int tasks) {
        List<Dependency<?>> deps = List.of(new BlocksOfTask(blocks, plan, tasks));
        return JavaConverters.asScalaBuffer(deps);
    }

    /** Task t depends on every block a share of its workers is cut from, in any round. */
    private static final class BlocksOfTask extends NarrowDependency<WindowBlock> {
        private final RoundPlan plan;
        private final int tasks;

        BlocksOfTask(RDD<WindowBlock> blocks, RoundPlan plan, int tasks) {
            super(blocks);
            this.plan = plan;
            this.tasks = tasks;
        }

        @Override
        public Seq<Object> getParents(int partitionId) {
            int[] mine = workersOf(partitionId, tasks, plan.workers());
            TreeSet<Integer> parents = new TreeSet<>();
            for (int r = 0; r < plan.rounds(); r++) {
                for (int w = mine[0]; w < mine[1]; w++) {
                    plan.share(r, w).forEach(s -> parents.add(s.block()));
                }
            }
            return JavaConverters.asScalaBuffer(new ArrayList<Object>(parents));
        }
    }
}
