package io.rnnforecast.model;

import java.io.Serializable;

/**
 * A stacked recurrent forecaster: {@code layers} recurrent layers of {@code units}, the last time step of the top
 * layer feeding a dense output of {@code horizon} values (the sources' seq-to-vector model).
 */
public record ModelSpec(Cell cell, int layers, int units, int inputLength, int horizon, Loss loss,
                        double learningRate, long seed) implements Serializable {

    public enum Cell {
        /** The fused LSTM (one pass over primitive arrays per sequence, PyTorch semantics). */
        LSTM("lstm"),
        /** The fused GRU (PyTorch/cuDNN formulation). */
        GRU("gru"),
        /** The fused tanh RNN (Keras SimpleRNN). */
        SIMPLE_RNN("simple-rnn"),
        /** DL4J's own LSTM layer (per-time-step ND4J ops), kept for comparison. */
        DL4J_LSTM("dl4j-lstm");

        private final String key;

        Cell(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Cell parse(String key) {
            for (Cell c : values()) {
                if (c.key.equals(key)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(key);
        }
    }

    public enum Loss {
        MSE, MAE
    }

    /** The name written in the {@code model} column of the result tables. */
    public String displayName() {
        return cell.key() + "-" + layers + "x" + units;
    }
}
