package io.rnnforecast.generate;

import io.rnnforecast.series.SeriesRandom;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Series labelled by the family that made them, for {@code task = classify-series}: each series is drawn from one
 * of {@link #FAMILIES} with equal probability (from (seed, index) alone) and every value carries the family's name.
 * <ul>
 *   <li>{@code geron}: {@link GeronGenerator}'s two sines plus noise;</li>
 *   <li>{@code damped-sine}: {@link DampedSineGenerator}'s damped sine;</li>
 *   <li>{@code random-walk}: y[0] = 0, y[t] = y[t-1] + 0.1 (u - 0.5), u ~ U[0, 1).</li>
 * </ul>
 */
public record FamiliesGenerator(int steps) implements LabelledGenerator {
    public static final List<String> FAMILIES = List.of("damped-sine", "geron", "random-walk");
    /** Keeps the family draw apart from the draws the family's own generator makes from (seed, index). */
    private static final long FAMILY_STREAM = 0x5DEECE66DL;

    public FamiliesGenerator {
        new GeronGenerator(steps);
    }

    @Override
    public String name() {
        return "families";
    }

    @Override
    public String seriesId(long index) {
        return SeriesRandom.paddedId("family", index);
    }

    /** The family of series {@code index}. */
    public String family(long seed, long index) {
        return FAMILIES.get(SeriesRandom.forSeries(seed ^ FAMILY_STREAM, index).nextInt(FAMILIES.size()));
    }

    @Override
    public double[] values(long seed, long index) {
        return switch (family(seed, index)) {
            case "geron" -> new GeronGenerator(steps).values(seed, index);
            case "damped-sine" -> new DampedSineGenerator(steps - 1, 1).values(seed, index);
            default -> randomWalk(SeriesRandom.forSeries(seed, index));
        };
    }

    private double[] randomWalk(SplittableRandom random) {
        double[] y = new double[steps];
        for (int i = 1; i < steps; i++) {
            y[i] = y[i - 1] + 0.1 * (random.nextDouble() - 0.5);
        }
        return y;
    }

    @Override
    public String[] labels(long seed, long index) {
        return java.util.Collections.nCopies(steps, family(seed, index)).toArray(new String[0]);
    }
}
