package io.rnnforecast.generate;

import io.rnnforecast.series.SeriesRandom;

import java.util.SplittableRandom;

/**
 * Brownlee's damped sine wave for the stacked-LSTM example:
 * {@code v[i] = 0.5 + 0.5*sin(2*pi*i/p)*exp(-d*i)} for i = 0..length+output-1, with the period p a uniform integer
 * in 10..20 inclusive and the decay d ~ U(0.01, 0.1), both drawn per series.
 */
public record DampedSineGenerator(int length, int output) implements SeriesGenerator {

    public static final int MIN_PERIOD = 10;
    public static final int MAX_PERIOD = 20;
    public static final double MIN_DECAY = 0.01;
    public static final double MAX_DECAY = 0.1;

    public DampedSineGenerator {
        if (length < 1 || output < 1) {
            throw new IllegalArgumentException("damped-sine: length and output must be >= 1, got " + length + ", " + output);
        }
    }

    public record Parameters(int period, double decay) {
        static Parameters draw(SplittableRandom random) {
            int period = random.nextInt(MIN_PERIOD, MAX_PERIOD + 1);
            double decay = MIN_DECAY + (MAX_DECAY - MIN_DECAY) * random.nextDouble();
            return new Parameters(period, decay);
        }
    }

    @Override
    public String name() {
        return "damped-sine";
    }

    @Override
    public String seriesId(long index) {
        return SeriesRandom.paddedId("damped", index);
    }

    @Override
    public double[] values(long seed, long index) {
        Parameters p = parameters(seed, index);
        double[] v = new double[length + output];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(p, i);
        }
        return v;
    }

    public static double value(Parameters p, int i) {
        return 0.5 + 0.5 * Math.sin(2 * Math.PI * i / p.period()) * Math.exp(-p.decay() * i);
    }

    public Parameters parameters(long seed, long index) {
        return Parameters.draw(SeriesRandom.forSeries(seed, index));
    }
}
