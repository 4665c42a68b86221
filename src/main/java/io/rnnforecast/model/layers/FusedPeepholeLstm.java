package io.rnnforecast.model.layers;

/**
 * Fused LSTM with diagonal peephole connections (Gers &amp; Schmidhuber 2000; Keras' {@code PeepholeLSTMCell},
 * DL4J's {@code GravesLSTM}): the input and forget gates see c_{t-1}, the output gate sees c_t.
 * <pre>
 *   [i f g o] = x_t W + h_{t-1} RW + b          (column blocks of width nOut, in this order, as {@link FusedLstm})
 *   i = sigmoid(i + pi * c_{t-1}),  f = sigmoid(f + pf * c_{t-1}),  g = tanh(g)
 *   c_t = f * c_{t-1} + i * g
 *   o = sigmoid(o + po * c_t)
 *   h_t = o * tanh(c_t)
 * </pre>
 * Parameters: {@code W} [nIn, 4*nOut], {@code RW} [nOut, 4*nOut], {@code b} [1, 4*nOut] as {@link FusedLstm};
 * peephole weights {@code pi}, {@code pf}, {@code po} [1, nOut] each (weights: l1/l2 apply).
 *
 * <p>From DL4J's GravesLSTM (1.0.0-M2, LSTMHelpers): its W and b column blocks are [a f o g] with a the cell
 * candidate (the layer activation, tanh), f forget, o output, g the input gate (sigmoid); its RW is
 * [nOut, 4*nOut + 3] with the same four blocks, then three peephole columns: 4*nOut forget (wFF, on c_{t-1}),
 * 4*nOut+1 output (wOO, on c_t), 4*nOut+2 input gate (wGG, on c_{t-1}). So: fused blocks [i f g o] = Graves
 * blocks [3 1 0 2] of W, RW[:, 0:4*nOut] and b; {@code pi} = RW[:, 4*nOut+2], {@code pf} = RW[:, 4*nOut],
 * {@code po} = RW[:, 4*nOut+1] (checked in FusedPeepholeReferenceTest). From Keras' PeepholeLSTMCell (gate order
 * i f c o, as here): {@code W = kernel}, {@code RW = recurrent_kernel}, {@code b = bias},
 * {@code pi/pf/po = input/forget/output_gate_peephole_weights}.
 *
 * <p>Cost (bench RnnBenchmark, 2 layers of 20, 50 steps, batch 32, Adam, one thread, one run next to FusedLstm):
 * training 6,539 samples/s against FusedLstm's 8,859 (0.74x), inference 19,801 against 26,058 (0.76x). The
 * output gate cannot join the batched sigmoid of the other gates (it needs c_t), so it is activated per row in a
 * loop of nOut; with the peephole terms of the backward pass that is the difference.
 *
 * <p>Initial state zero; the forget-gate bias option is {@link FusedLstm}'s (this class extends it for that
 * option only: test the cell with {@link #cellType()}, not {@code instanceof FusedLstm}).
 * See {@link FusedRecurrentLayer} for shapes, masks and options.
 */
public class FusedPeepholeLstm extends FusedLstm {

    public FusedPeepholeLstm() {
    }

    private FusedPeepholeLstm(Builder builder) {
        super(builder);
    }

    @Override
    public CellType cellType() {
        return CellType.PEEPHOLE_LSTM;
    }

    /** Builder; {@code forgetGateBiasInit} as {@link FusedLstm.Builder}. */
    public static class Builder extends FusedLstm.Builder {
        @Override
        @SuppressWarnings("unchecked")
        public FusedPeepholeLstm build() {
            return new FusedPeepholeLstm(this);
        }
    }
}
