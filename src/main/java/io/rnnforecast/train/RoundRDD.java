package io.rnnforecast.train;

import io.rnnforecast.train.RoundPlan;
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

import java.util.ArrayList;
import java.util.List;

/**
 * One averaging round of an epoch: partition {@code i} is the share of the i-th worker with data in that round,
 * gathered from the cached training blocks it is cut from (and only those: the round's cost does not depend on the
 * size of the dataset). Each partition yields one {@link WindowBlock} holding the share's windows in epoch order.
 */
public final class RoundRDD extends RDD<WindowBlock> {
    private final RoundPlan.Round round;
    private final transient RDD<WindowBlock> blocks;
    private final transient List<String> hosts;

    /**
     * @param hosts where the round's tasks may run: every live executor host. Without a preference of its own the
     *              scheduler would take the cache location of the share's first block, and two shares whose blocks
     *              sit in one executor would then hold the round in delay scheduling for up to
     *              {@code spark.locality.wait} (3 s) while another executor idles (Spark's documented behaviour; not
     *              measured here). Empty: no preference.
     */
    public RoundRDD(RDD<WindowBlock> blocks, RoundPlan.Round round, List<String> hosts) {
        super(blocks.sparkContext(), dependencies(blocks, round),
                ClassTag$.MODULE$.apply(WindowBlock.class));
        this.round = round;
        this.blocks = blocks;
        this.hosts = List.copyOf(hosts);
    }

    /** Windows the round trains on, over all workers. */
    public long windows() {
        long n = 0;
        for (int w = 0; w < round.workers(); w++) {
            n += round.share(w).stream().mapToInt(RoundPlan.Slice::size).sum();
        }
        return n;
    }

    @Override
    public Partition[] getPartitions() {
        List<Partition> parts = new ArrayList<>();
        for (int w = 0; w < round.workers(); w++) {
            if (!round.share(w).isEmpty()) {
                parts.add(new WorkerPartition(parts.size(), w));
            }
        }
        return parts.toArray(new Partition[0]);
    }

    @Override
    public Iterator<WindowBlock> compute(Partition split, TaskContext context) {
        WorkerPartition part = (WorkerPartition) split;
        @SuppressWarnings("unchecked")
        RDD<WindowBlock> parent = (RDD<WindowBlock>) dependencies().head().rdd();
        WindowBlock share = gather(round, part.worker(), parent.partitions(), parent, context);
        return JavaConverters.asScalaIterator(List.of(share).iterator());
    }

    /**
     * Worker {@code worker}'s share of {@code round}: its slices of the cached blocks (partitions of
     * {@code blocks}), in the epoch's order, as one block; null when the worker has nothing in this round.
     */
    static WindowBlock gather(RoundPlan.Round round, int worker, Partition[] partitions, RDD<WindowBlock> blocks,
                              TaskContext context) {
        List<RoundPlan.Slice> slices = round.share(worker);
        int size = slices.stream().mapToInt(RoundPlan.Slice::size).sum();
        WindowBlock share = null;
        int at = 0;
        for (RoundPlan.Slice slice : slices) {
            WindowBlock block = blocks.iterator(partitions[slice.block()], context).next();
            if (share == null) {
                share = block.emptyLike(size);
            }
            block.copyRows(round.blockOrder(slice.block(), block.size()), slice.from(), slice.to(), share, at);
            at += slice.size();
        }
        return share;
    }

    @Override
    public Seq<String> getPreferredLocations(Partition split) {
        return JavaConverters.asScalaBuffer(hosts);
    }

    private static Seq<Dependency<?>> dependencies(RDD<WindowBlock> blocks, RoundPlan.Round round) {
        List<Dependency<?>> deps = List.of(new ShareDependency(blocks, round));
        return JavaConverters.asScalaBuffer(deps);
    }

    /** Partition i depends on exactly the blocks its share is cut from. */
    private static final class ShareDependency extends NarrowDependency<WindowBlock> {
        private final RoundPlan.Round round;

        ShareDependency(RDD<WindowBlock> blocks, RoundPlan.Round round) {
            super(blocks);
            this.round = round;
        }

        @Override
        public Seq<Object> getParents(int partitionId) {
            int seen = -1;
            for (int w = 0; w < round.workers(); w++) {
                if (!round.share(w).isEmpty() && ++seen == partitionId) {
                    List<Object> parents = new ArrayList<>();
                    for (RoundPlan.Slice s : round.share(w)) {
                        parents.add(s.block());
                    }
                    return JavaConverters.asScalaBuffer(parents);
                }
            }
            throw new IllegalArgumentException("round " + round.index() + " has no partition " + partitionId);
        }
    }
}
