package io.rnnforecast.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.config.Keyed;
import io.rnnforecast.config.Settings;
import io.rnnforecast.ingest.CovariateSpec;
import io.rnnforecast.window.CovariateLayout;
import io.rnnforecast.window.ClassTargets;
import io.rnnforecast.window.LabelLayout;
import io.rnnforecast.window.QuantileTargets;
import io.rnnforecast.window.Targets;
import io.rnnforecast.window.Task;
import io.rnnforecast.window.WindowSpec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Objects;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The model section. A recurrent forecaster is a stack of {@code layers} recurrent layers of the given widths
 * ({@code units}, one per layer) whose top layer's last time step becomes the {@code horizon} values through the
 * {@link Output}; {@link Cell#LINEAR} has no recurrent layer. Every recurrent layer starts each window from a zero
 * state. Trained with Adam at {@code learningRate}, multiplied by {@code learningRateDecay}'s factor every so many
 * epochs; {@code dropout} is the rate on the input of every recurrent layer after the first, {@code gradientClip}
 * the L2 norm each layer's gradient is clipped to (0: none). {@code strategy} is how several steps are forecast
 * ({@link Strategy}: one vector, a one-step model iterated, or sequence-to-sequence training).
 *
 * {@code conv} is an optional Conv1D front end.
 *
 * <p>{@code task} is what the windows teach ({@link Task}): forecasting, or one of the classification tasks, whose
 * output is a softmax over {@code classes} classes trained with cross-entropy ({@code loss} does not apply).
 * {@code classes} is 0 until the data has been read (the classes are the labels found in it).
 *
 * <p>{@code bidirectional}: every hidden recurrent layer reads the window forwards and backwards and outputs both
 * passes concatenated, 2h values per step (forward first; Keras' Bidirectional(merge_mode='concat'), PyTorch's
 * bidirectional=True), so the next layer reads 2h inputs; the top one gives each direction's final state (the
 * forward pass after the window's last step, the backward one after its first). The recurrent output layer ({@link Output#RECURRENT})
 * stays forward: its own horizon units are the forecast, which two concatenated passes would double. Only the
 * direct strategy: a backward pass cannot be stepped ({@link Strategy#ITERATIVE}), and at step t it has read the
 * steps after t, the very values {@link Strategy#SEQ2SEQ}'s per-step targets are made of.
 *
 * <p>A model is three concerns, each a record that checks itself: its {@link Architecture} (what the network is),
 * its {@link Objective} (the task, its classes and loss: what it learns) and its {@link Optimization} (how it is
 * fitted); the rules across them are checked here. Built with {@link #builder()}; model.json written by older
 * versions is brought to this shape by the model's reader ({@code store.RecipeJson}), not guessed here.
 */
public record ModelSpec(Architecture architecture, Objective objective, Optimization optimization)
        implements Serializable {

    static final int MAX_LAYERS = 16;
    static final int MAX_UNITS = 4096;

    public enum Cell implements Keyed {
        /** The fused LSTM (one pass over primitive arrays per sequence, PyTorch semantics). */
        LSTM,
        /** The fused GRU (PyTorch/cuDNN formulation). */
        GRU,
        /** The fused tanh RNN (Keras SimpleRNN). */
        SIMPLE_RNN,
        /** The fused tanh RNN with layer normalization of its linear combination (Géron's LNSimpleRNNCell). */
        LN_SIMPLE_RNN,
        /** The fused LSTM with peephole connections (Gers and Schmidhuber; Keras PeepholeLSTMCell). */
        PEEPHOLE_LSTM,
        /**
         * The Jordan network: the top layer's hidden units see the network's previous output (its forecast), not
         * their own previous state, and that layer's linear output is the forecast (it is the Dense output); the
         * layers below it, if any, are simple (Elman) RNNs ({@code layers/FusedJordan}).
         */
        JORDAN,
        /** DL4J's own LSTM layer (per-time-step ND4J ops), kept for comparison. */
        DL4J_LSTM,
        /** No recurrent layer: the window flattened into one dense layer (Géron's linear model, trained with Adam). */
        LINEAR
    }

    /** How the top recurrent layer's last step becomes the horizon values. */
    public enum Output implements Keyed {
        /** A dense layer of {@code horizon} values with identity activation. */
        DENSE,
        /**
         * One more recurrent layer, of {@code horizon} units, whose last step is the forecast (Géron's deep RNN
         * ending in SimpleRNN(1)): no dense layer, so the forecast is that cell's tanh output, within (-1, 1).
         */
        RECURRENT
    }

    /**
     * How the model forecasts {@code horizon} steps (Géron ch.15). model.json written before strategies existed has
     * none: {@link #DIRECT}.
     */
    public enum Strategy implements Keyed {
        /** The horizon as one output vector from the last step (trained on the window's target vector). */
        DIRECT,
        /**
         * A one-step model (output 1, trained on the window's first target value) fed its own forecasts for
         * {@code horizon} steps, keeping its recurrent state between steps ({@link HorizonForecast}).
         */
        ITERATIVE,
        /**
         * Trained on every time step: at input step t the next {@code horizon} values; the top recurrent layer
         * returns every step into a per-step dense layer; forecasts are the last step's vector. After a Conv1D
         * front end, every output step j is trained on the values after the last input step it covers,
         * kernel - 1 + j stride (Géron's Y[:, 3::2]).
         */
        SEQ2SEQ
    }

    /** How the fused recurrent layers' weights start (DL4J's own LSTM keeps its Xavier initialisation). */
    public enum Init implements Keyed {
        /** PyTorch's default: every weight and bias ~ U(-1/sqrt(units), 1/sqrt(units)). */
        PYTORCH,
        /** Keras' default: input weights Glorot-uniform, recurrent weights orthogonal, biases 0. */
        KERAS
    }

    public enum Loss implements Keyed {
        MSE, MAE
    }

    /** Step decay of the learning rate: multiplied by {@code factor} every {@code everyEpochs} epochs (0: never). */
    public record StepDecay(int everyEpochs, double factor) implements Serializable {
        public static final StepDecay NONE = new StepDecay(0, 1);

        public StepDecay {
            if (everyEpochs < 0 || !(factor > 0 && factor <= 1)) {
                throw new IllegalArgumentException("model.learning-rate-decay: every-epochs must be >= 0 and factor in"
                        + " (0, 1], got " + everyEpochs + " and " + factor);
            }
        }

        public boolean enabled() {
            return everyEpochs > 0 && factor < 1;
        }
    }

    /**
     * A Conv1D front end (Géron's Conv1D + GRU model): {@code filters} filters of width {@code kernel} moved by
     * {@code stride}, valid padding, no activation (Keras' default), before the recurrent layers, which then see
     * (input - kernel) / stride + 1 steps of {@code filters} features. {@code filters = 0}: none.
     */
    public record Conv1d(int filters, int kernel, int stride) implements Serializable {
        public static final Conv1d NONE = new Conv1d(0, 4, 2);

        public Conv1d {
            if (filters < 0 || kernel < 1 || stride < 1) {
                throw new IllegalArgumentException("model.conv1d: filters >= 0, kernel >= 1 and stride >= 1, got "
                        + filters + ", " + kernel + ", " + stride);
            }
        }

        public boolean enabled() {
            return filters > 0;
        }

        /** The steps the recurrent layers see for an input of {@code inputLength} steps. */
        public int outputLength(int inputLength) {
            return enabled() ? (inputLength - kernel) / stride + 1 : inputLength;
        }

        /** "conv20k4s2-", or "" without a front end. */
        String namePrefix() {
            return enabled() ? "conv" + filters + "k" + kernel + "s" + stride + "-" : "";
        }
    }

    /** model.static-input: how per-series covariates enter the network. */
    public static final String STATIC_INPUT = "model.static-input";

    /** repeated: a channel on every step; initial-state: the first recurrent layer's initial hidden state. */
    public enum StaticInput implements io.rnnforecast.config.Keyed {
        REPEATED, INITIAL_STATE
    }

    /**
     * What the network is: {@code units} recurrent widths (one per layer; empty for {@link Cell#LINEAR}), the
     * output that turns the top layer's last step into {@code horizon} values, the input it reads, the
     * multi-step strategy, an optional Conv1D front end, the initialisation, whether hidden layers run both
     * ways, and the lookback: how many of the window's last steps the network reads ({@link LastSteps}; 0, the
     * default and not written to JSON, is the whole window; set per ensemble member by model.ensemble.lookbacks).
     */
    public record Architecture(Cell cell,
                               @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<Integer> units,
                               Output output, int inputLength, int horizon, Strategy strategy, Conv1d conv, Init init,
                               boolean bidirectional,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) int lookback,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) int historicCovariates,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) int futureCovariates,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) int staticChannels,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean staticsAsInitialState)
            implements Serializable {
        public Architecture {
            if (cell == null || output == null || strategy == null || conv == null || init == null) {
                throw new IllegalArgumentException("model: cell, output, strategy, conv1d and init are required");
            }
            units = List.copyOf(units);
            if (units.size() > MAX_LAYERS) {
                throw new IllegalArgumentException("model.layers must be in 0.." + MAX_LAYERS + ", got "
                        + units.size());
            }
            if (units.stream().anyMatch(u -> u < 1 || u > MAX_UNITS)) {
                throw new IllegalArgumentException("model.units must be in 1.." + MAX_UNITS + ", got " + units);
            }
            if (inputLength < 1 || horizon < 1) {
                throw new IllegalArgumentException("model: input length and horizon must be >= 1, got "
                        + inputLength + ", " + horizon);
            }
            if (lookback < 0 || lookback > inputLength) {
                throw new IllegalArgumentException("model: the lookback must be in 0..window.input (" + inputLength
                        + "; 0 = the whole window), got " + lookback);
            }
            // reading the whole window is no lookback: one spelling, so such a member equals the plain network
            if (lookback == inputLength) {
                lookback = 0;
            }
            if (historicCovariates < 0 || futureCovariates < 0 || staticChannels < 0
                    || staticChannels > futureCovariates) {
                throw new IllegalArgumentException("model: covariate counts must be >= 0 (the per-series channels"
                        + " among the future ones), got " + historicCovariates + ", " + futureCovariates + ", "
                        + staticChannels);
            }
            if (staticsAsInitialState && (cell == Cell.LINEAR || cell == Cell.JORDAN || cell == Cell.DL4J_LSTM
                    || bidirectional || conv.enabled())) {
                throw new IllegalArgumentException(STATIC_INPUT + " = initial-state needs a fused recurrent first"
                        + " layer (model.cell lstm, gru, simple-rnn, ln-simple-rnn or peephole-lstm; not bidirectional,"
                        + " no conv1d), got model.cell = " + cell.key() + (bidirectional ? ", bidirectional" : "")
                        + (conv.enabled() ? ", conv1d" : ""));
            }
        }

        /**
         * The per-series channels that feed the first recurrent layer's initial state instead of every step
         * (model.static-input = initial-state): the last {@code staticChannels} of the future ones; 0: none.
         */
        public int initialStateChannels() {
            return staticsAsInitialState ? staticChannels : 0;
        }

        /** The first input channel of {@link #initialStateChannels()} (after y, the historic, other future ones). */
        public int initialStateFrom() {
            return 1 + historicCovariates + futureCovariates - staticChannels;
        }

        /** Without covariates. */
        public Architecture(Cell cell, List<Integer> units, Output output, int inputLength, int horizon,
                            Strategy strategy, Conv1d conv, Init init, boolean bidirectional, int lookback) {
            this(cell, units, output, inputLength, horizon, strategy, conv, init, bidirectional, lookback, 0, 0, 0,
                    false);
        }

        /** How the covariates (data.covariates) enter the network's input. */
        public CovariateLayout covariates() {
            return new CovariateLayout(historicCovariates, futureCovariates);
        }

        public int layers() {
            return units.size();
        }
    }

    /**
     * What the network learns: the task ({@link Task}), a classifier's class count (0 until known), the loss, and
     * the quantile levels of a quantile network ({@code model.quantiles}, kept ascending; empty: a point network).
     * With quantiles the network outputs horizon x Q values trained on the multi-quantile pinball loss
     * ({@link MultiQuantileLoss}) and {@code loss} does not apply.
     */
    public record Objective(Task task, int classes, Loss loss, List<Double> quantiles) implements Serializable {
        public static final String QUANTILES = "model.quantiles";

        public Objective {
            if (task == null || loss == null) {
                throw new IllegalArgumentException("task and model.loss are required");
            }
            quantiles = quantiles == null ? List.of() : quantiles.stream().sorted().toList();
            for (int i = 0; i < quantiles.size(); i++) {
                double q = quantiles.get(i);
                if (!(q > 0 && q < 1)) {
                    throw new IllegalArgumentException("Invalid value for " + QUANTILES + ": " + quantiles
                            + " (allowed: distinct numbers strictly between 0 and 1, e.g. [0.1, 0.5, 0.9]; " + q
                            + " is not)");
                }
                if (i > 0 && q == quantiles.get(i - 1)) {
                    throw new IllegalArgumentException("Invalid value for " + QUANTILES + ": " + quantiles
                            + " (allowed: distinct numbers strictly between 0 and 1; " + q + " is given twice)");
                }
            }
        }
    }

    /**
     * How it is fitted: Adam at {@code learningRate}, multiplied by the decay's factor every so many epochs;
     * {@code dropout} on the input of every recurrent layer after the first; {@code gradientClip} the L2 norm each
     * layer's gradient is clipped to (0: none); {@code seed} of the weights and of the data order.
     */
    public record Optimization(double learningRate, StepDecay learningRateDecay, double dropout,
                               double gradientClip, long seed) implements Serializable {
        public Optimization {
            if (learningRateDecay == null) {
                throw new IllegalArgumentException("model.learning-rate-decay is required");
            }
            if (!(learningRate > 0) || !(gradientClip >= 0) || !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("model: learning-rate > 0, gradient-clip >= 0 and dropout in"
                        + " [0, 1), got " + learningRate + ", " + gradientClip + ", " + dropout);
            }
        }
    }

    public ModelSpec {
        Objects.requireNonNull(architecture, "model architecture");
        Objects.requireNonNull(objective, "model objective");
        Objects.requireNonNull(optimization, "model optimization");
        Cell cell = architecture.cell();
        int layers = architecture.layers();
        List<Integer> units = architecture.units();
        Output output = architecture.output();
        int inputLength = architecture.inputLength();
        Strategy strategy = architecture.strategy();
        Conv1d conv = architecture.conv();
        boolean bidirectional = architecture.bidirectional();
        Task task = objective.task();
        int classes = objective.classes();
        double dropout = optimization.dropout();
        if (cell == Cell.LINEAR) {
            if (layers != 0 || output != Output.DENSE || dropout != 0) {
                throw new IllegalArgumentException("model.cell = linear has no recurrent layers: model.units,"
                        + " model.layers, model.output = recurrent and model.dropout do not apply (got " + layers
                        + " layers " + units + ", output " + output.key() + ", dropout " + dropout + ")");
            }
        } else if (layers == 0 && output == Output.DENSE) {
            throw new IllegalArgumentException("model.layers = 0 needs model.output = recurrent (then the model is one"
                    + " recurrent layer of horizon units); a dense output needs a recurrent layer before it");
        }
        if (cell == Cell.LINEAR && strategy != Strategy.DIRECT) {
            throw new IllegalArgumentException("model.strategy = " + strategy.key() + " needs a recurrent cell:"
                    + " model.cell = linear has no time steps to return or state to keep; use strategy = direct");
        }
        if (conv.enabled() && (cell == Cell.LINEAR || conv.kernel() > inputLength)) {
            throw new IllegalArgumentException("model.conv1d needs recurrent layers after it and a kernel no longer"
                    + " than the input (" + inputLength + "), got cell " + cell.key() + ", kernel " + conv.kernel());
        }
        if (conv.enabled() && strategy == Strategy.SEQ2SEQ
                && !targets(strategy, conv).lastStepIsTarget(inputLength)) {
            // Valid padding drops the input's last (input - kernel) % stride steps: the last output step would end
            // before the last input step, and its vector, the forecast, would not be the window's horizon
            throw new IllegalArgumentException("model.conv1d with model.strategy = seq2seq needs window.input - kernel"
                    + " to be a multiple of the stride, so that the last output step ends at the last input step and"
                    + " forecasts the horizon: window.input " + inputLength + ", model.conv1d.kernel "
                    + conv.kernel() + " and stride " + conv.stride() + " leave the last "
                    + (inputLength - conv.kernel()) % conv.stride() + " input step(s) out; change one of them");
        }
        CovariateLayout covariates = architecture.covariates();
        if (covariates.any() && (strategy != Strategy.DIRECT || conv.enabled() || task != Task.FORECAST
                || architecture.lookback() > 0)) {
            // the covariates' channels run on into the horizon for the direct strategy's last step; the other
            // strategies' fed-back or every-step outputs and the Conv1D front end's steps are laid out on y alone
            throw new IllegalArgumentException("data.covariates need model.strategy = direct, task = forecast, no"
                    + " model.conv1d and no model.ensemble.lookbacks (got strategy " + strategy.key() + ", task "
                    + task.key() + ", conv1d " + conv.enabled() + ", lookback " + architecture.lookback() + ")");
        }
        int lookback = architecture.lookback();
        if (lookback > 0 && (cell == Cell.LINEAR || strategy != Strategy.DIRECT || conv.enabled())) {
            throw new IllegalArgumentException("a lookback of " + lookback + " of the window's " + inputLength
                    + " steps needs a recurrent cell, model.strategy = direct and no model.conv1d (the targets of"
                    + " the other strategies and the Conv1D front end are laid out on the whole window), got cell "
                    + cell.key() + ", strategy " + strategy.key() + ", conv1d " + conv.enabled());
        }
        if (task.classifies()) {
            checkClassifier(task, cell, output, strategy, conv, classes);
        } else if (classes != 0) {
            throw new IllegalArgumentException("model: classes apply to the classification tasks, not to task = "
                    + task.key());
        }
        if (bidirectional) {
            if (cell == Cell.LINEAR || layers == 0) {
                throw new IllegalArgumentException("model.bidirectional = true needs hidden recurrent layers to run"
                        + " both ways, got cell " + cell.key() + " with " + layers + " layers (a recurrent output"
                        + " layer stays forward: its units are the forecast)");
            }
            if (strategy != Strategy.DIRECT) {
                throw new IllegalArgumentException("model.bidirectional = true needs model.strategy = direct, got "
                        + strategy.key() + ": " + (strategy == Strategy.ITERATIVE
                        ? "a backward pass starts at the window's end, so it cannot be stepped on its own forecasts"
                        : "at step t the backward pass has read the steps after t, which the per-step targets are"
                        + " made of"));
            }
        }
        if (cell == Cell.JORDAN) {
            checkJordan(task, output, bidirectional);
        }
        if (!objective.quantiles().isEmpty()) {
            if (task != Task.FORECAST) {
                throw new IllegalArgumentException(Objective.QUANTILES + " = " + objective.quantiles() + " forecasts"
                        + " quantiles: it needs task = forecast, got task = " + task.key());
            }
            if (strategy != Strategy.DIRECT) {
                throw new IllegalArgumentException(Objective.QUANTILES + " = " + objective.quantiles() + " needs"
                        + " model.strategy = direct (one output vector of horizon x quantiles values), got"
                        + " model.strategy = " + strategy.key());
            }
        }
        int recurrentLayers = layers + (output == Output.RECURRENT ? 1 : 0);
        if (dropout > 0 && recurrentLayers < 2) {
            throw new IllegalArgumentException("model.dropout = " + dropout + " applies between recurrent layers, and"
                    + " this model has " + recurrentLayers + ": set it to 0 or add a layer");
        }
    }

    /**
     * The Jordan layer feeds back the network's output, so it is the output layer: a recurrent output layer after
     * it, a softmax (the fed-back value would not be the prediction) or a backward pass (which would feed back
     * forecasts of the past) have no place.
     */
    private static void checkJordan(Task task, Output output, boolean bidirectional) {
        if (output != Output.DENSE || task.classifies() || bidirectional) {
            throw new IllegalArgumentException("model.cell = jordan feeds its forecast back into its hidden layer, so"
                    + " its top layer is the output: it needs model.output = dense (the Jordan layer's own output"
                    + " map), task = forecast and model.bidirectional = false (got output " + output.key()
                    + ", task " + task.key() + ", bidirectional " + bidirectional + ")");
        }
    }

    private static void checkClassifier(Task task, Cell cell, Output output, Strategy strategy, Conv1d conv,
                                        int classes) {
        if (strategy != Strategy.DIRECT || output != Output.DENSE) {
            throw new IllegalArgumentException("task = " + task.key() + " classifies with a softmax layer: it needs"
                    + " model.strategy = direct and model.output = dense (got " + strategy.key() + ", "
                    + output.key() + ")");
        }
        if (task == Task.LABEL_STEPS && (cell == Cell.LINEAR || conv.enabled())) {
            throw new IllegalArgumentException("task = label-steps labels every input step: it needs recurrent layers"
                    + " that see every step (not model.cell = linear, not a strided model.conv1d)");
        }
        if (classes == 1 || classes < 0) {
            throw new IllegalArgumentException("task = " + task.key() + " needs at least 2 classes in the labels,"
                    + " found " + classes);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy of this spec to change. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds a spec; unset parts are the bundled configuration's defaults (a 2 x 20 LSTM with a dense output on
     * windows of 50 values forecasting 1, direct, PyTorch's initialisation, MSE, Adam 0.001, seed 42).
     */
    public static final class Builder {
        private Cell cell = Cell.LSTM;
        private List<Integer> units = List.of(20, 20);
        private Output output = Output.DENSE;
        private int inputLength = 50;
        private int horizon = 1;
        private Strategy strategy = Strategy.DIRECT;
        private Conv1d conv = Conv1d.NONE;
        private Init init = Init.PYTORCH;
        private boolean bidirectional;
        private int lookback;
        private CovariateLayout covariates = CovariateLayout.NONE;
        private Task task = Task.FORECAST;
        private int classes;
        private Loss loss = Loss.MSE;
        private List<Double> quantiles = List.of();
        private double learningRate = 0.001;
        private StepDecay learningRateDecay = StepDecay.NONE;
        private double dropout;
        private double gradientClip;
        private long seed = 42;

        private int staticChannels;
        private boolean staticsAsInitialState;

        private Builder() {
        }

        /** Of the covariates' future channels, the last {@code channels} are per-series ones. */
        public Builder staticChannels(int channels) {
            staticChannels = channels;
            return this;
        }

        /** Per-series covariates as the first recurrent layer's initial state (true) or inputs of every step. */
        public Builder staticsAsInitialState(boolean value) {
            staticsAsInitialState = value;
            return this;
        }

        private Builder(ModelSpec spec) {
            Architecture a = spec.architecture();
            cell = a.cell();
            units = a.units();
            output = a.output();
            inputLength = a.inputLength();
            horizon = a.horizon();
            strategy = a.strategy();
            conv = a.conv();
            init = a.init();
            bidirectional = a.bidirectional();
            lookback = a.lookback();
            covariates = a.covariates();
            staticChannels = a.staticChannels();
            staticsAsInitialState = a.staticsAsInitialState();
            task = spec.objective().task();
            classes = spec.objective().classes();
            loss = spec.objective().loss();
            quantiles = spec.objective().quantiles();
            Optimization o = spec.optimization();
            learningRate = o.learningRate();
            learningRateDecay = o.learningRateDecay();
            dropout = o.dropout();
            gradientClip = o.gradientClip();
            seed = o.seed();
        }

        public Builder cell(Cell value) {
            cell = value;
            return this;
        }

        /** One width per recurrent layer (none for {@link Cell#LINEAR}). */
        public Builder units(List<Integer> widths) {
            units = widths;
            return this;
        }

        public Builder units(Integer... widths) {
            return units(List.of(widths));
        }

        /** {@code layers} layers of {@code width} units. */
        public Builder stack(int layers, int width) {
            return units(Collections.nCopies(layers, width));
        }

        public Builder output(Output value) {
            output = value;
            return this;
        }

        /** The window: {@code input} values in, {@code horizon} out. */
        public Builder window(int input, int outputSteps) {
            inputLength = input;
            horizon = outputSteps;
            return this;
        }

        public Builder strategy(Strategy value) {
            strategy = value;
            return this;
        }

        public Builder conv(Conv1d value) {
            conv = value;
            return this;
        }

        public Builder init(Init value) {
            init = value;
            return this;
        }

        public Builder bidirectional(boolean value) {
            bidirectional = value;
            return this;
        }

        /** The window's last steps the network reads (0: all of them). */
        /** The covariate channels the network reads beside y. */
        public Builder covariates(CovariateLayout layout) {
            covariates = layout;
            return this;
        }

        public Builder lookback(int steps) {
            lookback = steps;
            return this;
        }

        public Builder task(Task value) {
            task = value;
            return this;
        }

        public Builder classes(int value) {
            classes = value;
            return this;
        }

        public Builder loss(Loss value) {
            loss = value;
            return this;
        }

        /** The quantile levels of a quantile network (empty: a point network). */
        public Builder quantiles(List<Double> levels) {
            quantiles = levels;
            return this;
        }

        public Builder quantiles(Double... levels) {
            return quantiles(List.of(levels));
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder learningRateDecay(StepDecay value) {
            learningRateDecay = value;
            return this;
        }

        public Builder dropout(double value) {
            dropout = value;
            return this;
        }

        public Builder gradientClip(double value) {
            gradientClip = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public ModelSpec build() {
            return new ModelSpec(new Architecture(cell, units, output, inputLength, horizon, strategy, conv, init,
                    bidirectional, lookback, covariates.historic(), covariates.future(), staticChannels,
                    staticsAsInitialState),
                    new Objective(task, classes, loss, quantiles),
                    new Optimization(learningRate, learningRateDecay, dropout, gradientClip, seed));
        }
    }

    // ---- the parts' values, read where they are used ----------------------------------------------------------

    public Cell cell() {
        return architecture.cell();
    }

    public int layers() {
        return architecture.layers();
    }

    public List<Integer> units() {
        return architecture.units();
    }

    public Output output() {
        return architecture.output();
    }

    public int inputLength() {
        return architecture.inputLength();
    }

    public int horizon() {
        return architecture.horizon();
    }

    /** How the covariates enter the network's input ({@link CovariateLayout}). */
    public CovariateLayout covariates() {
        return architecture.covariates();
    }

    /** Values the network reads per step: y, then the covariate channels and the horizon flag if any. */
    public int features() {
        return covariates().features();
    }

    /** Steps the network reads: the window's input, and its horizon too with future covariates. */
    public int steps() {
        return covariates().steps(inputLength(), horizon());
    }

    /** The window's last steps the network reads: the lookback, or the whole window when it is 0. */
    public int stepsRead() {
        int lookback = architecture.lookback();
        return lookback == 0 ? architecture.inputLength() : lookback;
    }

    public Strategy strategy() {
        return architecture.strategy();
    }

    public Conv1d conv() {
        return architecture.conv();
    }

    public Init init() {
        return architecture.init();
    }

    public boolean bidirectional() {
        return architecture.bidirectional();
    }

    public Task task() {
        return objective.task();
    }

    public int classes() {
        return objective.classes();
    }

    public Loss loss() {
        return objective.loss();
    }

    /** The quantile levels, ascending; empty for a point network. */
    public List<Double> quantiles() {
        return objective.quantiles();
    }

    /** Whether the network forecasts quantiles ({@code model.quantiles} not empty). Not named isX (model.json). */
    public boolean forecastsQuantiles() {
        return !objective.quantiles().isEmpty();
    }

    public double learningRate() {
        return optimization.learningRate();
    }

    public StepDecay learningRateDecay() {
        return optimization.learningRateDecay();
    }

    public double dropout() {
        return optimization.dropout();
    }

    public double gradientClip() {
        return optimization.gradientClip();
    }

    public long seed() {
        return optimization.seed();
    }

    /** The same model reading covariates laid out as {@code layout} (per-series ones fitted from the data). */
    public ModelSpec withCovariates(CovariateLayout layout) {
        return new Builder(this).covariates(layout).build();
    }

    /** The same, the last {@code staticChannels} of the layout's future channels per-series ones. */
    public ModelSpec withCovariates(CovariateLayout layout, int staticChannels) {
        return new Builder(this).covariates(layout).staticChannels(staticChannels).build();
    }

    /** The same model for the {@code classes} classes found in the data (classification tasks). */
    public ModelSpec withClasses(int classes) {
        return new ModelSpec(architecture, new Objective(objective.task(), classes, objective.loss(),
                objective.quantiles()), optimization);
    }

    /**
     * Whether the padded steps of a short series' windows are masked (skipped: the recurrent state starts at the
     * first observed value) rather than fed as the repeated first value: for the direct strategy of recurrent
     * layers read straight from the input. Not for linear (no time axis) or a Conv1D front end (its output steps
     * mix padded and observed ones), nor iterative and seq2seq, whose step-by-step forecasts and labels would need
     * the mask carried through the fed-back steps and the output layer.
     */
    public boolean masksPadding() {
        return strategy() == Strategy.DIRECT && cell() != Cell.LINEAR && !conv().enabled()
                && task() == Task.FORECAST;
    }

    /** The labels it trains on, made per minibatch from the cached windows. */
    public LabelLayout labels() {
        return switch (task()) {
            case FORECAST -> forecastsQuantiles() ? new QuantileTargets(quantiles().size()) : targets();
            case LABEL_STEPS -> new ClassTargets(classes(), true);
            case CLASSIFY_SERIES -> new ClassTargets(classes(), false);
        };
    }

    /**
     * The model section; the input length and horizon are the window's. {@code model.units} is one width for
     * {@code model.layers} layers, or a list of widths that gives the depth; {@code model.layers} set as well must
     * agree with it. {@code model.cell = linear} takes neither.
     */
    public static ModelSpec from(Settings s, WindowSpec window) {
        Cell cell = s.oneOf("model.cell", Cell.class);
        List<Integer> units;
        int layers;
        if (cell == Cell.LINEAR) {
            for (String key : List.of("model.layers", "model.units")) {
                if (s.isExplicit(key)) {
                    throw Settings.invalid(key, s.config().getValue(key).unwrapped(), "nothing with model.cell ="
                            + " linear, which has no recurrent layers: drop " + key);
                }
            }
            units = List.of();
            layers = 0;
        } else if (s.isList("model.units")) {
            units = s.intListIn("model.units", 1, MAX_UNITS);
            layers = units.size();
            if (s.isExplicit("model.layers") && s.config().getInt("model.layers") != layers) {
                throw new ConfigProblem("model.layers is " + s.config().getValue("model.layers").unwrapped()
                        + " but model.units lists " + layers + " widths " + units + ": drop model.layers (the list"
                        + " gives the depth) or make them agree");
            }
        } else {
            layers = s.intIn("model.layers", 0, MAX_LAYERS);
            units = Collections.nCopies(layers, s.intIn("model.units", 1, MAX_UNITS));
        }
        Output output = s.oneOf("model.output", Output.class);
        Loss loss = s.oneOf("model.loss", Loss.class);
        double learningRate = s.doubleIn("model.learning-rate", 1e-7, 10);
        double dropout = s.doubleIn("model.dropout", 0, 0.99);
        double clip = s.doubleIn("model.gradient-clip", 0, 1e9);
        int decayEvery = s.intIn("model.learning-rate-decay.every-epochs", 0, 100_000);
        double decayFactor = s.doubleIn("model.learning-rate-decay.factor", 1e-6, 1);
        long seed = s.anyLong("model.seed");
        Strategy strategy = s.oneOf("model.strategy", Strategy.class);
        int filters = s.intIn("model.conv1d.filters", 0, MAX_UNITS);
        int kernel = s.intIn("model.conv1d.kernel", 1, 10_000);
        int stride = s.intIn("model.conv1d.stride", 1, 10_000);
        Init init = s.oneOf("model.init", Init.class);
        boolean bidirectional = s.bool("model.bidirectional");
        Task task = s.oneOf("task", Task.class);
        List<Double> quantiles = s.doubleList(Objective.QUANTILES);
        if (!quantiles.isEmpty() && s.isExplicit("model.loss")) {
            throw new ConfigProblem("model.loss does not apply with " + Objective.QUANTILES + " = " + quantiles
                    + ": a quantile network trains on the pinball loss; drop model.loss");
        }
        CovariateSpec covariates = CovariateSpec.from(s);
        boolean initialState = s.oneOf(STATIC_INPUT, StaticInput.class) == StaticInput.INITIAL_STATE;
        return Settings.checked(() -> builder().staticsAsInitialState(initialState).cell(cell).units(units).output(output)
                .window(window.input(), window.horizon())
                .covariates(CovariateLayout.of(covariates)).strategy(strategy).conv(new Conv1d(filters, kernel, stride))
                .init(init).bidirectional(bidirectional).task(task).loss(loss).quantiles(quantiles).learningRate(learningRate)
                .learningRateDecay(new StepDecay(decayEvery, decayFactor)).dropout(dropout).gradientClip(clip)
                .seed(seed).build());
    }

    /**
     * The labels the model trains on: the horizon vector (direct), its first value (iterative), or for seq2seq the
     * next horizon values at every step the top layers see: every input step, or after a Conv1D front end the last
     * input step each output step covers.
     */
    public Targets targets() {
        return targets(strategy(), conv());
    }

    // static: the compact constructor checks it before the fields are set
    private static Targets targets(Strategy strategy, Conv1d conv) {
        return switch (strategy) {
            case DIRECT -> Targets.HORIZON;
            case ITERATIVE -> Targets.FIRST;
            case SEQ2SEQ -> conv.enabled() ? Targets.everyStep(conv.kernel() - 1, conv.stride()) : Targets.EVERY_STEP;
        };
    }

    /**
     * Values the network outputs per time step it reports: the horizon, or 1 for {@link Strategy#ITERATIVE} (a
     * one-step model); horizon x Q for a quantile network (step-major: value k Q + i is step k at level i); the
     * class probabilities when it classifies.
     */
    public int outputSize() {
        if (task().classifies()) {
            return classes();
        }
        if (forecastsQuantiles()) {
            return horizon() * quantiles().size();
        }
        return strategy() == Strategy.ITERATIVE ? 1 : horizon();
    }

    /**
     * Whether recurrent layer {@code i} (of {@link #recurrentWidths()}) runs both ways: every hidden layer of a
     * bidirectional model, never the recurrent output layer.
     */
    public boolean isBidirectional(int i) {
        return bidirectional() && i < layers();
    }

    /** The values recurrent layer {@code i} outputs per step: its width, twice over when it runs both ways. */
    public int recurrentOutputSize(int i) {
        return recurrentWidths().get(i) * (isBidirectional(i) ? 2 : 1);
    }

    /** The widths of every recurrent layer, the recurrent output layer included; empty for {@link Cell#LINEAR}. */
    public List<Integer> recurrentWidths() {
        List<Integer> widths = new ArrayList<>(units());
        if (output() == Output.RECURRENT) {
            widths.add(outputSize());
        }
        return widths;
    }

    /**
     * The name written in the {@code model} column of the result tables: {@code lstm-2x20} for equal widths and a
     * dense output (the name models had before per-layer widths), else every recurrent width in order,
     * {@code simple-rnn-20-20-1} for 20-20 and a recurrent output of 1; {@code linear-adam} for the linear cell. A
     * Conv1D front end prefixes {@code conv20k4s2-}, a bidirectional model prefixes its cell with {@code bi}
     * ({@code bilstm-2x20}, {@code conv20k4s2-bigru-2x20}: no cell's key begins with "bi", nor does "linear-adam");
     * a strategy other than direct is appended:
     * {@code lstm-2x20-seq2seq}, {@code gru-2x20-iterative}.
     */
    public String displayName() {
        return architectureName() + (strategy() == Strategy.DIRECT ? "" : "-" + strategy().key());
    }

    private String architectureName() {
        if (cell() == Cell.LINEAR) {
            // not "linear": that is the least-squares baseline's row, written beside every model
            return "linear-adam";
        }
        String cellName = conv().namePrefix() + (bidirectional() ? "bi" : "") + cell().key();
        if (output() == Output.DENSE && units().stream().distinct().count() == 1) {
            return cellName + "-" + layers() + "x" + units().get(0);
        }
        return cellName + "-" + recurrentWidths().stream().map(String::valueOf)
                .collect(Collectors.joining("-"));
    }
}
