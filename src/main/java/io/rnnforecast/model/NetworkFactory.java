package io.rnnforecast.model;

import io.rnnforecast.model.layers.BidirectionalFinalStates;
import io.rnnforecast.model.layers.FusedGru;
import io.rnnforecast.model.layers.FusedInit;
import io.rnnforecast.model.layers.FusedJordan;
import io.rnnforecast.model.layers.FusedLayerNormSimpleRnn;
import io.rnnforecast.model.layers.FusedPeepholeLstm;
import io.rnnforecast.model.layers.FusedRecurrentLayer;
import io.rnnforecast.model.layers.FusedLstm;
import io.rnnforecast.model.layers.FusedSimpleRnn;
import io.rnnforecast.window.Task;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMAE;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

import java.util.List;

/**
 * Builds the DL4J network a {@link ModelSpec} describes:
 * <ul>
 *   <li>dense output: recurrent layers, the top one returning its last step, then Dense(horizon) with identity
 *       activation (an OutputLayer carrying the loss);</li>
 *   <li>recurrent output: the last recurrent layer has {@code horizon} units and returns its last step, which a
 *       parameterless LossLayer (identity activation) scores: the forecast is that layer's own (tanh) output;</li>
 *   <li>linear: the window flattened ({@link FlattenSteps}) into Dense(horizon).</li>
 * </ul>
 * An optional Conv1D front end (model.conv1d) comes before the recurrent layers; with seq2seq the output then has
 * the convolution's (input - kernel) / stride + 1 steps, trained on {@link ModelSpec#targets()}.
 * A bidirectional model
 * (model.bidirectional) wraps every hidden recurrent layer in DL4J's {@link Bidirectional} (concatenated: 2h per
 * step, forward first), see {@link #bidirectional}.
 * The strategy changes the top: {@code iterative} outputs one value (Dense(1), or a recurrent output of 1 unit);
 * {@code seq2seq} keeps every time step of the top recurrent layer and scores all of them (RnnOutputLayer: the
 * same Dense(horizon) at each step; or RnnLossLayer on a recurrent output of horizon units).
 * {@code cell = jordan}: the top recurrent layer is a {@link FusedJordan} of the top width's hidden units whose
 * output, of {@link ModelSpec#outputSize()} values, is the forecast and is fed back (its output map V, c is the dense
 * output), scored by a parameterless loss layer; the layers below are simple RNNs.
 * A quantile network (model.quantiles) has horizon x Q outputs scored by the pinball loss ({@link MultiQuantileLoss}).
 * Every recurrent layer starts each window from a zero state. Dropout acts on the input of each recurrent layer
 * after the first; gradient clipping rescales each layer's gradient to the given L2 norm; the learning rate steps
 * down by epoch.
 */
public final class NetworkFactory {
    private NetworkFactory() {
    }

    public static MultiLayerNetwork build(ModelSpec spec) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec));
        net.init();
        return net;
    }

    public static MultiLayerConfiguration configuration(ModelSpec spec) {
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .updater(adam(spec))
                .weightInit(WeightInit.XAVIER);
        if (spec.gradientClip() > 0) {
            // Per layer, by L2 norm: keeps the direction of each layer's step (element-wise clipping bends it) and
            // needs no pass over the whole network's gradient, which DL4J's normalization does not offer.
            base.gradientNormalization(GradientNormalization.ClipL2PerLayer)
                    .gradientNormalizationThreshold(spec.gradientClip());
        }
        NeuralNetConfiguration.ListBuilder list = base.list();
        if (spec.cell() == ModelSpec.Cell.LINEAR) {
            list.inputPreProcessor(0, new FlattenSteps(spec.features(), spec.steps()));
            int flat = spec.features() * spec.steps();
            list.layer(spec.task().classifies() ? softmax(spec, flat) : dense(spec, flat));
        } else {
            List<Integer> widths = spec.recurrentWidths();
            boolean everyStep = spec.strategy() == ModelSpec.Strategy.SEQ2SEQ || spec.task() == Task.LABEL_STEPS;
            ModelSpec.Conv1d conv = spec.conv();
            if (conv.enabled()) {
                // valid padding (Truncate), no activation: Keras' Conv1D(filters, kernel, strides, "valid")
                list.layer(new Convolution1DLayer.Builder().nIn(1).nOut(conv.filters()).kernelSize(conv.kernel())
                        .stride(conv.stride()).convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.IDENTITY).build());
            }
            if (spec.architecture().lookback() > 0) {
                // the ModelSpec allows a lookback only without a Conv1D front end: layer 0 is recurrent
                list.inputPreProcessor(0, new LastSteps(1, spec.inputLength(), spec.stepsRead()));
            }
            int features = conv.enabled() ? conv.filters() : spec.features();
            boolean jordan = spec.cell() == ModelSpec.Cell.JORDAN;
            int below = jordan ? widths.size() - 1 : widths.size();
            for (int i = 0; i < below; i++) {
                Layer layer = recurrent(jordan ? ModelSpec.Cell.SIMPLE_RNN : spec.cell(), spec.init(),
                        i == 0 ? features : spec.recurrentOutputSize(i - 1), widths.get(i),
                        i == widths.size() - 1 && !everyStep, i == 0 ? 0 : spec.dropout(), spec.isBidirectional(i));
                int initial = spec.architecture().initialStateChannels();
                if (i == 0 && initial > 0) {
                    // the Architecture allows it only for a fused, one-way first layer (checked there)
                    FusedRecurrentLayer fused = (FusedRecurrentLayer) layer;
                    fused.setInitialStateFrom(spec.architecture().initialStateFrom());
                    fused.setInitialStateInputs(initial);
                }
                list.layer(layer);
            }
            int top = spec.recurrentOutputSize(widths.size() - 1);
            if (jordan) {
                list.layer(jordan(spec, below == 0 ? features : spec.recurrentOutputSize(below - 1), everyStep));
                list.layer(everyStep ? everyStepLoss(spec) : lastStepLoss(spec));
            } else if (spec.task() == Task.LABEL_STEPS) {
                list.layer(perStepSoftmax(spec, top));
            } else if (spec.task() == Task.CLASSIFY_SERIES) {
                list.layer(softmax(spec, top));
            } else if (everyStep) {
                list.layer(spec.output() == ModelSpec.Output.DENSE ? perStepDense(spec, top) : everyStepLoss(spec));
            } else {
                list.layer(spec.output() == ModelSpec.Output.DENSE ? dense(spec, top) : lastStepLoss(spec));
            }
        }
        return list.setInputType(InputType.recurrent(spec.features(), spec.steps())).build();
    }

    /** Adam at model.learning-rate, stepped down by epoch when model.learning-rate-decay is on. */
    static Adam adam(ModelSpec spec) {
        ModelSpec.StepDecay decay = spec.learningRateDecay();
        if (!decay.enabled()) {
            return new Adam(spec.learningRate());
        }
        // By epoch, not iteration: the trainer sets the epoch count after every epoch and ships it to every worker
        // with the parameters each round, while the iteration count is a worker's own minibatch count (the most
        // any worker fitted), so a schedule by iteration would move with the number of workers.
        return new Adam(new StepSchedule(ScheduleType.EPOCH, spec.learningRate(), decay.factor(),
                decay.everyEpochs()));
    }

    private static OutputLayer dense(ModelSpec spec, int nIn) {
        return new OutputLayer.Builder(lastStepLossFunction(spec))
                .activation(Activation.IDENTITY)
                .nIn(nIn)
                .nOut(spec.outputSize())
                .build();
    }

    /** One class per window: Dense(classes) with softmax on the last step, cross-entropy. */
    private static OutputLayer softmax(ModelSpec spec, int nIn) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(nIn)
                .nOut(requireClasses(spec)).build();
    }

    /**
     * One class per step: the same Dense(classes) with softmax at every step, cross-entropy averaged over the steps
     * (weighted 1 / T as {@link #everyStepLossFunction}: Keras' mean).
     */
    private static RnnOutputLayer perStepSoftmax(ModelSpec spec, int nIn) {
        INDArray weights = Nd4j.valueArrayOf(new long[] {1, requireClasses(spec)}, 1.0f / spec.inputLength());
        return new RnnOutputLayer.Builder(new LossMCXENT(weights)).activation(Activation.SOFTMAX).nIn(nIn)
                .nOut(spec.classes()).build();
    }

    private static int requireClasses(ModelSpec spec) {
        if (spec.classes() < 2) {
            throw new IllegalStateException("task = " + spec.task().key() + ": the number of classes is not known"
                    + " before the data is read (got " + spec.classes() + ")");
        }
        return spec.classes();
    }

    /**
     * seq2seq: the same Dense(horizon) applied to every time step (Keras' TimeDistributed(Dense)), output
     * [batch, horizon, time]; the loss averages every step's error.
     */
    private static RnnOutputLayer perStepDense(ModelSpec spec, int nIn) {
        return new RnnOutputLayer.Builder(everyStepLossFunction(spec))
                .activation(Activation.IDENTITY)
                .nIn(nIn)
                .nOut(spec.horizon())
                .build();
    }

    /** seq2seq with a recurrent output: every step of the last recurrent layer (horizon units) is scored. */
    private static RnnLossLayer everyStepLoss(ModelSpec spec) {
        RnnLossLayer loss = new RnnLossLayer.Builder(everyStepLossFunction(spec)).activation(Activation.IDENTITY)
                .build();
        loss.setNOut(spec.horizon());
        return loss;
    }

    /**
     * The loss on the last recurrent layer's last step, which is already [batch, horizon]. LossLayer has no
     * parameters and takes its size from its input; its nOut is set to the horizon anyway so that the network's
     * output size reads as with a dense output ({@code layerSize} of the last layer).
     */
    private static LossLayer lastStepLoss(ModelSpec spec) {
        LossLayer loss = new LossLayer.Builder(lastStepLossFunction(spec)).activation(Activation.IDENTITY).build();
        loss.setNOut(spec.outputSize());
        return loss;
    }

    /** The Jordan output layer: the top width's hidden units, the forecast as its fed-back output. */
    private static FusedJordan jordan(ModelSpec spec, int nIn, boolean everyStep) {
        FusedJordan.Builder builder = new FusedJordan.Builder().hidden(spec.units().get(spec.layers() - 1))
                .returnSequences(everyStep)
                .init(spec.init() == ModelSpec.Init.KERAS ? FusedInit.GLOROT_ORTHOGONAL : FusedInit.UNIFORM);
        builder.nIn(nIn).nOut(spec.outputSize());
        if (spec.dropout() > 0 && spec.layers() > 1) {
            builder.dropOut(new Dropout(1 - spec.dropout()));
        }
        return builder.build();
    }

    private static Layer recurrent(ModelSpec.Cell cell, ModelSpec.Init init, int nIn, int nOut, boolean lastStepOnly,
                                   double dropout, boolean bidirectional) {
        // a bidirectional layer's passes return every step: the wrapper reverses the backward one's in time
        boolean sequences = !lastStepOnly || bidirectional;
        BaseRecurrentLayer.Builder<?> builder = switch (cell) {
            case LSTM -> new FusedLstm.Builder().returnSequences(sequences);
            case GRU -> new FusedGru.Builder().returnSequences(sequences);
            case SIMPLE_RNN -> new FusedSimpleRnn.Builder().returnSequences(sequences);
            case LN_SIMPLE_RNN -> new FusedLayerNormSimpleRnn.Builder().returnSequences(sequences);
            case PEEPHOLE_LSTM -> new FusedPeepholeLstm.Builder().returnSequences(sequences);
            case DL4J_LSTM -> new LSTM.Builder().activation(Activation.TANH);
            case JORDAN, LINEAR -> throw new IllegalArgumentException(cell.key() + " has no stackable recurrent layer");
        };
        builder.nIn(nIn).nOut(nOut);
        if (builder instanceof FusedRecurrentLayer.Builder<?> fused) {
            fused.init(init == ModelSpec.Init.KERAS ? FusedInit.GLOROT_ORTHOGONAL : FusedInit.UNIFORM);
        }
        if (dropout > 0) {
            // DL4J's Dropout takes the probability of keeping a value; model.dropout is the rate dropped (Keras')
            builder.dropOut(new Dropout(1 - dropout));
        }
        Layer layer = builder.build();
        if (bidirectional) {
            return bidirectional(layer, lastStepOnly);
        }
        return cell == ModelSpec.Cell.DL4J_LSTM && lastStepOnly ? new LastTimeStep(layer) : layer;
    }

    /**
     * {@code layer} (returning every step) both ways through DL4J's own {@link Bidirectional} in CONCAT mode: the
     * backward copy reads the input and its mask reversed in time and its output is reversed back, then
     * [forward h, backward h] per step. Measured with the fused layers in 1.0.0-M2 (BidirectionalGradientCheckTest,
     * BidirectionalParityTest, BidirectionalSerializationTest): numerical gradients agree in double precision with
     * and without masks; the output equals the layer run by hand on x and on reversed x, and PyTorch's
     * bidirectional LSTM and GRU; parameters are the wrapped layer's with "f" and "b" prefixes (fW, fRW, fb, bW,
     * ...), forward block first in the flat vector; the JSON round trip keeps the custom layer; rnnTimeStep throws
     * "Cannot RnnTimeStep bidirectional layers".
     *
     * <p>The top layer's last step ({@code lastStepOnly}) is each direction's final state
     * ({@link BidirectionalFinalStates}: the forward pass after the window's last real step, the backward pass
     * after its first), as Keras' Bidirectional(return_sequences=False), not LastTimeStep of the concatenation,
     * whose backward half would have read one step (see there).
     */
    private static Layer bidirectional(Layer layer, boolean lastStepOnly) {
        Bidirectional both = new Bidirectional(Bidirectional.Mode.CONCAT, layer);
        return lastStepOnly ? new BidirectionalFinalStates(both) : both;
    }

    /**
     * The loss of a sequence output as the mean over every step and value (Keras' loss): DL4J's RNN output layers
     * sum their per-step loss over time (measured: T times the mean), so each output is weighted 1 / T, T the
     * steps the output has (the input length, or the Conv1D front end's output length). The score and gradient are
     * then those of the mean, whatever the window length (gradient clipping thresholds keep their meaning).
     */
    private static ILossFunction everyStepLossFunction(ModelSpec spec) {
        INDArray weights = Nd4j.valueArrayOf(new long[] {1, spec.horizon()},
                1.0f / spec.conv().outputLength(spec.inputLength()));
        return switch (spec.loss()) {
            case MSE -> new LossMSE(weights);
            case MAE -> new LossMAE(weights);
        };
    }

    /**
     * The loss of a last-step (vector) output: model.loss, or for a quantile network the multi-quantile pinball
     * loss over its horizon x Q outputs ({@link MultiQuantileLoss}, in the configuration JSON by its class name).
     */
    private static ILossFunction lastStepLossFunction(ModelSpec spec) {
        if (spec.forecastsQuantiles()) {
            return new MultiQuantileLoss(Quantiles.levels(spec.quantiles()));
        }
        return lossFunction(spec.loss()).getILossFunction();
    }

    private static LossFunctions.LossFunction lossFunction(ModelSpec.Loss loss) {
        return switch (loss) {
            case MSE -> LossFunctions.LossFunction.MSE;
            case MAE -> LossFunctions.LossFunction.MEAN_ABSOLUTE_ERROR;
        };
    }
}
