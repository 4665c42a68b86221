package io.rnnforecast.generate;

import io.rnnforecast.config.Keyed;

/** The synthetic families data.generator names; {@link #NONE}: data.path holds the user's own data. */
public enum GeneratorKind implements Keyed {
    /** Géron ch.15: two sines with random frequencies and offsets, plus noise. */
    GERON,
    /** Brownlee: a damped sine with random period and decay. */
    DAMPED_SINE,
    /** The GRU example: one long sine to train on and one to test on. */
    SINE,
    NONE;

    /** The generator, whose series are exactly one window ({@code input + horizon} values) long (sine: fixed). */
    public SeriesGenerator create(int input, int horizon) {
        return switch (this) {
            case GERON -> new GeronGenerator(input + horizon);
            case DAMPED_SINE -> new DampedSineGenerator(input, horizon);
            case SINE -> new SineGenerator();
            case NONE -> throw new IllegalStateException("data.generator is none: nothing to generate");
        };
    }
}
