package io.rnnforecast.train;

import java.io.Serializable;

/**
 * The combination step of parameter averaging as an optimizer of its own (SlowMo, Wang et al. 2020; DiLoCo, Douillard
 * et al. 2023): after a round, the outer gradient is the mean of the workers' changes, {@code delta = theta - mean_w
 * theta_w}, and the global parameters take an SGD step on it with momentum {@code mu} and learning rate {@code eta}:
 * {@code m = mu m + delta}; {@code theta -= eta (delta + mu m)} with Nesterov, {@code theta -= eta m} without.
 * {@code eta = 1, mu = 0} is plain averaging, taken by a path of its own so it stays bit-identical to the mean
 * (what dl4j-spark's master computes). Spark-free; the momentum is part of the training state (checkpointed).
 *
 * <p>With {@code restartOnPlateau} the trainer drops the momentum after an epoch whose validation MSE did not
 * improve on the best so far (the function-value adaptive restart of accelerated methods, O'Donoghue and Candes
 * 2015, taken once per epoch on the held-out loss): the momentum multiplies every round's change by up to
 * {@code eta / (1 - mu)} (7 for DiLoCo's 0.7 / 0.9), which buys progress while the validation loss falls and
 * over-fits once it stops falling; an epoch of many rounds rebuilds the momentum within about {@code 1 / (1 - mu)}
 * rounds after a restart, an epoch of one to three rounds (a few short series) barely does.
 */
public final class OuterOptimizer implements Serializable {

    /** The outer optimizer's settings (train.outer). */
    public record Spec(double learningRate, double momentum, boolean nesterov, boolean restartOnPlateau)
            implements Serializable {
        /** Plain parameter averaging. */
        public static final Spec AVERAGE = new Spec(1, 0, true);

        /** Without restarts. */
        public Spec(double learningRate, double momentum, boolean nesterov) {
            this(learningRate, momentum, nesterov, false);
        }

        public Spec {
            if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("train.outer: learning-rate must be > 0 and momentum in [0, 1): "
                        + learningRate + ", " + momentum);
            }
        }

        public boolean averages() {
            return learningRate == 1 && momentum == 0;
        }

        /** Whether the trainer drops the momentum after an epoch without improvement. */
        public boolean restarts() {
            return restartOnPlateau && momentum > 0;
        }
    }

    private final Spec spec;
    private double[] velocity;

    public OuterOptimizer(Spec spec) {
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    /**
     * The new global parameters from the round's starting parameters {@code start} and the sum of the {@code n}
     * workers' parameters {@code sum} (summed in worker order by the caller).
     */
    public float[] step(float[] start, double[] sum, int n) {
        float[] out = new float[sum.length];
        if (spec.averages()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (sum[i] / n);
            }
            return out;
        }
        if (velocity == null) {
            velocity = new double[sum.length];
        }
        double mu = spec.momentum();
        double eta = spec.learningRate();
        for (int i = 0; i < out.length; i++) {
            double delta = start[i] - sum[i] / n;
            velocity[i] = mu * velocity[i] + delta;
            double direction = spec.nesterov() ? delta + mu * velocity[i] : velocity[i];
            out[i] = (float) (start[i] - eta * direction);
        }
        return out;
    }

    /** The momentum buffer to checkpoint (null before the first step or for plain averaging). */
    public double[] velocity() {
        return velocity == null ? null : velocity.clone();
    }

    /** Drops the momentum: the next step is the one a fresh optimizer would take. */
    public void restart() {
        velocity = null;
    }

    /**
     * Ends an epoch: restarts when the rule asks for it ({@link Spec#restarts}) and the epoch did not improve the
     * validation MSE. Returns whether it restarted.
     */
    boolean endEpoch(boolean improved) {
        if (improved || !spec.restarts()) {
            return false;
        }
        restart();
        return true;
    }

    /** Continues from a checkpointed momentum buffer (null: none yet). */
    public void restore(double[] velocity) {
        this.velocity = velocity == null ? null : velocity.clone();
    }
}
