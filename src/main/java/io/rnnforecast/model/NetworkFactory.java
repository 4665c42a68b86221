package io.rnnforecast.model;

import io.rnnforecast.model.layers.FusedGru;
import io.rnnforecast.model.layers.FusedLstm;
import io.rnnforecast.model.layers.FusedSimpleRnn;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Builds the DL4J network a {@link ModelSpec} describes. */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    public static MultiLayerNetwork build(ModelSpec spec) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(ModelSpec spec) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(spec.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list();
        for (int i = 0; i < spec.layers(); i++) {
            boolean top = i == spec.layers() - 1;
            list.layer(recurrent(spec, i == 0 ? 1 : spec.units(), top));
        }
        list.layer(new OutputLayer.Builder(lossFunction(spec.loss()))
                .activation(Activation.IDENTITY)
                .nIn(spec.units())
                .nOut(spec.horizon())
                .build());
        return list.setInputType(InputType.recurrent(1, spec.inputLength())).build();
    }

    private static Layer recurrent(ModelSpec spec, int nIn, boolean lastStepOnly) {
        return switch (spec.cell()) {
            case LSTM -> new FusedLstm.Builder().nIn(nIn).nOut(spec.units()).returnSequences(!lastStepOnly).build();
            case GRU -> new FusedGru.Builder().nIn(nIn).nOut(spec.units()).returnSequences(!lastStepOnly).build();
            case SIMPLE_RNN -> new FusedSimpleRnn.Builder().nIn(nIn).nOut(spec.units())
                    .returnSequences(!lastStepOnly).build();
            case DL4J_LSTM -> {
                Layer lstm = new LSTM.Builder().nIn(nIn).nOut(spec.units()).activation(Activation.TANH).build();
                yield lastStepOnly ? new LastTimeStep(lstm) : lstm;
            }
        };
    }

    private static LossFunctions.LossFunction lossFunction(ModelSpec.Loss loss) {
        return switch (loss) {
            case MSE -> LossFunctions.LossFunction.MSE;
            case MAE -> LossFunctions.LossFunction.MEAN_ABSOLUTE_ERROR;
        };
    }
}
