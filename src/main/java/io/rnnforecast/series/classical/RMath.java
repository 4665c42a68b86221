package io.rnnforecast.series.classical;

/**
 * The few of R's numerics the classical methods rest on, computed as R computes them where the order of
 * operations changes the last bits (the optimizer starts from these values, and its path follows them).
 */
final class RMath {
    private RMath() {
    }

    /**
     * R's {@code mean}: the sum divided by n, then corrected by the mean of the residuals (R sums in long
     * double; a compensated sum stands in for it).
     */
    static double mean(double[] x) {
        return mean(x, 0, x.length);
    }

    static double mean(double[] x, int from, int to) {
        int n = to - from;
        double s = compensatedSum(x, from, to, 0) / n;
        if (Double.isFinite(s)) {
            s += compensatedSum(x, from, to, s) / n;
        }
        return s;
    }

    /** sum (x_i - shift) with Neumaier's compensation. */
    private static double compensatedSum(double[] x, int from, int to, double shift) {
        double sum = 0;
        double carry = 0;
        for (int i = from; i < to; i++) {
            double v = x[i] - shift;
            double t = sum + v;
            carry += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + carry;
    }

    /** The least-squares line through (t, y_t), t = 1..n: {intercept, slope} (R's {@code lsfit}, {@code lm}). */
    static double[] leastSquaresLine(double[] y) {
        int n = y.length;
        double tMean = (n + 1) / 2.0;
        double yMean = mean(y);
        double sty = 0;
        double stt = 0;
        for (int t = 1; t <= n; t++) {
            double dt = t - tMean;
            sty += dt * (y[t - 1] - yMean);
            stt += dt * dt;
        }
        double slope = n > 1 ? sty / stt : 0;
        return new double[] {yMean - slope * tMean, slope};
    }

    /**
     * R's {@code acf(x, lag.max)} correlations at lags 1..lagMax: r_k = c_k / c_0 with c_k = sum_t (x_t - mean)
     * (x_(t+k) - mean) / n, clamped to [-1, 1].
     */
    static double[] acf(double[] x, int lagMax) {
        int n = x.length;
        double mean = mean(x);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = x[i] - mean;
        }
        double[] c = new double[lagMax + 1];
        for (int lag = 0; lag <= lagMax; lag++) {
            double sum = 0;
            for (int i = 0; i < n - lag; i++) {
                sum += d[i + lag] * d[i];
            }
            c[lag] = sum / n;
        }
        double[] r = new double[lagMax];
        double se = Math.sqrt(c[0]);
        for (int lag = 1; lag <= lagMax; lag++) {
            r[lag - 1] = Math.max(-1, Math.min(1, c[lag] / (se * se)));
        }
        return r;
    }
}
