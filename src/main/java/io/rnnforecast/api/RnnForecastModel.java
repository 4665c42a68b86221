package io.rnnforecast.api;

import com.typesafe.config.ConfigFactory;
import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.eval.Baselines;
import io.rnnforecast.eval.ClassificationTables;
import io.rnnforecast.eval.Classifier;
import io.rnnforecast.eval.CombinedForecaster;
import io.rnnforecast.eval.EvaluationTables;
import io.rnnforecast.eval.ForecastRows;
import io.rnnforecast.eval.IntervalSpec;
import io.rnnforecast.eval.NetworkForecaster;
import io.rnnforecast.eval.Prediction;
import io.rnnforecast.eval.PredictionIntervals;
import io.rnnforecast.eval.WindowForecaster;
import io.rnnforecast.ingest.AssembledSeries;
import io.rnnforecast.ingest.IngestSpec;
import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.ingest.TimeKind;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.store.IntervalCalibration;
import io.rnnforecast.store.ModelProvenance;
import io.rnnforecast.store.ModelStore;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.train.EpochStats;
import io.rnnforecast.window.Split;
import io.rnnforecast.windowrdd.WindowedSeries;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import scala.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;

/**
 * A trained forecaster (a Spark ML {@link Model}): the network, the recipe it fixes (windows, split, scaling,
 * repair, the model itself), the per-series scalers fitted in training, the least-squares {@code linear} baseline
 * and the provenance (data, settings, versions, training history). Everything needed to turn long-format rows into
 * forecasts, whatever Params are set on it: a model's own windows, split, scaling and repair always apply.
 *
 * <ul>
 * <li>{@link #transform}: the forecasts past the end of every series of a DataFrame ({@code forecasts} rows: one per
 * series, model and step);</li>
 * <li>{@link #evaluate}: the test split's tables as DataFrames (summary, series_metrics, forecasts), nothing
 * written; {@link #crossValidate} the same at several rolling origins;</li>
 * <li>{@link #save} / {@link #load}: the model directory ({@code model.zip}, {@code model.json}, {@code scalers/},
 * and Spark ML's {@code metadata/}, so it also saves and loads as a stage of a {@code PipelineModel}).</li>
 * </ul>
 * The models evaluated are the network and its baselines (naive, seasonal naive, linear, the classical methods of
 * evaluate.baselines), all through one interface ({@link WindowForecaster}) and one loop.
 */
public final class RnnForecastModel extends Model<RnnForecastModel> implements MLWritable {
    private final String uid;
    private final TrainedModel trained;
    private final ParamTable table;
    /** The series this model was fitted on in this JVM, whose scalers are the model's own (or null). */
    private transient SeriesData fittedOn;

    RnnForecastModel(String uid, TrainedModel trained) {
        this.uid = uid;
        this.trained = trained;
        this.table = new ParamTable(this, List.of());
    }

    RnnForecastModel fittedOn(SeriesData data) {
        this.fittedOn = data;
        return this;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public Param<?>[] params() {
        return table.params();
    }

    ParamTable table() {
        return table;
    }

    // ---- what the model is --------------------------------------------------------------------------------------

    /** The name in the tables' model column (lstm-2x20, ...). */
    public String name() {
        return trained.name();
    }

    public TrainedModel.Recipe recipe() {
        return trained.recipe();
    }

    public ModelProvenance provenance() {
        return trained.provenance();
    }

    /** Every epoch trained: training loss, validation error, samples/s, seconds, rounds. */
    public List<EpochStats> trainingHistory() {
        return provenance().training().epochs();
    }

    public MultiLayerNetwork network() {
        return trained.network();
    }

    /** unique_id, scaling, center, scale of every series trained on. */
    public Dataset<Row> scalers() {
        return trained.scalers();
    }

    /** The saved form (network, recipe, scalers, linear baseline, provenance). */
    public TrainedModel trainedModel() {
        return trained;
    }

    /**
     * The models every forecast and evaluation runs: the network (an ensemble: its median, then each member), then
     * the baselines of evaluate.baselines (naive, seasonal naive, linear, the classical methods).
     */
    public List<WindowForecaster> forecasters(SparkSession spark) {
        return NetworkForecaster.withBaselines(JavaSparkContext.fromSparkContext(spark.sparkContext()), trained,
                settings().evaluation().baselines(), settings().evaluation().combineWith());
    }

    /** The run id of its tables: the runId Param, or the run that trained it. */
    public String runId() {
        String id = (String) table.get("run-id");
        return id.isEmpty() ? provenance().runId() : id;
    }

    public RnnForecastModel setRunId(String runId) {
        table.set("run-id", runId);
        return this;
    }

    /** The dataset column of the tables (data.name). */
    public RnnForecastModel setDatasetName(String name) {
        table.set("data.name", name);
        return this;
    }

    /** Observations per season of seasonal naive and MASE's scale (evaluate.season; 0: from the frequency). */
    public RnnForecastModel setSeason(int season) {
        table.set("evaluate.season", season);
        return this;
    }

    /**
     * The baselines forecast beside the model, in row order (evaluate.baselines: naive, seasonal_naive, linear,
     * naive2, ses, holt, damped, theta, comb; naive and seasonal_naive required).
     */
    public RnnForecastModel setBaselines(String... baselines) {
        table.set("evaluate.baselines", baselines);
        return this;
    }

    /**
     * Baselines (of {@link #setBaselines}) each combined with the model by the mean of their forecasts, rows
     * {@code <model>+<baseline>} (evaluate.combine-with).
     */
    public RnnForecastModel setCombineWith(String... baselines) {
        table.set("evaluate.combine-with", baselines);
        return this;
    }

    /**
     * The interval levels written (evaluate.intervals.levels): the model's calibrated ones or a subset; none: off.
     * Levels it was not calibrated at are calibrated by {@link #evaluate} on the data's validation windows, and
     * refused by {@link #transform} (no actual values to calibrate on).
     */
    public RnnForecastModel setIntervalLevels(int... levels) {
        table.set("evaluate.intervals.levels", levels);
        return this;
    }

    /** Whether {@link #evaluate} also forecasts past the end of every series (evaluate.future). */
    public RnnForecastModel setFutureForecasts(boolean future) {
        table.set("evaluate.future", future);
        return this;
    }

    public RnnForecastModel setIdCol(String column) {
        table.set("data.columns.id", column);
        return this;
    }

    public RnnForecastModel setTimeCol(String column) {
        table.set("data.columns.ds", column);
        return this;
    }

    public RnnForecastModel setValueCol(String column) {
        table.set("data.columns.y", column);
        return this;
    }

    /** Sets a configuration key that applies to a trained model (columns, season, run id, dataset name). */
    public RnnForecastModel setSetting(String key, Object value) {
        table.set(key, value);
        return this;
    }

    public Object getSetting(String key) {
        return table.get(key);
    }

    /**
     * Refuses settings that would change what this model fixes: a key of {@code resolved} (a job configuration;
     * {@code explicitKeys} the keys the user set) that would make another recipe is a ConfigProblem naming both
     * values.
     */
    public void checkSettings(com.typesafe.config.Config resolved, java.util.Set<String> explicitKeys, String where) {
        List<String> conflicts = SettingsConflicts.of(trained, resolved, explicitKeys);
        if (!conflicts.isEmpty()) {
            throw new ConfigProblem("The model in " + where + " (run " + provenance().runId() + ") was trained with"
                    + " other settings: " + String.join("; ", conflicts) + ". A model's window, split, scaling,"
                    + " repair and model settings are its own: drop these keys, or train a new model.");
        }
    }

    // ---- reading data by the model's rules ----------------------------------------------------------------------

    private ForecastSettings settings() {
        return table.forecastSettings();
    }

    /** Reads rows as this model was trained (its repair, scaling, lengths and classes), to evaluate. */
    public SeriesData ingestForEvaluation(SeriesInput input) {
        return SeriesData.ingest(SparkSession.active(), input, evaluationIngest(input));
    }

    private IngestSpec evaluationIngest(SeriesInput input) {
        ForecastSettings s = settings();
        return trained.evaluationIngest(input.format(), s.columns(), s.evaluation().season());
    }

    /** Reads new rows to forecast past their end: one input window is enough, the model's scalers where it has them. */
    public SeriesData ingestForForecast(SeriesInput input) {
        ForecastSettings s = settings();
        return SeriesData.ingest(SparkSession.active(), input, trained.forecastIngest(input.format(), s.columns(),
                s.evaluation().season()));
    }

    // ---- transform: forecasts past the end ----------------------------------------------------------------------

    /**
     * The forecasts past the end of every series of {@code dataset} (long format), lazily: {@code forecasts} rows
     * (run_id, model, unique_id, cutoff, ds, cutoff_step, ds_step, step, y_hat, y = null, and the lo/hi maps of the
     * prediction intervals from the model's calibration) for the network and its baselines. Series seen in
     * training use the scalers fitted then, new ones are scaled by their own history;
     * series shorter than one input window or with rows no rule can use are left out (use {@link #forecast} for
     * the counted rejects).
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        classifierRefused();
        SparkSession spark = dataset.sparkSession();
        SeriesInput input = SeriesInput.of(dataset);
        ForecastSettings s = settings();
        SeriesIngest ingest = new SeriesIngest(spark, trained.forecastIngest(null, s.columns(),
                s.evaluation().season()));
        TimeKind kind = ingest.timeKind(input.rows(), input.source());
        checkTimeKind(input.source(), kind);
        Dataset<Row> series = AssembledSeries.withScalersFrom(ingest.usedSeries(input.rows(), input.source()),
                scalers());
        return EvaluationTables.forecasts(futurePredictions(spark, series), runId(), kind != TimeKind.STEP);
    }

    /** What {@link #forecast} made: the forecasts rows and how many of the series the model never saw. */
    public record Forecasts(Dataset<Row> forecasts, long newSeries, SeriesData data) {
    }

    /**
     * The forecasts past the end of every series of {@code data} ({@link #ingestForForecast}), with the count of
     * series never seen in training; the series too short or unusable are in {@code data}'s counted rejects.
     */
    public Forecasts forecast(SeriesData data) {
        classifierRefused();
        checkTimeKind(data.input().source(), data.timeKind());
        Dataset<Row> series = AssembledSeries.withScalersFrom(data.series(), scalers());
        long newSeries = data.series().join(scalers(), data.series().col(AssembledSeries.UNIQUE_ID)
                .equalTo(scalers().col(AssembledSeries.UNIQUE_ID)), "left_anti").count();
        SparkSession spark = SparkSession.active();
        return new Forecasts(EvaluationTables.forecasts(futurePredictions(spark, series), runId(),
                data.timeKind() != TimeKind.STEP), newSeries, data);
    }

    /** The forecasts past the end, with the intervals of the saved calibration ({@link Intervals#saved}). */
    private Dataset<Row> futurePredictions(SparkSession spark, Dataset<Row> series) {
        List<WindowForecaster> models = forecasters(spark);
        IntervalSpec spec = settings().evaluation().intervals();
        IntervalCalibration calibration = spec.on() ? Intervals.saved(trained.calibration(), names(models), spec,
                " of run " + provenance().runId()) : null;
        List<Integer> levels = levels(calibration, spec);
        return withOwnIntervals(PredictionIntervals.attach(spark, ForecastRows.predictions(spark, models,
                trained.horizon(), windows(series, recipe()).futureWindows(), Intervals.scaleSteps(calibration)),
                calibration, levels), spec, levels);
    }

    /**
     * With evaluate.intervals.method = quantiles, the quantile network's rows with the intervals of its own
     * quantiles ({@link PredictionIntervals#fromQuantiles}); refused (exit 2) when its quantiles lack a level's
     * bounds, which a model loaded for evaluate or predict may, whatever the configuration it was trained with.
     */
    private Dataset<Row> withOwnIntervals(Dataset<Row> predictions, IntervalSpec spec, List<Integer> levels) {
        if (spec.method() != IntervalSpec.Method.QUANTILES) {
            return predictions;
        }
        String missing = spec.quantilesMissing(trained.recipe().model().quantiles());
        if (missing != null) {
            throw new ConfigProblem(missing);
        }
        return PredictionIntervals.fromQuantiles(predictions, levels);
    }

    private static List<String> names(List<WindowForecaster> models) {
        return models.stream().map(WindowForecaster::name).toList();
    }

    /** The levels written: the spec's, none without a calibration. */
    private static List<Integer> levels(IntervalCalibration calibration, IntervalSpec spec) {
        return calibration == null ? List.of() : spec.levels();
    }

    /**
     * This model with its forecasters' intervals calibrated on the validation windows of {@code windows} (the
     * series it was fitted on, cut by its recipe), when evaluate.intervals is on; saved with it.
     */
    RnnForecastModel calibratedOn(WindowedSeries windows) {
        IntervalSpec spec = settings().evaluation().intervals();
        if (!spec.on()) {
            return this;
        }
        SparkSession spark = SparkSession.active();
        IntervalCalibration calibration = Intervals.calibrate(spark, forecasters(spark), trained.horizon(), windows,
                spec, spec.scaleSteps(trained.horizon()));
        if (calibration == null) {
            return this;
        }
        RnnForecastModel model = new RnnForecastModel(uid, trained.withCalibration(calibration)).fittedOn(fittedOn);
        table.copyTo(model.table);
        return model;
    }

    /**
     * The calibration an evaluation uses: the saved one where it has the forecaster and the levels, the others'
     * from the evaluated data's validation windows ({@link Intervals}); null when there is none at all.
     */
    private IntervalCalibration evaluationCalibration(SparkSession spark, List<WindowForecaster> models,
                                                      WindowedSeries windows, IntervalSpec spec) {
        IntervalCalibration saved = trained.calibration();
        int scaleSteps = spec.scaleSteps(trained.horizon());
        boolean usable = saved != null && saved.hasLevels(spec.levels()) && Intervals.sameCalibration(saved, spec,
                windows, scaleSteps);
        if (usable && saved.missing(names(models)).isEmpty()) {
            return saved;
        }
        // only the forecasters the saved calibration lacks (and the members they combine) forecast again
        List<WindowForecaster> lacking = usable ? CombinedForecaster.needed(models, saved.missing(names(models)))
                : models;
        IntervalCalibration fresh = Intervals.calibrate(spark, lacking, trained.horizon(), windows, spec, scaleSteps);
        IntervalCalibration calibration = fresh == null ? (usable ? saved : null)
                : usable ? fresh.with(saved) : fresh;
        if (calibration != null) {
            Intervals.warnMissing(calibration, names(models), spec);
        }
        return calibration;
    }

    private void classifierRefused() {
        if (recipe().task().classifies()) {
            throw new ConfigProblem("forecasts past the end of each series need a forecaster; this model is a"
                    + " classifier (task = " + recipe().task().key() + "): use evaluate, which labels the test"
                    + " split");
        }
    }

    /** Integer steps and calendar times do not mix: forecasting dates with a model trained on steps (or back). */
    private void checkTimeKind(String source, TimeKind kind) {
        String trainedOn = provenance().trainingData().timeKind();
        boolean trainedOnSteps = TimeKind.STEP.name().equals(trainedOn);
        if (trainedOnSteps != (kind == TimeKind.STEP)) {
            throw new ConfigProblem("The ds column of " + source + " holds " + kind.name().toLowerCase(Locale.ROOT)
                    + " values but the model was trained on " + trainedOn.toLowerCase(Locale.ROOT) + " values");
        }
    }

    // ---- evaluation ---------------------------------------------------------------------------------------------

    /** The test split of {@code dataset}'s series, read by the model's rules, evaluated (nothing written). */
    public Evaluation evaluate(Dataset<?> dataset) {
        SeriesData data = ingestForEvaluation(SeriesInput.of(dataset));
        try {
            return evaluate(data, recipe()).owning(data);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /**
     * The test split of {@code data} evaluated: series read by this model's rules (those it was trained on, say:
     * then the input is read once); read by other rules they are read again from their input.
     */
    public Evaluation evaluate(SeriesData data) {
        if (!data.readBy(evaluationIngest(data.input()))) {
            SeriesData reread = ingestForEvaluation(data.input());
            return evaluate(reread, recipe()).owning(reread);
        }
        return evaluate(data, recipe());
    }

    /**
     * The rolling-origin evaluation: every series of {@code dataset} (a time split's model) forecast from each of
     * its last {@code cutoffs} origins, one horizon apart, and scored (the forecasts table has each origin's
     * cutoff). More origins than the model was tested on would score windows it trained on, so on the training
     * data itself (same fingerprint) they are refused.
     */
    public Evaluation crossValidate(Dataset<?> dataset, int cutoffs) {
        TrainedModel.Recipe recipe = recipe();
        if (recipe.split().mode() != io.rnnforecast.window.SplitSpec.Mode.TIME) {
            throw new ConfigProblem("crossValidate needs a model trained with split.mode = time (its rolling origins"
                    + " are each series' last horizons); this one splits by " + recipe.split().mode().key());
        }
        TrainedModel.Recipe atCutoffs = recipe.withCutoffs(cutoffs);
        SeriesInput input = SeriesInput.of(dataset);
        ForecastSettings s = settings();
        SeriesData data = SeriesData.ingest(dataset.sparkSession(), input, atCutoffs.ingest(null, s.columns(),
                s.evaluation().season()));
        try {
            var seen = provenance().trainingData();
            if (cutoffs > recipe.split().cutoffs() && seen.rowsRead() == data.counts().rowsRead()
                    && seen.seriesRead() == data.counts().seriesRead()
                    && seen.schema().equals(data.ingested().inputSchema())) {
                throw new ConfigProblem("crossValidate with " + cutoffs + " origins on the data the model was trained"
                        + " on would score windows it trained on (it was tested on the last "
                        + recipe.split().cutoffs() + "); use at most " + recipe.split().cutoffs() + ", or newer data");
            }
            return evaluate(data, atCutoffs).owning(data);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    private Evaluation evaluate(SeriesData data, TrainedModel.Recipe recipe) {
        SparkSession spark = SparkSession.active();
        ForecastSettings s = settings();
        String runId = runId();
        String dataset = s.datasetName();
        // the scalers fitted in training; the series it was fitted on already carry them (no join)
        Dataset<Row> series = data == fittedOn ? data.series()
                : AssembledSeries.withScalersFrom(data.series(), scalers());
        WindowedSeries windows = windows(series, recipe);
        if (recipe.task().classifies()) {
            return classify(spark, data, windows, runId, dataset).of(this, series);
        }
        List<WindowForecaster> models = forecasters(spark);
        IntervalSpec spec = s.evaluation().intervals();
        IntervalCalibration calibration = spec.on() ? evaluationCalibration(spark, models, windows, spec) : null;
        List<Integer> levels = levels(calibration, spec);
        List<Dataset<Row>> cached = new ArrayList<>();
        Dataset<Row> predictions = withOwnIntervals(Intervals.predictions(spark, models, trained.horizon(), windows,
                s.evaluation().future(), calibration, levels, recipe.split(), spec, cached), spec, levels)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> scored = predictions.where(col(Prediction.Y).isNotNull());
        if (scored.isEmpty()) {
            predictions.unpersist();
            cached.forEach(Dataset::unpersist);
            throw new IllegalStateException("The test split of " + data.input().source() + " has no windows to"
                    + " evaluate (split.test = " + recipe.split().test() + ")");
        }
        // computed once: written, aggregated into the summary and ranked for the plots
        List<Double> quantiles = trained.recipe().model().quantiles();
        Dataset<Row> metrics = EvaluationTables.seriesMetrics(scored, runId, dataset, levels, quantiles)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> summary = EvaluationTables.summary(scored, metrics, runId, dataset, Split.TEST.label(), levels,
                quantiles);
        Dataset<Row> forecasts = EvaluationTables.forecasts(predictions, runId, data.timeKind() != TimeKind.STEP);
        return Evaluation.ofForecasts(runId, summary, metrics, forecasts, predictions, data).freeing(cached)
                .of(this, series);
    }

    /**
     * A classifier's evaluation: the test split's labels on the executors and the metrics, with the majority
     * baseline (the most frequent class of the training windows' labels).
     */
    private Evaluation classify(SparkSession spark, SeriesData data, WindowedSeries windows, String runId,
                                String dataset) {
        List<String> classes = recipe().classes();
        Dataset<Row> labels = new Classifier(spark).labels(trained, windows.windows(Split.TEST))
                .persist(StorageLevel.MEMORY_AND_DISK());
        if (labels.isEmpty()) {
            labels.unpersist();
            throw new IllegalStateException("The test split of " + data.input().source() + " has no windows to"
                    + " evaluate (split.test = " + recipe().split().test() + ")");
        }
        String majority = classes.get(windows.classCounts(Split.TRAIN, classes.size()).mostFrequent());
        Dataset<Row> metrics = ClassificationTables.metrics(spark, labels, runId, dataset, Split.TEST.label(),
                recipe().task().key(), classes, majority);
        Dataset<Row> labelRows = ClassificationTables.labels(labels, runId, data.timeKind() != TimeKind.STEP);
        return Evaluation.ofLabels(runId, metrics, labelRows, labels, data);
    }

    private static WindowedSeries windows(Dataset<Row> series, TrainedModel.Recipe recipe) {
        return new WindowedSeries(series, recipe.window(), recipe.split(), recipe.task(),
                recipe.covariates());
    }

    // ---- Spark ML -----------------------------------------------------------------------------------------------

    /** The forecasts schema, after checking that {@code schema} has the id, time and value columns. */
    @Override
    public StructType transformSchema(StructType schema) {
        return checkInput(schema, table);
    }

    /** The forecasts table's columns (what {@link #transform} returns), once the input has the needed columns. */
    static StructType checkInput(StructType schema, ParamTable table) {
        List<String> have = Arrays.asList(schema.fieldNames());
        for (String key : List.of("data.columns.id", "data.columns.ds", "data.columns.y")) {
            String column = (String) table.get(key);
            if (!have.contains(column)) {
                throw new IllegalArgumentException("The input has no column '" + column + "' (" + key + "; columns: "
                        + String.join(", ", have) + ")");
            }
        }
        return FORECASTS_SCHEMA;
    }

    private static final org.apache.spark.sql.types.MapType LEVEL_MAP = DataTypes.createMapType(
            DataTypes.IntegerType, DataTypes.DoubleType, true);
    static final StructType FORECASTS_SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("run_id", DataTypes.StringType, false),
            DataTypes.createStructField("model", DataTypes.StringType, false),
            DataTypes.createStructField("unique_id", DataTypes.StringType, false),
            DataTypes.createStructField("cutoff", DataTypes.TimestampType, true),
            DataTypes.createStructField("ds", DataTypes.TimestampType, true),
            DataTypes.createStructField("cutoff_step", DataTypes.LongType, true),
            DataTypes.createStructField("ds_step", DataTypes.LongType, true),
            DataTypes.createStructField("step", DataTypes.IntegerType, false),
            DataTypes.createStructField("y_hat", DataTypes.DoubleType, false),
            DataTypes.createStructField("y", DataTypes.DoubleType, true),
            DataTypes.createStructField(PredictionIntervals.LO, LEVEL_MAP, true),
            DataTypes.createStructField(PredictionIntervals.HI, LEVEL_MAP, true),
            DataTypes.createStructField(Prediction.QUANTILES, DataTypes.createMapType(DataTypes.StringType,
                    DataTypes.DoubleType, true), true)});

    @Override
    public RnnForecastModel copy(ParamMap extra) {
        RnnForecastModel copy = new RnnForecastModel(uid, trained);
        table.copyTo(copy.table);
        return copyValues(copy, extra).setParent(parent());
    }

    /** This model with its scalers cached on their own (they no longer depend on the series they came from). */
    RnnForecastModel withScalersMaterialized() {
        Dataset<Row> scalers = trained.scalers().persist(StorageLevel.MEMORY_AND_DISK());
        scalers.count();
        RnnForecastModel model = new RnnForecastModel(uid, new TrainedModel(trained.networks(), trained.recipe(),
                scalers, trained.linear(), trained.provenance(), trained.calibration()));
        table.copyTo(model.table);
        return model.setParent(parent());
    }

    /**
     * Writes the model directory at {@code path} in place (a retrain into the same directory replaces the model
     * and keeps its checkpoints/), with Spark ML's metadata beside it.
     */
    @Override
    public void save(String path) {
        writeDirectory(SparkSession.active(), path);
    }

    @Override
    public MLWriter write() {
        RnnForecastModel model = this;
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                model.writeDirectory(sparkSession(), path);
            }
        };
    }

    private void writeDirectory(SparkSession spark, String path) {
        new ModelStore(spark, path).save(trained);
        try {
            Path metadata = new Path(path, "metadata");
            metadata.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(metadata, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace the metadata in " + path + ": " + e.getMessage(), e);
        }
        DefaultParamsWriter.saveMetadata(this, path, spark.sparkContext(), Option.empty(), Option.empty());
    }

    public static MLReader<RnnForecastModel> read() {
        return new MLReader<>() {
            @Override
            public RnnForecastModel load(String path) {
                return RnnForecastModel.load(sparkSession(), path);
            }
        };
    }

    /**
     * The model in {@code path}: a directory written by {@link #save}, a PipelineModel's stage, or the
     * {@code train} command's {@code train.model-dir}. Its Params are the settings it was trained with.
     */
    public static RnnForecastModel load(String path) {
        return load(SparkSession.active(), path);
    }

    static RnnForecastModel load(SparkSession spark, String path) {
        TrainedModel trained = new ModelStore(spark, path).load();
        RnnForecastModel model = new RnnForecastModel(org.apache.spark.ml.util.Identifiable$.MODULE$.randomUID(
                "rnnForecastModel"), trained);
        model.table.setAll(ConfigFactory.parseString(trained.provenance().configJson()).resolve());
        return model;
    }
}
