package io.rnnforecast.model.layers;

import java.util.Collection;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each direction's final state of DL4J's {@link Bidirectional} in CONCAT mode, whose output is [batch, 2h, time]
 * (forward h, then backward h, per step): [batch, 2h] = [forward h at the last real step, backward h at the first
 * real step], the steps where each pass ends (a mask's padding skipped). That is Keras'
 * Bidirectional(return_sequences=False) and PyTorch's h_n of a bidirectional layer. Wraps the Bidirectional as
 * DL4J's LastTimeStep does (its parameters, their names and the masks are the wrapped layer's).
 *
 * <p>Why not LastTimeStep of the concatenation: its backward half is the backward pass at the last step, where
 * that pass starts, so it has read that one step, and its recurrent weights only ever multiply the zero initial
 * state: in a parameter-averaging run of a one-layer bidirectional GRU their gradient was exactly 0 and they never
 * moved. Bidirectional of a LastTimeStep (which would pick the backward pass's own last step) builds and runs
 * forward in 1.0.0-M2, but its backprop slices the rank-2 gradient as rank 3 and throws ("need at least 2
 * point/interval/all/specified indices for rank 2 array").
 *
 * <p>NCW only (the project's format); the output carries no mask.
 */
public class BidirectionalFinalStates extends BaseWrapperLayer {

    private BidirectionalFinalStates() {
    }

    public BidirectionalFinalStates(Bidirectional concatenated) {
        super(concatenated);
        if (concatenated.getMode() != Bidirectional.Mode.CONCAT) {
            throw new IllegalArgumentException("BidirectionalFinalStates needs Bidirectional.Mode.CONCAT, got "
                    + concatenated.getMode());
        }
        this.layerName = concatenated.getLayerName();
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners,
                                                       int layerIndex, INDArray layerParamsView,
                                                       boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(underlying);
        return new BidirectionalFinalStatesImpl(underlying.instantiate(inner, trainingListeners, layerIndex,
                layerParamsView, initializeParams, networkDataType));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        InputType out = underlying.getOutputType(layerIndex, inputType);
        if (!(out instanceof InputType.InputTypeRecurrent r) || r.getFormat() != RNNFormat.NCW) {
            throw new IllegalStateException("BidirectionalFinalStates (layer " + layerIndex + "): expected the"
                    + " wrapped layer to return an NCW sequence, got " + out);
        }
        return InputType.feedForward(r.getSize());
    }
}
