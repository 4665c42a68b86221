package io.rnnforecast.train;

import io.rnnforecast.series.SeriesRandom;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which training windows each worker fits in each parameter-averaging round of one epoch. Spark-free.
 *
 * <p>The training windows are laid out once in {@code blocks} (fixed content, see {@code batch.TrainingBlocks}).
 * Every epoch, from {@code (seed, epoch)}: the blocks are put in a random order and the windows inside each block
 * too; the resulting sequence of all windows is cut into shares, one per (round, worker), share {@code r * W + w}
 * being what worker {@code w} fits in round {@code r}. Every round but the last gives each worker exactly
 * {@code batchSize * averagingFrequency} windows; the last round splits the remainder evenly (shares differ by at
 * most one window). So every window is used exactly once per epoch, shares are balanced within one minibatch, and
 * the assignment depends only on the block sizes, the worker count, the seed and the epoch.
 */
public final class RoundPlan implements Serializable {
    /** Positions {@code [from, to)} of block {@code block} in its epoch order (see {@link #blockOrder}). */
    public record Slice(int block, int from, int to) implements Serializable {
        public int size() {
            return to - from;
        }
    }

    /**
     * One round's shares (worker {@code w} fits {@code shares.get(w)}, possibly nothing), with what is needed to
     * order each block's windows: what a round's tasks carry, independent of the epoch's size.
     */
    public record Round(int index, long seed, int epoch, List<List<Slice>> shares) implements Serializable {
        public Round {
            shares = List.copyOf(shares);
        }

        public List<Slice> share(int worker) {
            return shares.get(worker);
        }

        public int workers() {
            return shares.size();
        }

        /** The order in which this epoch visits the windows of a block of {@code size}: a permutation of 0..size-1. */
        public int[] blockOrder(int block, int size) {
            return permutation(size, new SplittableRandom(mix(seed, epoch, block)));
        }
    }

    private final int workers;
    private final int batchSize;
    private final long seed;
    private final int epoch;
    private final long windows;
    /** shares[r * workers + w] */
    private final List<List<Slice>> shares;
    private final int rounds;

    private RoundPlan(int workers, int batchSize, long seed, int epoch, long windows, int rounds,
                      List<List<Slice>> shares) {
        this.workers = workers;
        this.batchSize = batchSize;
        this.seed = seed;
        this.epoch = epoch;
        this.windows = windows;
        this.rounds = rounds;
        this.shares = shares;
    }

    public static RoundPlan of(int[] blockSizes, int workers, int batchSize, int averagingFrequency, long seed,
                               int epoch) {
        if (workers < 1 || batchSize < 1 || averagingFrequency < 1) {
            throw new IllegalArgumentException("workers, batch size and averaging frequency must be >= 1: "
                    + workers + ", " + batchSize + ", " + averagingFrequency);
        }
        long total = Arrays.stream(blockSizes).asLongStream().sum();
        long perRound = (long) workers * batchSize * averagingFrequency;
        int rounds = (int) Math.max(1, (total + perRound - 1) / perRound);
        long[] shareSizes = new long[rounds * workers];
        long remainder = total - (rounds - 1) * perRound;
        for (int i = 0; i < shareSizes.length; i++) {
            int round = i / workers;
            int worker = i % workers;
            shareSizes[i] = round < rounds - 1 ? perRound / workers
                    : remainder / workers + (worker < remainder % workers ? 1 : 0);
        }
        int[] order = permutation(blockSizes.length, new SplittableRandom(mix(seed, epoch, -1)));
        List<List<Slice>> shares = new ArrayList<>(shareSizes.length);
        int k = 0;
        int position = 0;
        for (long size : shareSizes) {
            List<Slice> slices = new ArrayList<>(2);
            long needed = size;
            while (needed > 0) {
                int block = order[k];
                int take = (int) Math.min(needed, blockSizes[block] - position);
                if (take > 0) {
                    slices.add(new Slice(block, position, position + take));
                }
                needed -= take;
                position += take;
                if (position == blockSizes[block]) {
                    k++;
                    position = 0;
                }
            }
            shares.add(List.copyOf(slices));
        }
        return new RoundPlan(workers, batchSize, seed, epoch, total, rounds, List.copyOf(shares));
    }

    public Round round(int round) {
        return new Round(round, seed, epoch, shares.subList(round * workers, (round + 1) * workers));
    }

    public List<Slice> share(int round, int worker) {
        return shares.get(round * workers + worker);
    }

    public int shareSize(int round, int worker) {
        return share(round, worker).stream().mapToInt(Slice::size).sum();
    }

    /** Minibatches worker {@code worker} fits in round {@code round} (the last one may be partial). */
    public int minibatches(int round, int worker) {
        return (shareSize(round, worker) + batchSize - 1) / batchSize;
    }

    /** Workers with at least one window in {@code round} (all of them except when an epoch is smaller than a round). */
    public int activeWorkers(int round) {
        int active = 0;
        for (int w = 0; w < workers; w++) {
            active += share(round, w).isEmpty() ? 0 : 1;
        }
        return active;
    }

    public int rounds() {
        return rounds;
    }

    public int workers() {
        return workers;
    }

    public int epoch() {
        return epoch;
    }

    public long windows() {
        return windows;
    }

    private static long mix(long seed, int epoch, int block) {
        return SeriesRandom.mix64(SeriesRandom.mix64(seed * 0x9E3779B97F4A7C15L + epoch) + block);
    }

    /** Fisher-Yates. */
    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
