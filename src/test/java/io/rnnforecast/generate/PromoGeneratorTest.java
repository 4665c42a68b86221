package io.rnnforecast.generate;

import io.rnnforecast.series.SeriesRandom;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromoGeneratorTest {

    /** The class comment's recipe, re-implemented from it alone: y, promo, temperature (from step -lead), category. */
    private record Expected(String category, double lift, double[] y, double[] promo, double[] temperature) {
    }

    private static Expected byHand(long seed, long index, int steps, int lead) {
        SplittableRandom r = SeriesRandom.forSeries(seed, index);
        double f1 = r.nextDouble();
        double f2 = r.nextDouble();
        double o1 = r.nextDouble();
        double o2 = r.nextDouble();
        int c = r.nextInt(3);
        String category = new String[] {"A", "B", "C"}[c];
        double a = new double[] {0.5, 1.0, 1.5}[c];
        double lift = 0.2 + 0.4 * r.nextDouble();
        double x = 0;
        for (int t = -(lead + 20); t < -lead; t++) {
            x = 0.9 * x + 0.3 * r.nextGaussian();
        }
        double[] temperature = new double[lead + steps];
        for (int t = -lead; t < 0; t++) {
            x = 0.9 * x + 0.3 * r.nextGaussian();
            temperature[t + lead] = x;
        }
        double[] y = new double[steps];
        double[] promo = new double[steps];
        for (int t = 0; t < steps; t++) {
            double time = t == steps - 1 ? 1.0 : (double) t / (steps - 1);
            double u = r.nextDouble();
            promo[t] = r.nextDouble() < 0.15 ? 1.0 : 0.0;
            x = 0.9 * x + 0.3 * r.nextGaussian();
            temperature[t + lead] = x;
            double laggedTemperature = temperature[t]; // temperature_{t - lead}, stored at (t - lead) + lead
            y[t] = a * (0.5 * Math.sin((time - o1) * (10 * f1 + 10)) + 0.2 * Math.sin((time - o2) * (20 * f2 + 20)))
                    + 0.1 * (u - 0.5) + lift * promo[t] + 0.5 * laggedTemperature;
        }
        return new Expected(category, lift, y, promo, temperature);
    }

    @Test
    void valuesAndCovariatesAreTheDocumentedFormulaReplayedOnTheSeriesStream() {
        for (int lead : new int[] {0, 3, 7}) {
            PromoGenerator g = new PromoGenerator(24, lead);
            for (long index = 0; index < 50; index++) {
                Expected e = byHand(11, index, 24, lead);
                assertArrayEquals(e.y(), g.values(11, index), 0, "y, lead " + lead + " series " + index);
                double[][] covariates = g.covariates(11, index);
                assertEquals(2, covariates.length);
                assertArrayEquals(e.promo(), covariates[0], 0, "promo");
                double[] writtenTemperature = new double[24];
                System.arraycopy(e.temperature(), lead, writtenTemperature, 0, 24);
                assertArrayEquals(writtenTemperature, covariates[1], 0, "temperature column = temperature_t");
                assertArrayEquals(e.temperature(), g.draws(11, index).temperature(), 0, "steps -lead..steps-1");
                assertEquals(e.category(), g.category(11, index));
                assertEquals(e.lift(), g.parameters(11, index).lift(), 0);
            }
        }
        PromoGenerator g = new PromoGenerator(24, 3);
        assertEquals(List.of("promo", "temperature"), g.covariateNames());
        assertEquals("category", g.categoryColumn());
    }

    @Test
    void promoIsOnAboutFifteenPercentOfStepsAndTheParametersStayInTheirRanges() {
        PromoGenerator g = new PromoGenerator(50, 3);
        double promos = 0;
        Map<String, Integer> categories = new HashMap<>();
        for (long index = 0; index < 2000; index++) {
            for (double p : g.covariates(5, index)[0]) {
                assertTrue(p == 0.0 || p == 1.0, "promo is a 0/1 flag: " + p);
                promos += p;
            }
            PromoGenerator.Parameters p = g.parameters(5, index);
            assertTrue(p.lift() >= 0.2 && p.lift() < 0.6, "lift in [0.2, 0.6): " + p.lift());
            categories.merge(p.category(), 1, Integer::sum);
        }
        // 100,000 Bernoulli(0.15) flags: standard error 0.0011
        assertEquals(0.15, promos / (2000 * 50), 0.005);
        assertEquals(3, categories.size());
        categories.values().forEach(n -> assertTrue(n > 600, "each category about a third: " + categories));
        assertEquals(0.5, PromoGenerator.Parameters.amplitude("A"));
        assertEquals(1.0, PromoGenerator.Parameters.amplitude("B"));
        assertEquals(1.5, PromoGenerator.Parameters.amplitude("C"));
    }

    @Test
    void seriesDependOnlyOnSeedAndIndex() {
        PromoGenerator g = new PromoGenerator(30, 3);
        assertArrayEquals(g.values(3, 12345), new PromoGenerator(30, 3).values(3, 12345));
        assertArrayEquals(g.covariates(3, 12345)[1], new PromoGenerator(30, 3).covariates(3, 12345)[1]);
        assertEquals(g.category(3, 12345), new PromoGenerator(30, 3).category(3, 12345));
        assertNotEquals(g.values(3, 12345)[0], g.values(3, 12346)[0]);
        assertNotEquals(g.values(3, 12345)[0], g.values(4, 12345)[0]);
        assertEquals("promo-000012345", g.seriesId(12345));
        // the first draws are Géron's, so the base sines are those of the geron series with the same (seed, index)
        assertEquals(new GeronGenerator(30).parameters(3, 12345), g.parameters(3, 12345).base());
    }

    /**
     * The effects are what the formula says: with the written columns, y_t - a_c sines - L promo_t
     * - 0.5 temperature_{t-lead} is the noise 0.1 (u_t - 0.5) and nothing else; pooled over series, the slope of
     * y - base - L promo on the lagged temperature column is 0.5, and the temperature column is an AR(1) with
     * coefficient 0.9 and innovation sd 0.3.
     */
    @Test
    void removingTheBaseTheLiftAndTheLaggedTemperatureLeavesOnlyTheNoise() {
        int steps = 50;
        int lead = 3;
        PromoGenerator g = new PromoGenerator(steps, lead);
        GeronGenerator geron = new GeronGenerator(steps);
        double sxy = 0;
        double sxx = 0;
        double arXy = 0;
        double arXx = 0;
        double arResidual2 = 0;
        int arN = 0;
        for (long index = 0; index < 300; index++) {
            PromoGenerator.Parameters p = g.parameters(21, index);
            double[] y = g.values(21, index);
            double[][] covariates = g.covariates(21, index);
            double[] promo = covariates[0];
            double[] temperature = covariates[1];
            double[] u = g.draws(21, index).noise();
            for (int t = lead; t < steps; t++) {
                double base = PromoGenerator.base(p, geron.time(t));
                double withoutPromo = y[t] - p.lift() * promo[t] - base;
                double residual = withoutPromo - 0.5 * temperature[t - lead];
                assertEquals(0.1 * (u[t] - 0.5), residual, 1e-12, "series " + index + " step " + t);
                assertTrue(Math.abs(residual) <= 0.05 + 1e-12, "noise bounded by 0.05: " + residual);
                sxy += withoutPromo * temperature[t - lead];
                sxx += temperature[t - lead] * temperature[t - lead];
            }
            for (int t = 1; t < steps; t++) {
                arXy += temperature[t] * temperature[t - 1];
                arXx += temperature[t - 1] * temperature[t - 1];
            }
        }
        assertEquals(0.5, sxy / sxx, 0.005, "temperature effect");
        double ar = arXy / arXx;
        assertEquals(0.9, ar, 0.01, "AR coefficient");
        for (long index = 0; index < 300; index++) {
            double[] temperature = g.covariates(21, index)[1];
            for (int t = 1; t < steps; t++) {
                double e = temperature[t] - 0.9 * temperature[t - 1];
                arResidual2 += e * e;
                arN++;
            }
        }
        assertEquals(0.3, Math.sqrt(arResidual2 / arN), 0.01, "innovation sd");
    }

    @Test
    void theKindPromoMakesOneWindowLongSeriesWithLeadThree() {
        assertEquals("promo", GeneratorKind.PROMO.key());
        assertEquals(new PromoGenerator(36, 3), GeneratorKind.PROMO.create(24, 12));
        assertFalse(GeneratorKind.PROMO.labelled());
    }
}
