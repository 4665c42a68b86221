package io.rnnforecast.model.layers;

/**
 * Fused Jordan network layer: the hidden units see the layer's own previous output, not their previous state.
 * <pre>
 *   a_t = tanh(x_t W + y_{t-1} RW + b)      (hidden units, {@code hidden} of them)
 *   y_t = a_t V + c                        (the output, nOut values: what the layer returns and feeds back)
 *   y_0 = 0
 * </pre>
 * Parameters: {@code W} [nIn, hidden], {@code RW} [nOut, hidden] (the feedback weights, U), {@code b} [1, hidden],
 * {@code V} [hidden, nOut], {@code c} [1, nOut]; from a PyTorch loop with {@code Linear} layers: {@code W =
 * w.weight^T}, {@code RW = u.weight^T}, {@code b = w.bias (+ u.bias)}, {@code V = v.weight^T}, {@code c = v.bias}.
 * Backpropagation runs through time through the fed-back outputs (y_{t-1} is a function of the parameters, not
 * a constant). Initialisation: UNIFORM draws W, RW, b from U(-1/sqrt(hidden), 1/sqrt(hidden)) (nn.RNN's rule for
 * a layer of hidden units) and V, c from the same range (nn.Linear's, fan in = hidden); GLOROT_ORTHOGONAL gives V
 * Glorot-uniform and c zero (Keras' Dense). V is a weight (l1/l2 apply), c a bias.
 *
 * <p>The state kept between {@code rnnTimeStep} calls (key "h") is y, so the iterative strategy steps on the
 * forecast just made. The output is linear (no tanh), so the layer is a network's output layer: it ends in a
 * parameterless loss layer, and its y is the forecast. A masked step keeps y and outputs zero, as every fused
 * layer. See {@link FusedRecurrentLayer} for shapes, masks and options.
 */
public class FusedJordan extends FusedRecurrentLayer {

    private int hidden;

    public FusedJordan() {
    }

    private FusedJordan(Builder builder) {
        super(builder);
        this.hidden = builder.hidden;
    }

    @Override
    public CellType cellType() {
        return CellType.JORDAN;
    }

    @Override
    public int gateWidth() {
        if (hidden < 1) {
            throw new IllegalStateException("FusedJordan needs hidden >= 1, got " + hidden);
        }
        return hidden;
    }

    public int getHidden() {
        return hidden;
    }

    public void setHidden(int hidden) {
        this.hidden = hidden;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && hidden == ((FusedJordan) o).hidden;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + hidden;
    }

    @Override
    public String toString() {
        return super.toString().replace(")", ", hidden=" + hidden + ")");
    }

    /** Builder: {@code nOut} is the output (and fed-back) size, {@link #hidden} the hidden units. */
    public static class Builder extends FusedRecurrentLayer.Builder<Builder> {
        private int hidden;

        /** The hidden units between the input and the output. */
        public Builder hidden(int hidden) {
            if (hidden < 1) {
                throw new IllegalArgumentException("Jordan hidden units must be >= 1, got " + hidden);
            }
            this.hidden = hidden;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public FusedJordan build() {
            if (hidden < 1) {
                throw new IllegalStateException("FusedJordan.Builder: set hidden(...) (>= 1)");
            }
            return new FusedJordan(this);
        }
    }
}
