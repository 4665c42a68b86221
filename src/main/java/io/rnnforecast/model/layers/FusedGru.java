package io.rnnforecast.model.layers;

/**
 * Fused GRU layer in the PyTorch / cuDNN formulation ({@code torch.nn.GRU}):
 * <pre>
 *   r = sigmoid(x_t W_r + h_{t-1} RW_r + b_r)
 *   z = sigmoid(x_t W_z + h_{t-1} RW_z + b_z)
 *   n = tanh(x_t W_n + b_in + r * (h_{t-1} RW_n + b_hn))
 *   h_t = (1 - z) * n + z * h_{t-1}
 * </pre>
 * Parameters: {@code W} [nIn, 3*nOut] and {@code RW} [nOut, 3*nOut] with column blocks [r z n];
 * {@code b} [1, 4*nOut] = [b_r, b_z, b_in, b_hn]. From PyTorch: {@code W = weight_ih_l0^T},
 * {@code RW = weight_hh_l0^T}, {@code b_r = b_ir + b_hr}, {@code b_z = b_iz + b_hz}, {@code b_in}, {@code b_hn}
 * as they are. Initial state zero. See {@link FusedRecurrentLayer} for shapes, masks and options.
 */
public class FusedGru extends FusedRecurrentLayer {

    public FusedGru() {
    }

    private FusedGru(Builder builder) {
        super(builder);
    }

    @Override
    public CellType cellType() {
        return CellType.GRU;
    }

    /** Builder. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public FusedGru build() {
            return new FusedGru(this);
        }
    }
}
