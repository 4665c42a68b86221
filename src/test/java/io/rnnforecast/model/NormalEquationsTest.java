package io.rnnforecast.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NormalEquationsTest {

    @Test
    void simpleRegressionMatchesTheTextbookFormulas() {
        // x = 0, 1, 2 -> y = 1, 3, 4: slope = Sxy / Sxx = 3 / 2, intercept = mean y - slope * mean x = 8/3 - 3/2
        LinearAutoregression fit = new NormalEquations(1, 1).add(new float[] {0}, new float[] {1})
                .add(new float[] {1}, new float[] {3}).add(new float[] {2}, new float[] {4}).solve();
        assertEquals(1.5, fit.weights()[0][0], 1e-12);
        assertEquals(8.0 / 3 - 1.5, fit.bias()[0], 1e-12);
        assertArrayEquals(new double[] {8.0 / 3 - 1.5 + 1.5 * 4}, fit.forecast(new float[] {4}), 1e-12);
    }

    @Test
    void twoInputsTwoStepsSolvedByHand() {
        // y1 = 2 x1 - x2 + 1 and y2 = x1 + 3 exactly, on 4 points spanning the plane: the fit recovers them
        float[][] xs = {{0, 0}, {1, 0}, {0, 1}, {2, 3}};
        NormalEquations sums = new NormalEquations(2, 2);
        for (float[] x : xs) {
            sums.add(x, new float[] {2 * x[0] - x[1] + 1, x[0] + 3});
        }
        LinearAutoregression fit = sums.solve();
        assertArrayEquals(new double[] {2, -1}, fit.weights()[0], 1e-10);
        assertArrayEquals(new double[] {1, 0}, fit.weights()[1], 1e-10);
        assertArrayEquals(new double[] {1, 3}, fit.bias(), 1e-10);
        assertEquals(4, sums.count());
    }

    @Test
    void noisyFitEqualsTheNormalEquationsSolvedByCramersRule() {
        // x = (1,2), (2,1), (3,5), (4,3) -> y = 3, 1, 8, 4 (no exact fit): the 3x3 system X'X b = X'y, intercept
        // included, solved here by Cramer's rule, independently of the SVD (numpy.linalg.lstsq: -0.2778, 1.8254,
        // -0.3254)
        float[][] xs = {{1, 2}, {2, 1}, {3, 5}, {4, 3}};
        double[] ys = {3, 1, 8, 4};
        double[][] a = new double[3][3];
        double[] b = new double[3];
        NormalEquations sums = new NormalEquations(2, 1);
        for (int n = 0; n < xs.length; n++) {
            double[] row = {xs[n][0], xs[n][1], 1};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    a[i][j] += row[i] * row[j];
                }
                b[i] += row[i] * ys[n];
            }
            sums.add(xs[n], new float[] {(float) ys[n]});
        }
        double det = det3(a);
        double[] expected = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] ak = new double[3][];
            for (int i = 0; i < 3; i++) {
                ak[i] = a[i].clone();
                ak[i][k] = b[i];
            }
            expected[k] = det3(ak) / det;
        }
        LinearAutoregression fit = sums.solve();
        assertArrayEquals(new double[] {expected[0], expected[1]}, fit.weights()[0], 1e-10);
        assertEquals(expected[2], fit.bias()[0], 1e-10);
    }

    @Test
    void mergedPartialSumsGiveTheSameFit() {
        NormalEquations all = new NormalEquations(2, 1);
        NormalEquations left = new NormalEquations(2, 1);
        NormalEquations right = new NormalEquations(2, 1);
        for (int i = 0; i < 20; i++) {
            float[] x = {(float) Math.sin(i), (float) Math.cos(0.7 * i)};
            float[] y = {(float) (0.3 * x[0] - 2 * x[1] + 0.01 * (i % 3))};
            all.add(x, y);
            (i % 2 == 0 ? left : right).add(x, y);
        }
        LinearAutoregression merged = left.merge(right).solve();
        LinearAutoregression direct = all.solve();
        assertArrayEquals(direct.weights()[0], merged.weights()[0], 1e-12);
        assertArrayEquals(direct.bias(), merged.bias(), 1e-12);
    }

    @Test
    void collinearInputsGetTheMinimumNormSolution() {
        // both inputs always equal: y = 4 x is met by any w1 + w2 = 4; the minimum-norm one is 2, 2
        NormalEquations sums = new NormalEquations(2, 1);
        for (int i = 1; i <= 5; i++) {
            sums.add(new float[] {i, i}, new float[] {4 * i});
        }
        LinearAutoregression fit = sums.solve();
        assertArrayEquals(new double[] {2, 2}, fit.weights()[0], 1e-9);
        assertEquals(0, fit.bias()[0], 1e-9);
    }

    @Test
    void refusesEmptyAndMisshapenInput() {
        assertThrows(IllegalStateException.class, () -> new NormalEquations(3, 1).solve());
        assertThrows(IllegalArgumentException.class, () -> new NormalEquations(3, 1).add(new float[2],
                new float[1]));
    }

    private static double det3(double[][] m) {
        return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    }
}
