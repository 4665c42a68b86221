package io.rnnforecast.model;

import io.rnnforecast.config.Keyed;
import io.rnnforecast.config.Settings;
import io.rnnforecast.window.WindowSpec;

import java.io.Serializable;

/**
 * A stacked recurrent forecaster: {@code layers} recurrent layers of {@code units}, the last time step of the top
 * layer feeding a dense output of {@code horizon} values (the sources' seq-to-vector model).
 */
public record ModelSpec(Cell cell, int layers, int units, int inputLength, int horizon, Loss loss,
                        double learningRate, long seed) implements Serializable {

    public enum Cell implements Keyed {
        /** The fused LSTM (one pass over primitive arrays per sequence, PyTorch semantics). */
        LSTM,
        /** The fused GRU (PyTorch/cuDNN formulation). */
        GRU,
        /** The fused tanh RNN (Keras SimpleRNN). */
        SIMPLE_RNN,
        /** DL4J's own LSTM layer (per-time-step ND4J ops), kept for comparison. */
        DL4J_LSTM
    }

    public enum Loss implements Keyed {
        MSE, MAE
    }

    /** The model section; the input length and horizon are the window's. */
    public static ModelSpec from(Settings s, WindowSpec window) {
        return new ModelSpec(s.oneOf("model.cell", Cell.class), s.intIn("model.layers", 1, 16),
                s.intIn("model.units", 1, 4096), window.input(), window.horizon(), s.oneOf("model.loss", Loss.class),
                s.doubleIn("model.learning-rate", 1e-7, 10), s.anyLong("model.seed"));
    }

    /** The name written in the {@code model} column of the result tables. */
    public String displayName() {
        return cell.key() + "-" + layers + "x" + units;
    }
}
