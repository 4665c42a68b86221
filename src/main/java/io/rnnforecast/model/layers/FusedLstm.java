package io.rnnforecast.model.layers;

/**
 * Fused LSTM layer (no peepholes), computed like {@code torch.nn.LSTM}:
 * <pre>
 *   [i f g o] = x_t W + h_{t-1} RW + b          (column blocks of width nOut, in this order)
 *   i = sigmoid(i), f = sigmoid(f), g = tanh(g), o = sigmoid(o)
 *   c_t = f * c_{t-1} + i * g
 *   h_t = o * tanh(c_t)
 * </pre>
 * Parameters: {@code W} [nIn, 4*nOut], {@code RW} [nOut, 4*nOut], {@code b} [1, 4*nOut] = [b_i, b_f, b_g, b_o].
 * From PyTorch: {@code W = weight_ih_l0^T}, {@code RW = weight_hh_l0^T}, {@code b = bias_ih_l0 + bias_hh_l0}.
 * From DL4J's LSTM (whose column blocks are [g f o i]): permute the column blocks.
 * Initial state zero. The forget-gate bias is set to {@code forgetGateBiasInit} (default 1.0, like DL4J; NaN keeps
 * whatever the {@link FusedInit} scheme drew). See {@link FusedRecurrentLayer} for shapes, masks and options.
 */
public class FusedLstm extends FusedRecurrentLayer {

    private double forgetGateBiasInit = 1.0;

    public FusedLstm() {
    }

    /** For {@link FusedPeepholeLstm}, which shares the forget-gate option. */
    protected FusedLstm(Builder builder) {
        super(builder);
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
    }

    @Override
    public CellType cellType() {
        return CellType.LSTM;
    }

    @Override
    public double forgetBias() {
        return forgetGateBiasInit;
    }

    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    public void setForgetGateBiasInit(double forgetGateBiasInit) {
        this.forgetGateBiasInit = forgetGateBiasInit;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && Double.compare(forgetGateBiasInit, ((FusedLstm) o).forgetGateBiasInit) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(forgetGateBiasInit);
    }

    @Override
    public String toString() {
        return super.toString().replace(")", ", forgetGateBiasInit=" + forgetGateBiasInit + ")");
    }

    /** Builder. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {
        private double forgetGateBiasInit = 1.0;

        /** Initial forget-gate bias (default 1.0); NaN leaves the scheme's value. */
        public Builder forgetGateBiasInit(double value) {
            this.forgetGateBiasInit = value;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public FusedLstm build() {
            return new FusedLstm(this);
        }
    }
}
