package io.rnnforecast.model.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/** DL4J's Bidirectional (CONCAT) around the fused layers, as NetworkFactory wraps them, for the layer tests. */
final class BidirectionalLayers {
    private BidirectionalLayers() {
    }

    /** {@code layer} (returning every step) both ways; with {@code lastStep} each direction's final state. */
    static Layer both(Layer layer, boolean lastStep) {
        Bidirectional b = new Bidirectional(Bidirectional.Mode.CONCAT, layer);
        return lastStep ? new BidirectionalFinalStates(b) : b;
    }

    /** A network of the given layers over {@code nIn} features, without an updater. */
    static MultiLayerNetwork network(DataType dt, int nIn, Layer... layers) {
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder().seed(12345).dataType(dt)
                .updater(new NoOp()).list();
        for (Layer l : layers) {
            lb.layer(l);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(lb.setInputType(InputType.recurrent(nIn)).build());
        net.init();
        return net;
    }

    /**
     * A copy of {@code a} ([B, F, T], or a mask [B, T]) with its last (time) axis reversed, step by step: written
     * here rather than with DL4J's TimeSeriesUtils, which the wrapper itself uses.
     */
    static INDArray reversedInTime(INDArray a) {
        INDArray r = a.dup();
        long t = a.size(a.rank() - 1);
        for (long s = 0; s < t; s++) {
            r.get(step(a.rank(), s)).assign(a.get(step(a.rank(), t - 1 - s)));
        }
        return r;
    }

    /** Every batch row and feature at time step {@code s}. */
    static INDArrayIndex[] step(int rank, long s) {
        INDArrayIndex[] index = new INDArrayIndex[rank];
        for (int i = 0; i < rank - 1; i++) {
            index[i] = NDArrayIndex.all();
        }
        index[rank - 1] = NDArrayIndex.point(s);
        return index;
    }
}
