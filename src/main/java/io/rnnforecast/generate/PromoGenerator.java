package io.rnnforecast.generate;

import io.rnnforecast.series.SeriesRandom;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Géron's two sines with covariates whose effect is known by construction: a static category scaling the sines, a
 * promotion flag known in advance (a future covariate) and a temperature that acts {@code lead} steps late (a
 * historic covariate: for the first {@code lead} horizon steps its effect is already observed). A model given the
 * covariates can remove their terms from the error; one given only y cannot predict the promotions at all.
 * <pre>
 * time_t = linspace(0, 1, steps)[t], t = 0..steps-1
 * per series, drawn from SeriesRandom.forSeries(seed, index) in this order:
 *   f1, f2, o1, o2 ~ U[0,1)                      (nextDouble x 4, as GeronGenerator)
 *   c ~ uniform on {A, B, C}                     (nextInt(3): 0 = A, 1 = B, 2 = C); a_A = 0.5, a_B = 1.0, a_C = 1.5
 *   L = 0.2 + 0.4 nextDouble()                   (the promotion lift, L ~ U[0.2, 0.6))
 * temperature, an AR(1) from x = 0 before step -(lead + 20):
 *   x_t = 0.9 x_{t-1} + 0.3 g_t, g_t = nextGaussian() ~ N(0, 1)   (e_t = 0.3 g_t ~ N(0, 0.3^2))
 *   steps t = -(lead + 20) .. -1 draw only g_t, in time order (20 burn-in steps, then t = -lead..-1);
 * then per step t = 0..steps-1, in this order:
 *   u_t = nextDouble()                           (the noise)
 *   promo_t = 1.0 if nextDouble() &lt; 0.15 else 0.0
 *   g_t = nextGaussian()                         (temperature_t = x_t)
 * y_t = a_c (0.5 sin((time_t - o1)(10 f1 + 10)) + 0.2 sin((time_t - o2)(20 f2 + 20)))
 *       + 0.1 (u_t - 0.5) + L promo_t + 0.5 temperature_{t - lead}
 * </pre>
 * Written per step: y_t, promo = promo_t, temperature = temperature_t; per series: category = c. The temperature
 * y_t depends on (t - lead &lt; 0 for t &lt; lead) comes from the run-in steps, which are not written. The Gaussian
 * is {@link SplittableRandom#nextGaussian()} (Java 17's {@code RandomGenerator} default: the modified ziggurat of
 * {@code RandomSupport.computeNextGaussian}, drawing one or more longs per value), so a series is reproducible by
 * any code that replays the same calls on the same stream.
 */
public record PromoGenerator(int steps, int lead) implements CovariateGenerator {
    public static final int DEFAULT_LEAD = 3;
    public static final List<String> CATEGORIES = List.of("A", "B", "C");
    public static final double MIN_LIFT = 0.2;
    /** The width of the lift's range, written as 0.4 (not 0.6 - 0.2, which is 0.39999999999999997). */
    public static final double LIFT_SPAN = 0.4;
    public static final double PROMO_PROBABILITY = 0.15;
    public static final double TEMPERATURE_AR = 0.9;
    public static final double TEMPERATURE_INNOVATION_SD = 0.3;
    public static final double TEMPERATURE_EFFECT = 0.5;
    /** Steps the AR(1) runs from 0 before temperature_{-lead}, so the first one y uses is near its stationary law. */
    public static final int BURN_IN = 20;
    public static final String PROMO = "promo";
    public static final String TEMPERATURE = "temperature";
    public static final String CATEGORY = "category";

    public PromoGenerator {
        new GeronGenerator(steps);
        if (lead < 0) {
            throw new IllegalArgumentException("promo: lead must be >= 0, got " + lead);
        }
    }

    /** The per-series draws: Géron's four, the category and the promotion lift. */
    public record Parameters(GeronGenerator.Parameters base, String category, double lift) {
        static Parameters draw(SplittableRandom random) {
            GeronGenerator.Parameters base = GeronGenerator.Parameters.draw(random);
            String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            double lift = MIN_LIFT + LIFT_SPAN * random.nextDouble();
            return new Parameters(base, category, lift);
        }

        /** a_c: the sines' scale for the category (A 0.5, B 1.0, C 1.5). */
        public double amplitude() {
            return amplitude(category);
        }

        public static double amplitude(String category) {
            return 0.5 * (CATEGORIES.indexOf(category) + 1);
        }
    }

    /**
     * Everything one series draws. {@code temperature} holds steps -lead..steps-1 (index t + lead), the written
     * column being its last {@code steps} values; {@code noise} holds u_t.
     */
    public record Draws(Parameters parameters, double[] y, double[] promo, double[] temperature, double[] noise) {
    }

    @Override
    public String name() {
        return "promo";
    }

    @Override
    public String seriesId(long index) {
        return SeriesRandom.paddedId("promo", index);
    }

    @Override
    public List<String> covariateNames() {
        return List.of(PROMO, TEMPERATURE);
    }

    @Override
    public String categoryColumn() {
        return CATEGORY;
    }

    @Override
    public double[] values(long seed, long index) {
        return draws(seed, index).y();
    }

    @Override
    public double[][] covariates(long seed, long index) {
        Draws d = draws(seed, index);
        double[] temperature = new double[steps];
        System.arraycopy(d.temperature(), lead, temperature, 0, steps);
        return new double[][] {d.promo(), temperature};
    }

    @Override
    public String category(long seed, long index) {
        return parameters(seed, index).category();
    }

    /** Exposed for tests: the per-series parameters of series {@code index}. */
    public Parameters parameters(long seed, long index) {
        return Parameters.draw(SeriesRandom.forSeries(seed, index));
    }

    /** Series {@code index} with everything it drew, in the order the class comment gives. */
    public Draws draws(long seed, long index) {
        SplittableRandom random = SeriesRandom.forSeries(seed, index);
        Parameters p = Parameters.draw(random);
        double x = 0;
        for (int k = 0; k < BURN_IN; k++) {
            x = nextTemperature(x, random);
        }
        double[] temperature = new double[lead + steps];
        for (int t = -lead; t < 0; t++) {
            x = nextTemperature(x, random);
            temperature[t + lead] = x;
        }
        GeronGenerator geron = new GeronGenerator(steps);
        double[] y = new double[steps];
        double[] promo = new double[steps];
        double[] noise = new double[steps];
        for (int t = 0; t < steps; t++) {
            noise[t] = random.nextDouble();
            promo[t] = random.nextDouble() < PROMO_PROBABILITY ? 1.0 : 0.0;
            x = nextTemperature(x, random);
            temperature[t + lead] = x;
            y[t] = value(p, geron.time(t), noise[t], promo[t], temperature[t]);
        }
        return new Draws(p, y, promo, temperature, noise);
    }

    private static double nextTemperature(double previous, SplittableRandom random) {
        return TEMPERATURE_AR * previous + TEMPERATURE_INNOVATION_SD * random.nextGaussian();
    }

    /** a_c times Géron's two sines: the part of y_t no covariate but the category explains. */
    public static double base(Parameters p, double time) {
        GeronGenerator.Parameters g = p.base();
        return p.amplitude() * (0.5 * Math.sin((time - g.o1()) * (g.f1() * 10 + 10))
                + 0.2 * Math.sin((time - g.o2()) * (g.f2() * 20 + 20)));
    }

    /** y_t from its parts: the noise draw u, promo_t and temperature_{t - lead}. */
    public static double value(Parameters p, double time, double u, double promo, double laggedTemperature) {
        return base(p, time) + 0.1 * (u - 0.5) + p.lift() * promo + TEMPERATURE_EFFECT * laggedTemperature;
    }
}
