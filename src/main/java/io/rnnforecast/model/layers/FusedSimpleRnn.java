package io.rnnforecast.model.layers;

/**
 * Fused simple (Elman) RNN with tanh, like {@code torch.nn.RNN}: {@code h_t = tanh(x_t W + h_{t-1} RW + b)}.
 * Parameters: {@code W} [nIn, nOut], {@code RW} [nOut, nOut], {@code b} [1, nOut]
 * (from PyTorch: {@code W = weight_ih_l0^T}, {@code RW = weight_hh_l0^T}, {@code b = bias_ih_l0 + bias_hh_l0}).
 * See {@link FusedRecurrentLayer} for shapes, masks and options.
 */
public class FusedSimpleRnn extends FusedRecurrentLayer {

    public FusedSimpleRnn() {
    }

    private FusedSimpleRnn(Builder builder) {
        super(builder);
    }

    @Override
    public CellType cellType() {
        return CellType.SIMPLE_RNN;
    }

    /** Builder. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public FusedSimpleRnn build() {
            return new FusedSimpleRnn(this);
        }
    }
}
