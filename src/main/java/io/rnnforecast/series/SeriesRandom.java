package io.rnnforecast.series;

import java.util.SplittableRandom;

/** One independent random stream per (seed, series index), derived with SplitMix64's finaliser. */
public final class SeriesRandom {
    private SeriesRandom() {
    }

    public static SplittableRandom forSeries(long seed, long index) {
        return new SplittableRandom(mix64(mix64(seed) + index * 0x9E3779B97F4A7C15L));
    }

    /** SplitMix64 finaliser: a bijective 64-bit mix, so distinct inputs never collide. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Zero-padded ids sort in index order as strings too. */
    public static String paddedId(String prefix, long index) {
        return String.format("%s-%09d", prefix, index);
    }
}
