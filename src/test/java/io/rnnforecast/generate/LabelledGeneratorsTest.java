package io.rnnforecast.generate;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelledGeneratorsTest {

    /**
     * The trend label is the sign of the noise-free signal's slope: checked against a central difference of
     * Géron's formula with the noise term at its mean (u = 0.5), independent of the analytic derivative.
     */
    @Test
    void trendLabelsFollowTheNoiseFreeSignalsSlope() {
        GeronTrendGenerator trend = new GeronTrendGenerator(50);
        GeronGenerator geron = new GeronGenerator(50);
        int rising = 0;
        for (long index = 0; index < 20; index++) {
            GeronGenerator.Parameters p = geron.parameters(7, index);
            String[] labels = trend.labels(7, index);
            assertArrayEquals(geron.values(7, index), trend.values(7, index), "the values are Géron's");
            for (int i = 0; i < 50; i++) {
                double t = geron.time(i);
                double difference = GeronGenerator.value(p, t + 1e-6, 0.5) - GeronGenerator.value(p, t - 1e-6, 0.5);
                if (Math.abs(difference) > 1e-9) {
                    assertEquals(difference > 0 ? "rising" : "falling", labels[i], "series " + index + " step " + i);
                }
                rising += labels[i].equals("rising") ? 1 : 0;
            }
        }
        assertTrue(rising > 300 && rising < 700, "both classes occur often: " + rising + " of 1000 rising");
    }

    @Test
    void familiesAreLabelledByTheGeneratorThatMadeThem() {
        FamiliesGenerator families = new FamiliesGenerator(30);
        Map<String, Integer> seen = new HashMap<>();
        for (long index = 0; index < 300; index++) {
            String family = families.family(3, index);
            double[] v = families.values(3, index);
            assertEquals(30, v.length);
            String[] labels = families.labels(3, index);
            assertEquals(30, labels.length);
            assertTrue(List.of(labels).stream().allMatch(family::equals));
            seen.merge(family, 1, Integer::sum);
            switch (family) {
                case "geron" -> assertArrayEquals(new GeronGenerator(30).values(3, index), v);
                case "damped-sine" -> assertArrayEquals(new DampedSineGenerator(29, 1).values(3, index), v);
                default -> {
                    assertEquals(0, v[0]);
                    for (int i = 1; i < v.length; i++) {
                        assertTrue(Math.abs(v[i] - v[i - 1]) <= 0.05, "a random-walk step is at most 0.05");
                    }
                }
            }
        }
        assertEquals(3, seen.size());
        seen.values().forEach(n -> assertTrue(n > 70, "each family about a third: " + seen));
    }
}
