package io.rnnforecast.generate;

import io.rnnforecast.series.SeriesRandom;


/**
 * Géron's two-sine series labelled per step by whether the noise-free signal is rising or falling there: the sign of
 * its derivative at time t,
 * <pre>
 * 0.5 (10 f1 + 10) cos((t - o1)(10 f1 + 10)) + 0.2 (20 f2 + 20) cos((t - o2)(20 f2 + 20))
 * </pre>
 * The values are {@link GeronGenerator}'s, noise included, so the label is not readable from one step's change:
 * the noise (+-0.05) is as large as the signal's change over a step, and a step's trend is best read from both its
 * sides (a bidirectional model's advantage in sequence labelling).
 */
public record GeronTrendGenerator(int steps) implements LabelledGenerator {
    public static final String RISING = "rising";
    public static final String FALLING = "falling";

    public GeronTrendGenerator {
        new GeronGenerator(steps);
    }

    @Override
    public String name() {
        return "geron-trend";
    }

    @Override
    public String seriesId(long index) {
        return SeriesRandom.paddedId("trend", index);
    }

    @Override
    public double[] values(long seed, long index) {
        return new GeronGenerator(steps).values(seed, index);
    }

    @Override
    public String[] labels(long seed, long index) {
        GeronGenerator geron = new GeronGenerator(steps);
        GeronGenerator.Parameters p = geron.parameters(seed, index);
        String[] labels = new String[steps];
        for (int i = 0; i < steps; i++) {
            labels[i] = slope(p, geron.time(i)) > 0 ? RISING : FALLING;
        }
        return labels;
    }

    /** The derivative of the noise-free signal at {@code time}. */
    public static double slope(GeronGenerator.Parameters p, double time) {
        double w1 = p.f1() * 10 + 10;
        double w2 = p.f2() * 20 + 20;
        return 0.5 * w1 * Math.cos((time - p.o1()) * w1) + 0.2 * w2 * Math.cos((time - p.o2()) * w2);
    }
}
