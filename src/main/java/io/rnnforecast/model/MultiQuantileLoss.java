package io.rnnforecast.model;

import io.rnnforecast.model.layers.NdArrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Arrays;

/**
 * The multi-quantile pinball (quantile) loss of a quantile network: for an output of n = horizon x Q values laid out
 * step-major (output j is horizon step j / Q at quantile {@code quantiles[j % Q]}) and labels of the same shape
 * (each step's target repeated Q times, {@code window.QuantileTargets}), the loss of one window is the mean over its
 * n outputs of max(q e, (q - 1) e), e = y - y_hat: the mean over steps and quantiles. Its gradient with respect to
 * y_hat is (1 - q) / n where y_hat >= y and -q / n where y_hat < y (the subgradient at e = 0 takes the first).
 *
 * <p>Serialized in the network configuration JSON (DL4J writes loss functions by their {@code @class}; the workers
 * rebuild their networks from that JSON): {@code quantiles} is its one property. Feed-forward outputs only
 * ([batch, n]); a per-example mask [batch, 1] or per-output mask [batch, n] is applied as DL4J's own losses do.
 */
public final class MultiQuantileLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty("quantiles")
    private final double[] quantiles;

    @JsonCreator
    public MultiQuantileLoss(@JsonProperty("quantiles") double[] quantiles) {
        if (quantiles == null || quantiles.length == 0) {
            throw new IllegalArgumentException("the pinball loss needs at least one quantile");
        }
        for (double q : quantiles) {
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException("quantiles must lie in (0, 1), got " + Arrays.toString(quantiles));
            }
        }
        this.quantiles = quantiles.clone();
    }

    public double[] quantiles() {
        return quantiles.clone();
    }

    /** The pinball loss of one value: max(q e, (q - 1) e), e = y - yHat. */
    public static double pinball(double q, double y, double yHat) {
        double e = y - yHat;
        return Math.max(q * e, (q - 1) * e);
    }

    /** The activated output, checked: [batch, horizon x quantiles]. */
    private INDArray outputs(INDArray preOutput, IActivation activation) {
        if (preOutput.rank() != 2) {
            throw new IllegalArgumentException("the pinball loss takes a [batch, horizon x quantiles] output, got shape "
                    + Arrays.toString(preOutput.shape()));
        }
        if (preOutput.size(1) % quantiles.length != 0) {
            throw new IllegalArgumentException("an output of " + preOutput.size(1) + " values is not horizon x "
                    + quantiles.length + " quantiles");
        }
        return activation.getActivation(preOutput.dup(), true);
    }

    private static void checkLabels(INDArray labels, INDArray preOutput) {
        if (!Arrays.equals(labels.shape(), preOutput.shape())) {
            throw new IllegalArgumentException("pinball loss: labels of shape " + Arrays.toString(labels.shape())
                    + " for an output of shape " + Arrays.toString(preOutput.shape()) + " (each step's target must be"
                    + " repeated per quantile)");
        }
    }

    /** What a quantile q's output yHat contributes for a target y, before the mean over the window's n outputs. */
    @FunctionalInterface
    private interface PerValue {
        double of(double q, double y, double yHat);
    }

    /** {@code f} of every output, divided by n and masked: [batch, n] in the output's data type. */
    private INDArray perValue(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                              PerValue f) {
        checkLabels(labels, preOutput);
        // read in bulk: element by element (toDoubleMatrix, then Nd4j.create(double[][])) the loss took 35-40% of a
        // quantile LSTM's training time on M4 Weekly (5 levels x 13 steps, JFR): epochs 11-20 at 3,837 samples/s
        // against the point network's 9,776 (one bench/intervals-compare.sh run); in bulk 6,817 against 10,645
        // (the two one after the other, same data and settings, 2026-12-07)
        double[] out = NdArrays.read(outputs(preOutput, activationFn), null);
        double[] y = NdArrays.read(labels, null);
        int n = (int) preOutput.size(1);
        int q = quantiles.length;
        double[] values = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            values[i] = f.of(quantiles[(i % n) % q], y[i], out[i]) / n;
        }
        // computed in double and cast once, in bulk, to the output's type (as DL4J's own losses keep it)
        INDArray result = Nd4j.create(values, new long[] {preOutput.size(0), n}, 'c');
        if (result.dataType() != preOutput.dataType()) {
            result = result.castTo(preOutput.dataType());
        }
        if (mask != null) {
            LossUtil.applyMask(result, mask);
        }
        return result;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return perValue(labels, preOutput, activationFn, mask, MultiQuantileLoss::pinball).sum(true, 1);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray scores = computeScoreArray(labels, preOutput, activationFn, mask);
        double score = scores.sumNumber().doubleValue();
        return average ? score / scores.size(0) : score;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray dLda = perValue(labels, preOutput, activationFn, mask, (q, y, yHat) -> yHat >= y ? 1 - q : -q);
        INDArray gradient = activationFn.backprop(preOutput.dup(), dLda).getFirst();
        if (mask != null) {
            LossUtil.applyMask(gradient, mask);
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "pinball" + Arrays.toString(quantiles);
    }

    @Override
    public String toString() {
        return "MultiQuantileLoss(" + Arrays.toString(quantiles) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiQuantileLoss other && Arrays.equals(quantiles, other.quantiles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(quantiles);
    }
}
