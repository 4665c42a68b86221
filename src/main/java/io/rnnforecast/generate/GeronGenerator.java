package io.rnnforecast.generate;

import io.rnnforecast.series.SeriesRandom;

import java.util.SplittableRandom;

/**
 * Géron, Hands-On ML ch.15, {@code generate_time_series}: two sines plus uniform noise.
 * <pre>
 * time = linspace(0, 1, n_steps)
 * f1, f2, o1, o2 ~ U[0,1) per series (drawn in that order); u ~ U[0,1) per point
 * y = 0.5*sin((time - o1)*(f1*10 + 10)) + 0.2*sin((time - o2)*(f2*20 + 20)) + 0.1*(u - 0.5)
 * </pre>
 */
public record GeronGenerator(int steps) implements SeriesGenerator {

    public GeronGenerator {
        if (steps < 2) {
            throw new IllegalArgumentException("geron: steps must be >= 2, got " + steps);
        }
    }

    /** The four per-series draws of the source, named as there. */
    public record Parameters(double f1, double f2, double o1, double o2) {
        static Parameters draw(SplittableRandom random) {
            return new Parameters(random.nextDouble(), random.nextDouble(), random.nextDouble(), random.nextDouble());
        }
    }

    @Override
    public String name() {
        return "geron";
    }

    @Override
    public String seriesId(long index) {
        return SeriesRandom.paddedId("geron", index);
    }

    @Override
    public double[] values(long seed, long index) {
        SplittableRandom random = SeriesRandom.forSeries(seed, index);
        Parameters p = Parameters.draw(random);
        double[] y = new double[steps];
        for (int i = 0; i < steps; i++) {
            y[i] = value(p, time(i), random.nextDouble());
        }
        return y;
    }

    /** numpy's linspace(0, 1, steps)[i]. */
    public double time(int i) {
        return i == steps - 1 ? 1.0 : (double) i / (steps - 1);
    }

    public static double value(Parameters p, double time, double u) {
        return 0.5 * Math.sin((time - p.o1()) * (p.f1() * 10 + 10))
                + 0.2 * Math.sin((time - p.o2()) * (p.f2() * 20 + 20))
                + 0.1 * (u - 0.5);
    }

    /** Exposed for tests: the parameters series {@code index} is drawn with. */
    public Parameters parameters(long seed, long index) {
        return Parameters.draw(SeriesRandom.forSeries(seed, index));
    }
}
