package io.rnnforecast.model;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

import java.io.Serializable;

/**
 * The sums X'X and X'Y of a least-squares fit from windows' inputs (plus an intercept column) to their targets,
 * accumulated window by window and merged across partitions (a Spark aggregation), then solved once. The design is
 * (input + 1) wide, so the sums are small whatever the number of windows (51 x 51 + 51 x 10 doubles for Géron's
 * windows).
 */
public final class NormalEquations implements Serializable {
    /**
     * Singular values of X'X below this fraction of the largest are treated as zero (the minimum-norm solution):
     * windows of a pure sine span only 2 dimensions, and X'X is then singular up to rounding.
     */
    static final double RELATIVE_CUTOFF = 1e-12;

    private final int input;
    private final int horizon;
    private final double[] xtx;
    private final double[] xty;
    private long count;

    public NormalEquations(int input, int horizon) {
        this.input = input;
        this.horizon = horizon;
        this.xtx = new double[(input + 1) * (input + 1)];
        this.xty = new double[(input + 1) * horizon];
    }

    public long count() {
        return count;
    }

    /** Adds one window (the intercept is the last column, always 1). */
    public NormalEquations add(float[] x, float[] y) {
        if (x.length != input || y.length != horizon) {
            throw new IllegalArgumentException("window of " + x.length + " -> " + y.length + " values for a fit of "
                    + input + " -> " + horizon);
        }
        int p = input + 1;
        for (int i = 0; i < p; i++) {
            double xi = i < input ? x[i] : 1;
            for (int j = i; j < p; j++) {
                xtx[i * p + j] += xi * (j < input ? x[j] : 1);
            }
            for (int k = 0; k < horizon; k++) {
                xty[i * horizon + k] += xi * y[k];
            }
        }
        count++;
        return this;
    }

    public NormalEquations merge(NormalEquations other) {
        if (other.input != input || other.horizon != horizon) {
            throw new IllegalArgumentException("cannot merge fits of different shapes");
        }
        for (int i = 0; i < xtx.length; i++) {
            xtx[i] += other.xtx[i];
        }
        for (int i = 0; i < xty.length; i++) {
            xty[i] += other.xty[i];
        }
        count += other.count;
        return this;
    }

    /** The least-squares coefficients (minimum norm where X'X is singular). */
    public LinearAutoregression solve() {
        if (count == 0) {
            throw new IllegalStateException("no windows to fit the linear baseline on");
        }
        int p = input + 1;
        double[][] a = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                a[i][j] = xtx[i * p + j];
                a[j][i] = xtx[i * p + j];
            }
        }
        double[][] b = new double[p][horizon];
        for (int i = 0; i < p; i++) {
            System.arraycopy(xty, i * horizon, b[i], 0, horizon);
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(a, false));
        double[] s = svd.getSingularValues();
        double cutoff = s[0] * RELATIVE_CUTOFF;
        // beta = V diag(1/s) U' b over the singular values above the cutoff
        RealMatrix utb = svd.getUT().multiply(new Array2DRowRealMatrix(b, false));
        for (int i = 0; i < p; i++) {
            double inverse = s[i] > cutoff ? 1 / s[i] : 0;
            for (int k = 0; k < horizon; k++) {
                utb.setEntry(i, k, utb.getEntry(i, k) * inverse);
            }
        }
        RealMatrix beta = svd.getV().multiply(utb);
        double[][] weights = new double[horizon][input];
        double[] bias = new double[horizon];
        for (int k = 0; k < horizon; k++) {
            for (int i = 0; i < input; i++) {
                weights[k][i] = beta.getEntry(i, k);
            }
            bias[k] = beta.getEntry(input, k);
        }
        return new LinearAutoregression(weights, bias);
    }
}
