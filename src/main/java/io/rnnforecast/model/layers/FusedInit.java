package io.rnnforecast.model.layers;

/** Parameter initialisation schemes of the fused recurrent layers. */
public enum FusedInit {
    /**
     * PyTorch's default for nn.LSTM / nn.GRU / nn.RNN: every weight and bias ~ U(-1/sqrt(nOut), +1/sqrt(nOut)).
     * The default.
     */
    UNIFORM,
    /**
     * Keras' default: input weights Glorot-uniform (fan in nIn, fan out gates*nOut), recurrent weights orthogonal
     * (rows of the [nOut, gates*nOut] matrix orthonormal), biases zero.
     */
    GLOROT_ORTHOGONAL,
    /**
     * DL4J's configuration: {@code weightInit} for W (fan in nIn, fan out gates*nOut), {@code weightInitRecurrent}
     * (or else {@code weightInit}) for RW, {@code biasInit} for every bias.
     */
    DL4J
}
