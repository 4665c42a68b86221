package io.rnnforecast.generate;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorFormulaTest {

    @Test
    void geronValueMatchesHandComputedPoints() {
        var p = new GeronGenerator.Parameters(0.5, 0.25, 0.1, 0.3);
        // 0.5*sin((0.5-0.1)*(0.5*10+10)) + 0.2*sin((0.5-0.3)*(0.25*20+20)) + 0.1*(0.7-0.5) = 0.5 sin 6 + 0.2 sin 5 + 0.02
        assertEquals(0.5 * -0.27941549819892586 + 0.2 * -0.9589242746631385 + 0.02,
                GeronGenerator.value(p, 0.5, 0.7), 1e-12);
        var zero = new GeronGenerator.Parameters(0, 0, 0, 0);
        assertEquals(-0.05, GeronGenerator.value(zero, 0.0, 0.0), 1e-12);
        // t = 1: 0.5 sin(10) + 0.2 sin(20) + 0.1*(1-0.5)
        assertEquals(0.5 * -0.5440211108893698 + 0.2 * 0.9129452507276277 + 0.05,
                GeronGenerator.value(zero, 1.0, 1.0), 1e-12);
    }

    @Test
    void geronTimeIsNumpyLinspaceOfZeroToOne() {
        var g = new GeronGenerator(51);
        assertEquals(0.0, g.time(0));
        assertEquals(0.5, g.time(25), 1e-15);
        assertEquals(0.02, g.time(1), 1e-15);
        assertEquals(1.0, g.time(50));
    }

    @Test
    void geronSeriesAreTheCleanSignalPlusBoundedUniformNoise() {
        var g = new GeronGenerator(51);
        for (long index = 0; index < 200; index++) {
            var p = g.parameters(7, index);
            for (double v : new double[] {p.f1(), p.f2(), p.o1(), p.o2()}) {
                assertTrue(v >= 0 && v < 1, "parameter in [0,1)");
            }
            double[] y = g.values(7, index);
            assertEquals(51, y.length);
            for (int i = 0; i < y.length; i++) {
                double t = i / 50.0;
                double clean = 0.5 * Math.sin((t - p.o1()) * (p.f1() * 10 + 10))
                        + 0.2 * Math.sin((t - p.o2()) * (p.f2() * 20 + 20));
                double u = (y[i] - clean) / 0.1 + 0.5;
                assertTrue(u >= -1e-9 && u < 1 + 1e-9, "noise term u=" + u + " outside [0,1)");
            }
        }
    }

    @Test
    void seriesDependOnlyOnSeedAndIndex() {
        var g = new GeronGenerator(51);
        assertArrayEquals(g.values(3, 12345), new GeronGenerator(51).values(3, 12345));
        assertNotEquals(g.values(3, 12345)[0], g.values(3, 12346)[0]);
        assertNotEquals(g.values(3, 12345)[0], g.values(4, 12345)[0]);
        assertEquals("geron-000012345", g.seriesId(12345));
    }

    @Test
    void dampedSineMatchesBrownleesFormula() {
        var p = new DampedSineGenerator.Parameters(10, 0.05);
        assertEquals(0.5, DampedSineGenerator.value(p, 0), 1e-15);
        // i = 3: 0.5 + 0.5*sin(2*pi*3/10)*exp(-0.15) = 0.5 + 0.5*0.9510565162951535*0.8607079764250578
        assertEquals(0.5 + 0.5 * 0.9510565162951535 * 0.8607079764250578, DampedSineGenerator.value(p, 3), 1e-12);
        assertEquals(0.5, DampedSineGenerator.value(p, 5), 1e-12);
    }

    @Test
    void dampedSineDrawsPeriodInTenToTwentyInclusiveAndDecayInRange() {
        var g = new DampedSineGenerator(50, 5);
        Set<Integer> periods = new HashSet<>();
        for (long index = 0; index < 2000; index++) {
            var p = g.parameters(1, index);
            periods.add(p.period());
            assertTrue(p.decay() >= 0.01 && p.decay() < 0.1);
            double[] v = g.values(1, index);
            assertEquals(55, v.length);
            assertEquals(DampedSineGenerator.value(p, 54), v[54], 0);
        }
        assertEquals(11, periods.size());
        assertTrue(periods.contains(10) && periods.contains(20));
    }

    @Test
    void sineIsSinOfTheTwoLinspaces() {
        var g = new SineGenerator();
        double[] train = g.values(0, 0);
        double[] test = g.values(0, 1);
        assertEquals(10_000, train.length);
        assertEquals(1_000, test.length);
        assertEquals(0.0, train[0]);
        assertEquals(Math.sin(100.0), train[9_999], 1e-15);
        assertEquals(Math.sin(5000 * 100.0 / 9999), train[5000], 1e-12);
        assertEquals(Math.sin(100.0), test[0], 1e-15);
        assertEquals(Math.sin(100 + 500 * 100.0 / 999), test[500], 1e-12);
        assertEquals(Math.sin(200.0), test[999], 1e-15);
        assertEquals(java.util.List.of("sine-test"), g.idsReservedFor("test"));
    }
}
