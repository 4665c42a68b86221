package io.rnnforecast.model.layers;

import java.util.Collections;
import java.util.List;

/**
 * The recurrent cell computed by a fused layer, with its gate count, bias length and extra parameter vectors.
 *
 * <ul>
 *   <li>{@link #LSTM}: gates i, f, g, o (PyTorch order), bias {@code [b_i, b_f, b_g, b_o]} (4H).</li>
 *   <li>{@link #GRU}: gates r, z, n (PyTorch order), bias {@code [b_r, b_z, b_in, b_hn]} (4H): the first three
 *       act on the input side, {@code b_hn} sits inside the reset product.</li>
 *   <li>{@link #SIMPLE_RNN}: one tanh gate, bias H.</li>
 *   <li>{@link #LN_SIMPLE_RNN}: one gate, layer-normalised before the tanh, bias H; extra vectors
 *       {@code gamma}, {@code beta} (H each), see {@link FusedLayerNormSimpleRnn}.</li>
 *   <li>{@link #PEEPHOLE_LSTM}: as {@link #LSTM}; extra diagonal peephole weights {@code pi}, {@code pf},
 *       {@code po} (H each), see {@link FusedPeepholeLstm}.</li>
 *   <li>{@link #JORDAN}: one tanh gate over the hidden units, whose recurrent input is the layer's own previous
 *       output y (H values) rather than its hidden state; extra {@code V} [width, H] and {@code c} [H], the linear
 *       map from the hidden units to y, see {@link FusedJordan}. Its gate width is the hidden size, not H.</li>
 * </ul>
 * Extra vectors follow the bias in the flat parameter layout, in the order of {@link #extraKeys()}.
 *
 * <p>"width" below is the number of gate pre-activation columns of W and RW: {@code gates * H} for every cell but
 * the Jordan one, whose width is its hidden size (see {@link FusedRecurrentLayer#gateWidth()}).
 */
public enum CellType {
    LSTM(4), GRU(3), SIMPLE_RNN(1), LN_SIMPLE_RNN(1, "gamma", "beta"), PEEPHOLE_LSTM(4, "pi", "pf", "po"),
    JORDAN(1, "V", "c");

    final int gates;
    private final List<String> extraKeys;

    CellType(int gates, String... extraKeys) {
        this.gates = gates;
        this.extraKeys = List.of(extraKeys);
    }

    /** Number of bias parameters for a layer of {@code h} units and gate width {@code width}. */
    public int biasLength(int h, int width) {
        return this == GRU ? 4 * h : width;
    }

    /** Total length of the extra vectors: {@code h} each, but the Jordan cell's V is a [width, h] matrix. */
    public int extraLength(int h, int width) {
        return this == JORDAN ? width * h + h : h * extraKeys.size();
    }

    /** Number of gates (columns of W and RW are {@code gates * nOut}). */
    public int gates() {
        return gates;
    }

    /** Names of the extra parameter vectors ([1, nOut] each) that follow the bias; empty for most cells. */
    public List<String> extraKeys() {
        return Collections.unmodifiableList(extraKeys);
    }

    /** True for the cells with a memory cell state {@code c} besides {@code h} (the LSTMs). */
    public boolean hasCellState() {
        return this == LSTM || this == PEEPHOLE_LSTM;
    }
}
