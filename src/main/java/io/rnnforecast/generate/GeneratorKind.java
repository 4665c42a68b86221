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
    /** Géron's series labelled per step rising / falling (task = label-steps). */
    GERON_TREND,
    /** Series labelled by the family that made them: geron, damped-sine, random-walk (task = classify-series). */
    FAMILIES,
    /**
     * Géron's sines scaled by a per-series category, plus a promotion lift (a future covariate) and a temperature
     * acting {@link PromoGenerator#DEFAULT_LEAD} steps late (a historic one), written as columns beside y.
     */
    PROMO,
    NONE;

    /** Whether it writes a label column (for the classification tasks). */
    public boolean labelled() {
        return this == GERON_TREND || this == FAMILIES;
    }

    /**
     * The generator, whose series are exactly one window ({@code input + horizon} values) long (sine: fixed; the
     * labelled families: {@code input}, a classification window).
     */
    public SeriesGenerator create(int input, int horizon) {
        return switch (this) {
            case GERON -> new GeronGenerator(input + horizon);
            case DAMPED_SINE -> new DampedSineGenerator(input, horizon);
            case SINE -> new SineGenerator();
            case GERON_TREND -> new GeronTrendGenerator(input);
            case FAMILIES -> new FamiliesGenerator(input);
            case PROMO -> new PromoGenerator(input + horizon, PromoGenerator.DEFAULT_LEAD);
            case NONE -> throw new IllegalStateException("data.generator is none: nothing to generate");
        };
    }
}
