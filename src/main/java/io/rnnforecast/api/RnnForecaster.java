package io.rnnforecast.api;

import com.typesafe.config.Config;
import io.rnnforecast.eval.Baselines;
import io.rnnforecast.eval.NormalizationChoice;
import io.rnnforecast.ingest.AssembledSeries;
import io.rnnforecast.ingest.DataFingerprint;
import io.rnnforecast.ingest.StaticCovariates;
import io.rnnforecast.model.EnsembleSpec;
import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.model.NetworkFactory;
import io.rnnforecast.model.ParameterCount;
import io.rnnforecast.store.ModelProvenance;
import io.rnnforecast.store.RecipeJson;
import io.rnnforecast.store.RuntimeVersions;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.train.CheckpointStore;
import io.rnnforecast.train.Checkpoints;
import io.rnnforecast.train.ParameterAveragingTrainer;
import io.rnnforecast.train.TrainingReport;
import io.rnnforecast.train.TrainingSpec;
import io.rnnforecast.train.OuterOptimizer;
import io.rnnforecast.train.WorkerLearningRate;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.WindowNormalization;
import io.rnnforecast.windowrdd.WindowedSeries;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a recurrent forecasting model on many series with parameter averaging: a Spark ML {@link Estimator}
 * whose {@link #fit} takes a long-format DataFrame (one row per observation: {@code idCol}, {@code timeCol},
 * {@code valueCol}) and returns a {@link RnnForecastModel}.
 *
 * <pre>{@code
 * RnnForecastModel model = new RnnForecaster()
 *         .setInput(28).setHorizon(7).setMaxWindowsPerSeries(50)
 *         .setScaling("standard").setSplitMode("time")
 *         .setEpochs(10)
 *         .fit(sales);                       // unique_id, ds, y
 * Dataset<Row> next7 = model.transform(sales);  // the forecasts past the end of every series
 * }</pre>
 *
 * Every setting of the command line's configuration that a model is made of is a Param here, named after its key
 * ({@link #setSetting} takes the key itself; {@code explainParams()} lists them with the configuration's
 * documentation and defaults). Training reads the data once into cached series, cuts windows on the executors and
 * trains with parameter averaging; nothing is collected to the driver. With {@code checkpointDir} set, every epoch
 * is checkpointed there and a fit with the same {@code runId} and settings resumes after the last one.
 */
public final class RnnForecaster extends Estimator<RnnForecastModel> implements DefaultParamsWritable {
    private static final Logger LOG = LoggerFactory.getLogger(RnnForecaster.class);

    private final String uid;
    private final Param<String> checkpointDir;
    private final Param<String> recordedConfig;
    private final ParamTable table;

    public RnnForecaster() {
        this(Identifiable$.MODULE$.randomUID("rnnForecaster"));
    }

    public RnnForecaster(String uid) {
        this.uid = uid;
        this.checkpointDir = new Param<>(this, "checkpointDir", "Where each epoch is checkpointed (any Hadoop"
                + " filesystem URI; checkpoints/run_id=<runId>/ under it); empty: no checkpoints");
        this.recordedConfig = new Param<>(this, "recordedConfig", "The configuration (JSON) recorded in the"
                + " model's provenance and the runs table; empty: this estimator's settings");
        this.table = new ParamTable(this, List.of(checkpointDir, recordedConfig));
        setDefault(checkpointDir, "");
        setDefault(recordedConfig, "");
    }

    /** An estimator with every learning setting of a resolved job configuration (keys as in rnnforecast.conf). */
    public static RnnForecaster fromConfig(Config resolved) {
        RnnForecaster forecaster = new RnnForecaster();
        forecaster.table.setAll(resolved);
        return forecaster;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<?>[] params() {
        return table.params();
    }

    // ---- settings -------------------------------------------------------------------------------------------

    /** Sets the configuration key {@code key} (e.g. "window.input", "model.units"), as --set would. */
    public RnnForecaster setSetting(String key, Object value) {
        table.set(key, value);
        return this;
    }

    /** The value of configuration key {@code key} (its default when unset). */
    public Object getSetting(String key) {
        return table.get(key);
    }

    /** The settings, checked: a ConfigProblem (an IllegalArgumentException) names the key and what is allowed. */
    public ForecastSettings settings() {
        return table.forecastSettings();
    }

    public RnnForecaster setIdCol(String column) {
        return setSetting("data.columns.id", column);
    }

    public RnnForecaster setTimeCol(String column) {
        return setSetting("data.columns.ds", column);
    }

    public RnnForecaster setValueCol(String column) {
        return setSetting("data.columns.y", column);
    }

    public RnnForecaster setLabelCol(String column) {
        return setSetting("data.columns.label", column);
    }

    /** forecast | label-steps | classify-series. */
    public RnnForecaster setTask(String task) {
        return setSetting("task", task);
    }

    /** Observed values the model reads (window.input). */
    public RnnForecaster setInput(int steps) {
        return setSetting("window.input", steps);
    }

    /** Values forecast at once (window.horizon). */
    public RnnForecaster setHorizon(int steps) {
        return setSetting("window.horizon", steps);
    }

    public RnnForecaster setStride(int steps) {
        return setSetting("window.stride", steps);
    }

    public RnnForecaster setMaxWindowsPerSeries(int windows) {
        return setSetting("window.max-per-series", windows);
    }

    /** none | last-value | window-standard. */
    public RnnForecaster setNormalization(String normalization) {
        return setSetting("window.normalization", normalization);
    }

    /** none | seasonal-naive: what the network's forecast is relative to (window.target-base). */
    public RnnForecaster setTargetBase(String base) {
        return setSetting("window.target-base", base);
    }

    /** none | standard | minmax | robust | mase. */
    public RnnForecaster setScaling(String method) {
        return setSetting("scaling.method", method);
    }

    /** series | time. */
    public RnnForecaster setSplitMode(String mode) {
        return setSetting("split.mode", mode);
    }

    public RnnForecaster setCutoffs(int cutoffs) {
        return setSetting("split.cutoffs", cutoffs);
    }

    /** lstm | gru | simple-rnn | ln-simple-rnn | peephole-lstm | jordan | dl4j-lstm | linear. */
    public RnnForecaster setCell(String cell) {
        return setSetting("model.cell", cell);
    }

    /** One width per recurrent layer (the list gives the depth). */
    public RnnForecaster setUnits(int... widths) {
        return setSetting("model.units", widths);
    }

    public RnnForecaster setLayers(int layers) {
        return setSetting("model.layers", layers);
    }

    /** direct | iterative | seq2seq. */
    public RnnForecaster setStrategy(String strategy) {
        return setSetting("model.strategy", strategy);
    }

    /** mse | mae. */
    public RnnForecaster setLoss(String loss) {
        return setSetting("model.loss", loss);
    }

    /**
     * Quantile forecasts at these levels (model.quantiles; distinct, in (0, 1)): the network outputs each horizon
     * step's quantiles, trained on the pinball loss; none: a point network.
     */
    public RnnForecaster setQuantiles(double... levels) {
        return setSetting("model.quantiles", levels);
    }

    public RnnForecaster setLearningRate(double rate) {
        return setSetting("model.learning-rate", rate);
    }

    /** The seed of the weights and of the data order. */
    /** Networks combined by their median (model.ensemble.members; member k has seed model.seed + k). */
    public RnnForecaster setEnsembleMembers(int members) {
        return setSetting("model.ensemble.members", members);
    }

    /** Member k's loss: losses[k mod size] (model.ensemble.losses: mse | mae); none given: model.loss. */
    public RnnForecaster setEnsembleLosses(String... losses) {
        return setSetting("model.ensemble.losses", List.of(losses));
    }

    /**
     * Member k reads the last lookbacks[k mod size] steps of each window (model.ensemble.lookbacks, each in
     * 1..window.input); none given: the whole window.
     */
    public RnnForecaster setEnsembleLookbacks(Integer... lookbacks) {
        return setSetting("model.ensemble.lookbacks", List.of(lookbacks));
    }

    public RnnForecaster setSeed(long seed) {
        return setSetting("model.seed", seed);
    }

    public RnnForecaster setEpochs(int epochs) {
        return setSetting("train.epochs", epochs);
    }

    public RnnForecaster setBatchSizePerWorker(int batch) {
        return setSetting("train.batch-size-per-worker", batch);
    }

    /** Parallel training workers; 0: Spark's default parallelism. */
    public RnnForecaster setWorkers(int workers) {
        return setSetting("train.workers", workers);
    }

    /** The run id the model and its tables are written under; empty: a fresh one per fit. */
    public RnnForecaster setRunId(String runId) {
        return setSetting("run-id", runId);
    }

    /** The dataset column of the result tables. */
    public RnnForecaster setDatasetName(String name) {
        return setSetting("data.name", name);
    }

    /**
     * The central prediction intervals written beside every forecast, in percent (evaluate.intervals.levels;
     * none: off), calibrated by split conformal prediction on the validation windows when fitting.
     */
    public RnnForecaster setIntervalLevels(int... levels) {
        return setSetting("evaluate.intervals.levels", levels);
    }

    public RnnForecaster setCheckpointDir(String dir) {
        set(checkpointDir, dir);
        return this;
    }

    public RnnForecaster setRecordedConfig(String json) {
        set(recordedConfig, json);
        return this;
    }

    // ---- fitting --------------------------------------------------------------------------------------------

    /** Reads long-format rows by these settings' rules (repair, scaling, lengths), for {@link #fit(SeriesData)}. */
    public SeriesData ingest(SeriesInput input) {
        ForecastSettings s = settings();
        return SeriesData.ingest(SparkSession.active(), input, s.recipe().ingest(input.format(), s.columns(),
                s.evaluation().season()));
    }

    @Override
    public RnnForecastModel fit(Dataset<?> dataset) {
        try (SeriesData data = ingest(SeriesInput.of(dataset))) {
            RnnForecastModel model = fit(data);
            // the model's scalers are a view of the cached series: keep them once those are freed
            return model.withScalersMaterialized();
        }
    }

    /**
     * Trains on series already read ({@link #ingest}); the caller keeps {@code data} (to evaluate on the same
     * series: {@link RnnForecastModel#evaluate(SeriesData)}) and closes it.
     */
    public RnnForecastModel fit(SeriesData data) {
        ForecastSettings s = settings();
        SparkSession spark = SparkSession.active();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ClusterEvents events = ClusterEvents.attach(spark);
        try {
            Instant started = Instant.now();
            String runId = RunIds.orFresh(s.runId());
            TrainedModel.Recipe recipe = s.recipe();
            boolean classifies = recipe.task().classifies();
            if (classifies) {
                recipe = recipe.withClasses(data.ingested().classes());
                LOG.info("task {}: {} classes {}", recipe.task().key(), data.ingested().classes().size(),
                        data.ingested().classes());
            }
            StaticCovariates statics = recipe.covariates().statics();
            if (statics.any() && !statics.fitted()) {
                recipe = recipe.withCovariates(recipe.covariates().withStatics(
                        AssembledSeries.fitStatics(data.series(), statics)));
                LOG.info("per-series covariates: {}", recipe.covariates().statics());
            }
            if (recipe.window().normalization() == WindowNormalization.AUTO) {
                TrainedModel.Recipe auto = recipe;
                NormalizationChoice choice = NormalizationChoice.choose(recipe.window(),
                        w -> new WindowedSeries(data.series(), w, auto.split(), auto.task(),
                                auto.covariates()));
                LOG.info("window.normalization = auto: {} (the linear baseline's validation MSE {})",
                        choice.chosen().key(), choice.mse());
                recipe = recipe.withWindow(recipe.window().withNormalization(choice.chosen()));
            }
            EnsembleSpec ensemble = recipe.ensemble();
            DataFingerprint fingerprint = DataFingerprint.of(data.input().source(), data.input().formatKey(),
                    data.ingested());
            WindowedSeries windows = new WindowedSeries(data.series(), recipe.window(), recipe.split(),
                    recipe.task(), recipe.covariates());
            // an ensemble's members train one after the other, each with parameter averaging over every worker:
            // members in parallel would each get a share of the workers, the same total work
            List<MultiLayerNetwork> networks = new ArrayList<>();
            List<TrainingReport> reports = new ArrayList<>();
            ParameterCount parameters = null;
            for (int k = 0; k < ensemble.members(); k++) {
                ModelSpec member = ensemble.member(recipe.model(), k);
                MultiLayerNetwork network = NetworkFactory.build(member);
                parameters = ParameterCount.of(network.getLayerWiseConfigurations());
                String name = ensemble.combines() ? ensemble.memberName(recipe.model(), k) : member.displayName();
                LOG.info("model {}: {}", name, parameters.describe());
                // member 0 checkpoints as a single network of this recipe would; the others under their own id
                String memberRunId = k == 0 ? runId : runId + "-m" + (k + 1);
                reports.add(new ParameterAveragingTrainer(sc, s.training(), member).fit(memberRunId, network,
                        windows, checkpoints(sc, s, memberRunId, recipe, fingerprint)));
                networks.add(network);
            }
            TrainingReport report = reports.get(0);
            LinearAutoregression linear = classifies ? null : linearBaseline(windows, recipe);
            String configJson = getOrDefault(recordedConfig).isEmpty() ? table.toJson()
                    : getOrDefault(recordedConfig);
            ModelProvenance provenance = new ModelProvenance(runId, ensemble.name(recipe.model()), s.datasetName(),
                    configJson, RuntimeVersions.current(CodeVersion.get()), spark.sparkContext().master(),
                    started.toString(), fingerprint, report, events.executorsLost(), events.failedTasks(),
                    parameters, reports.subList(1, reports.size()));
            TrainedModel trained = new TrainedModel(networks, recipe, AssembledSeries.scalers(data.series()), linear,
                    provenance);
            LOG.info(String.format("trained %s: %.0f samples/s, %.1f s", provenance.model(),
                    report.samplesPerSecond(), provenance.trainingWallSeconds()));
            RnnForecastModel model = new RnnForecastModel(uid, trained).fittedOn(data);
            table.copyTo(model.table());
            return model.calibratedOn(windows).setParent(this);
        } finally {
            events.detach(spark);
        }
    }

    private Checkpoints checkpoints(JavaSparkContext sc, ForecastSettings s, String runId,
                                    TrainedModel.Recipe recipe, DataFingerprint data) {
        String dir = getOrDefault(checkpointDir);
        if (dir.isEmpty()) {
            return Checkpoints.NONE;
        }
        CheckpointStore store = new CheckpointStore(sc.hadoopConfiguration(), dir, runId,
                checkpointIdentity(recipe, s.training(), data));
        return s.resume() == ForecastSettings.Resume.AUTO ? store : store.saveOnly();
    }

    /**
     * What a checkpoint must have been made with to be continued: the recipe, the training settings that shape
     * the data order and the averaging (not the epoch count nor early stopping, so a run can be resumed with more
     * epochs), and the data's fingerprint.
     */
    static String checkpointIdentity(TrainedModel.Recipe recipe, TrainingSpec training, DataFingerprint data) {
        record Averaging(int batchSizePerWorker, int averagingFrequency, int workers, boolean averageUpdaterState,
                         String engine, long seed) {
        }
        record Combined(Averaging averaging, OuterOptimizer.Spec outer, WorkerLearningRate.Spec learningRate) {
        }
        Averaging averaging = new Averaging(training.batchSizePerWorker(), training.averagingFrequency(),
                training.workers(), training.averageUpdaterState(), training.engine().key(), training.seed());
        // plain averaging keeps the identity it had before the combination rules existed: its checkpoints resume
        boolean plain = training.outer().averages() && training.learningRate().changesNothing();
        return RecipeJson.identity(recipe, plain ? averaging
                : new Combined(averaging, training.outer(), training.learningRate()), data);
    }

    private static LinearAutoregression linearBaseline(WindowedSeries windows, TrainedModel.Recipe recipe) {
        long start = System.nanoTime();
        LinearAutoregression linear = Baselines.fitLinear(windows.windows(Split.TRAIN), recipe.window().input(),
                recipe.window().horizon(), windows.covariates());
        LOG.info(String.format("fitted the linear baseline (least squares) in %.1f s",
                (System.nanoTime() - start) / 1e9));
        return linear;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        settings();
        return RnnForecastModel.checkInput(schema, table);
    }

    @Override
    public RnnForecaster copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<RnnForecaster> read() {
        return new DefaultParamsReader<>();
    }

    public static RnnForecaster load(String path) {
        return read().load(path);
    }

    ParamTable table() {
        return table;
    }
}
