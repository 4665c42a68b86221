package io.rnnforecast.train;

import io.rnnforecast.train.RoundPlan;
import io.rnnforecast.window.CovariateLayout;
import io.rnnforecast.window.Window;
import io.rnnforecast.window.WindowBlock;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The training windows laid out once, before the first epoch, in cached blocks of compact float arrays: window
 * {@code w} goes to block {@code hash(layoutKey) mod blocks} and blocks are ordered by the key, so the layout depends
 * only on the data and the seed, never on partitioning or task order. One shuffle, once; afterwards every round
 * reads just the blocks of its shares ({@link RoundRDD}).
 *
 * <p>Cached deserialized (MEMORY_AND_DISK): a block is two float arrays, so the deserialized form costs no more
 * memory than the serialized one and a round reads it without a copy.
 */
public final class TrainingBlocks {
    private final JavaRDD<WindowBlock> blocks;
    private final int[] sizes;

    private TrainingBlocks(JavaRDD<WindowBlock> blocks, int[] sizes) {
        this.blocks = blocks;
        this.sizes = sizes;
    }

    /**
     * @param windowsPerBlock the target block size; one round's share is usually one slice of one block, so a share
     *                        (batch x averaging frequency) up to a few shares is right: bigger blocks mean fewer
     *                        tasks in the layout, but a remote executor fetches a whole block for its slice.
     */
    public static TrainingBlocks layout(JavaRDD<Window> windows, int input, int horizon, int windowsPerBlock,
                                       long seed) {
        return layout(windows, input, horizon, CovariateLayout.NONE, 0, windowsPerBlock, seed);
    }

    /** With the windows' covariates laid out as {@code covariates}, {@code covariateSteps} steps long. */
    public static TrainingBlocks layout(JavaRDD<Window> windows, int input, int horizon, CovariateLayout covariates,
                                       int covariateSteps, int windowsPerBlock, long seed) {
        long count = windows.count();
        int blockCount = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (count + windowsPerBlock - 1)
                / windowsPerBlock));
        JavaRDD<WindowBlock> blocks = windows
                .mapToPair(w -> new Tuple2<>(w.layoutKey(seed), WindowBlock.row(w)))
                .repartitionAndSortWithinPartitions(new HashPartitioner(blockCount))
                .mapPartitions(it -> List.of(pack(it, input, horizon, covariates, covariateSteps)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        int[] sizes = blocks.map(WindowBlock::size).collect().stream().mapToInt(Integer::intValue).toArray();
        return new TrainingBlocks(blocks, sizes);
    }

    private static WindowBlock pack(Iterator<Tuple2<Long, float[][]>> it, int input, int horizon,
                                    CovariateLayout covariates, int covariateSteps) {
        List<float[][]> rows = new java.util.ArrayList<>();
        it.forEachRemaining(t -> rows.add(t._2()));
        return WindowBlock.of(rows, input, horizon, covariates, covariateSteps);
    }

    /** Windows of a split as one block per partition (validation: order is irrelevant to a sum of errors). */
    public static JavaRDD<WindowBlock> perPartition(JavaRDD<Window> windows, int input, int horizon) {
        return perPartition(windows, input, horizon, CovariateLayout.NONE, 0);
    }

    /** With the windows' covariates laid out as {@code covariates}, {@code covariateSteps} steps long. */
    public static JavaRDD<WindowBlock> perPartition(JavaRDD<Window> windows, int input, int horizon,
                                                    CovariateLayout covariates, int covariateSteps) {
        return windows.mapPartitions(it -> {
            List<Window> all = new java.util.ArrayList<>();
            it.forEachRemaining(all::add);
            return List.of(WindowBlock.ofWindows(all, input, horizon, covariates, covariateSteps)).iterator();
        });
    }

    public RoundRDD round(RoundPlan.Round round, List<String> hosts) {
        return new RoundRDD(blocks.rdd(), round, hosts);
    }

    /** The cached blocks, block i in partition i. */
    JavaRDD<WindowBlock> blocks() {
        return blocks;
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public long windows() {
        return Arrays.stream(sizes).asLongStream().sum();
    }

    public void release() {
        blocks.unpersist(false);
    }
}
