package io.rnnforecast.job;

import io.rnnforecast.eval.ClassificationTables;
import io.rnnforecast.eval.Classifier;
import io.rnnforecast.eval.EvaluationTables;
import io.rnnforecast.eval.Forecaster;
import io.rnnforecast.eval.Prediction;
import io.rnnforecast.ingest.AssembledSeries;
import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.ingest.TimeKind;
import io.rnnforecast.output.ResultTables;
import io.rnnforecast.output.RunRecord;
import io.rnnforecast.plots.PlotInputs;
import io.rnnforecast.plots.RunPlots;
import io.rnnforecast.store.ModelProvenance;
import io.rnnforecast.store.ModelStore;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.train.TrainingReport;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.Window;
import io.rnnforecast.windowrdd.WindowedSeries;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Forecasts the test split (and past the end) with a trained model on the executors and writes the result tables
 * (and, with output.plots, the run's plots). Windows, split, scaling and repair come from the model, never from the
 * command line.
 */
final class EvaluateStep {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateStep.class);

    private EvaluateStep() {
    }

    /** The {@code evaluate} command: loads the model, reads data.path by the model's rules and evaluates. */
    static Dataset<Row> run(SparkSession spark, JobConfig config, ClusterEvents events) {
        Instant started = Instant.now();
        TrainedModel model = loadChecked(spark, config);
        SeriesIngest.Ingested ingested = SeriesSource.ingest(spark, config, model.evaluationIngest(config.data(),
                config.evaluation().season()));
        try {
            return evaluate(spark, config, ingested, AssembledSeries.withScalersFrom(ingested.series(),
                    model.scalers()), model, "evaluate", started, events);
        } finally {
            ingested.release();
        }
    }

    /** The model in train.model-dir, after checking the user set none of its settings to other values. */
    static TrainedModel loadChecked(SparkSession spark, JobConfig config) {
        TrainedModel model = new ModelStore(spark, config.modelDir()).load();
        ModelSettingsCheck.check(config, model);
        return model;
    }

    /**
     * Forecasts the test split (and past the end) of {@code series} with {@code model} and writes the result
     * tables; returns this run's summary rows as written. {@code run} calls this with the series it trained on, so
     * the input is read once.
     */
    static Dataset<Row> evaluate(SparkSession spark, JobConfig config, SeriesIngest.Ingested ingested,
                                 Dataset<Row> series, TrainedModel model, String command, Instant started,
                                 ClusterEvents events) {
        ClusterEvents.Mark mark = events.mark();
        String runId = config.runId().isEmpty() ? model.provenance().runId() : config.runId();
        String dataset = config.data().name();
        WindowedSeries windows = SeriesSource.windows(series, model.recipe());
        if (model.recipe().task().classifies()) {
            return classify(spark, config, ingested, windows, model, runId, command, started, mark);
        }
        JavaRDD<Window> toForecast = windows.windows(Split.TEST);
        if (config.futureForecasts()) {
            toForecast = toForecast.union(windows.futureWindows());
        }
        Dataset<Row> predictions = new Forecaster(spark).predictions(model, toForecast)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> scored = predictions.where(col(Prediction.Y).isNotNull());
        if (scored.isEmpty()) {
            throw new IllegalStateException("The test split of " + config.data().path() + " has no windows to"
                    + " evaluate (split.test = " + model.recipe().split().test() + ")");
        }
        ResultTables tables = config.resultTables(spark);
        // computed once: written, aggregated into the summary and ranked for the plots
        Dataset<Row> metrics = EvaluationTables.seriesMetrics(scored, runId, dataset)
                .persist(StorageLevel.MEMORY_AND_DISK());
        tables.write(ResultTables.SERIES_METRICS, runId, metrics);
        tables.write(ResultTables.SUMMARY, runId, EvaluationTables.summary(scored, metrics, runId, dataset,
                Split.TEST.label()).coalesce(1));
        tables.write(ResultTables.FORECASTS, runId, EvaluationTables.forecasts(predictions, runId,
                ingested.timeKind() != TimeKind.STEP));
        tables.writeEpochs(runId, model.provenance().training().epochs());
        writeRejectsAndRun(tables, runId, command, model, dataset, started, ingested, spark, mark);
        if (config.plots()) {
            RunPlots.write(spark, config.outputRoot(), new PlotInputs(runId, model.name(),
                    model.recipe().model().loss().name(), model.provenance().training().epochs(),
                    metrics, series,
                    predictions, model.recipe().window().input()));
        }
        metrics.unpersist();
        predictions.unpersist();
        LOG.info("evaluated run {} -> {}", runId, config.outputRoot());
        return tables.read(ResultTables.SUMMARY).where(col("run_id").equalTo(runId));
    }

    /**
     * A classifier's evaluation: the test split's labels on the executors, the {@code labels} and
     * {@code classification_metrics} tables (with the majority baseline: the most frequent class of the training
     * windows' labels), rejects, runs and epochs; returns this run's metrics rows.
     */
    private static Dataset<Row> classify(SparkSession spark, JobConfig config, SeriesIngest.Ingested ingested,
                                         WindowedSeries windows, TrainedModel model, String runId, String command,
                                         Instant started, ClusterEvents.Mark mark) {
        String dataset = config.data().name();
        List<String> classes = model.recipe().classes();
        Dataset<Row> labels = new Classifier(spark).labels(model, windows.windows(Split.TEST))
                .persist(StorageLevel.MEMORY_AND_DISK());
        if (labels.isEmpty()) {
            throw new IllegalStateException("The test split of " + config.data().path() + " has no windows to"
                    + " evaluate (split.test = " + model.recipe().split().test() + ")");
        }
        ResultTables tables = config.resultTables(spark);
        tables.write(ResultTables.LABELS, runId, ClassificationTables.labels(labels, runId,
                ingested.timeKind() != TimeKind.STEP));
        String majority = classes.get(windows.classCounts(Split.TRAIN, classes.size()).mostFrequent());
        tables.write(ResultTables.CLASSIFICATION_METRICS, runId, ClassificationTables.metrics(spark, labels, runId,
                dataset, Split.TEST.label(), model.recipe().task().key(), classes, majority).coalesce(1));
        tables.writeEpochs(runId, model.provenance().training().epochs());
        writeRejectsAndRun(tables, runId, command, model, dataset, started, ingested, spark, mark);
        labels.unpersist();
        LOG.info("evaluated run {} -> {}", runId, config.outputRoot());
        return tables.read(ResultTables.CLASSIFICATION_METRICS).where(col("run_id").equalTo(runId));
    }

    /** The rejects of this run's ingestion and its row in {@code runs}, with the model's training figures. */
    static void writeRejectsAndRun(ResultTables tables, String runId, String command, TrainedModel model,
                                   String dataset, Instant started, SeriesIngest.Ingested ingested,
                                   SparkSession spark, ClusterEvents.Mark mark) {
        tables.write(ResultTables.REJECTS, runId, ingested.rejects().select(lit(runId).as("run_id"),
                col("unique_id"), col("reason"), col("n_rows")).coalesce(1));
        ModelProvenance provenance = model.provenance();
        TrainingReport training = provenance.training();
        tables.writeRun(new RunRecord(runId, command, provenance.runId(), provenance.model(), dataset,
                Timestamp.from(started), Timestamp.from(Instant.now()), provenance.configJson(),
                provenance.versions().code(), provenance.sparkMaster(), SparkSessions.executors(spark),
                training.workers(), training.trainExamples(), training.samplesPerSecond(), training.wallSeconds(),
                training.finalValidationMse(), training.epochs().size(), training.bestEpoch(),
                training.resumedAfterEpoch(), training.stopReason(), training.roundsPerEpoch(),
                training.meanRoundOverheadSeconds(),
                provenance.executorsLost() + mark.executorsLost(), provenance.failedTasks() + mark.failedTasks(),
                ingested.counts()));
    }
}
