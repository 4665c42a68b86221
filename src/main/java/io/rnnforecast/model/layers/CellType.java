package io.rnnforecast.model.layers;

/**
 * The recurrent cell computed by a fused layer, with its gate count and bias length.
 *
 * <ul>
 *   <li>{@link #LSTM}: gates i, f, g, o (PyTorch order), bias {@code [b_i, b_f, b_g, b_o]} (4H).</li>
 *   <li>{@link #GRU}: gates r, z, n (PyTorch order), bias {@code [b_r, b_z, b_in, b_hn]} (4H): the first three
 *       act on the input side, {@code b_hn} sits inside the reset product.</li>
 *   <li>{@link #SIMPLE_RNN}: one tanh gate, bias H.</li>
 * </ul>
 */
public enum CellType {
    LSTM(4), GRU(3), SIMPLE_RNN(1);

    final int gates;

    CellType(int gates) {
        this.gates = gates;
    }

    /** Number of bias parameters for a layer of {@code h} units. */
    public int biasLength(int h) {
        return this == GRU ? 4 * h : gates * h;
    }

    /** Number of gates (columns of W and RW are {@code gates * nOut}). */
    public int gates() {
        return gates;
    }
}
