package io.rnnforecast.job;

import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.ingest.TimeKind;
import io.rnnforecast.eval.EvaluationTables;
import io.rnnforecast.eval.Forecaster;
import io.rnnforecast.output.ResultTables;
import io.rnnforecast.output.RunRecord;
import io.rnnforecast.windowrdd.WindowedSeries;
import io.rnnforecast.train.ModelProvenance;
import io.rnnforecast.train.ModelStore;
import io.rnnforecast.train.TrainingReport;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.Window;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Instant;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/** Loads the saved model, forecasts the test split (and past the end) on the executors, writes the result tables. */
final class EvaluateStep {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateStep.class);

    private EvaluateStep() {
    }

    /** The {@code evaluate} command: loads the model, ingests data.path and evaluates. */
    static Dataset<Row> run(SparkSession spark, JobConfig config, ClusterEvents events) {
        ModelStore store = new ModelStore(spark.sparkContext().hadoopConfiguration(), config.modelDir());
        TrainStep.Trained trained = new TrainStep.Trained(store.loadNetwork(), store.loadProvenance());
        checkHorizon(config, trained.network());
        SeriesIngest.Ingested ingested = SeriesSource.ingest(spark, config);
        try {
            return evaluate(spark, config, ingested, withStoredScalers(spark, store, ingested.series()), trained,
                    events);
        } finally {
            ingested.release();
        }
    }

    /**
     * Forecasts the test split (and past the end) of {@code series} with the trained network on the executors and
     * writes the result tables; returns this run's summary rows as written. {@code run} calls this with the series
     * it trained on, so the input is read once.
     */
    static Dataset<Row> evaluate(SparkSession spark, JobConfig config, SeriesIngest.Ingested ingested,
                                 Dataset<Row> series, TrainStep.Trained trained, ClusterEvents events) {
        int lostBefore = events.executorsLost();
        int failedBefore = events.failedTasks();
        MultiLayerNetwork network = trained.network();
        ModelProvenance provenance = trained.provenance();
        String runId = config.runId().isEmpty() ? provenance.runId() : config.runId();
        String dataset = config.data().name();
        int horizon = checkHorizon(config, network);
        WindowedSeries windows = SeriesSource.windows(series, config);
        JavaRDD<Window> toForecast = windows.windows(Split.TEST);
        if (config.futureForecasts()) {
            toForecast = toForecast.union(windows.futureWindows());
        }
        Dataset<Row> predictions = new Forecaster(spark).predictions(network, provenance.model(), toForecast)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> scored = predictions.where(col("y").isNotNull());
        if (scored.isEmpty()) {
            throw new IllegalStateException("The test split of " + config.data().path() + " has no windows to"
                    + " evaluate (split.test = " + config.split().test() + ")");
        }
        ResultTables tables = new ResultTables(spark, config.outputRoot());
        tables.write(ResultTables.SERIES_METRICS, runId, EvaluationTables.seriesMetrics(scored, runId, dataset));
        tables.write(ResultTables.SUMMARY, runId, EvaluationTables.summary(scored, runId, dataset, Split.TEST.label(),
                horizon).coalesce(1));
        tables.write(ResultTables.FORECASTS, runId, EvaluationTables.forecasts(predictions, runId,
                ingested.timeKind() != TimeKind.STEP));
        tables.write(ResultTables.REJECTS, runId, ingested.rejects().select(lit(runId).as("run_id"), col("unique_id"),
                col("reason"), col("n_rows")).coalesce(1));
        predictions.unpersist();
        TrainingReport training = provenance.training();
        tables.writeRun(new RunRecord(runId, provenance.model(), dataset,
                Timestamp.from(Instant.parse(provenance.startedAt())), Timestamp.from(Instant.now()),
                provenance.configJson(), provenance.codeVersion(), provenance.sparkMaster(),
                SparkSessions.executors(spark), training.workers(), training.trainExamples(),
                training.samplesPerSecond(), training.wallSeconds(), training.finalValidationMse(),
                training.roundsPerEpoch(), training.meanRoundOverheadSeconds(),
                provenance.executorsLost() + events.executorsLost() - lostBefore,
                provenance.failedTasks() + events.failedTasks() - failedBefore, ingested.counts()));
        LOG.info("evaluated run {} -> {}", runId, config.outputRoot());
        return tables.read(ResultTables.SUMMARY).where(col("run_id").equalTo(runId));
    }

    private static int checkHorizon(JobConfig config, MultiLayerNetwork network) {
        int horizon = (int) network.layerSize(network.getnLayers() - 1);
        if (horizon != config.window().horizon()) {
            throw new ConfigProblem("window.horizon is " + config.window().horizon() + " but the model in "
                    + config.modelDir() + " forecasts " + horizon + " steps");
        }
        return horizon;
    }

    /** The scalers saved with the model win; a series the model has none for keeps the one fitted now. */
    private static Dataset<Row> withStoredScalers(SparkSession spark, ModelStore store, Dataset<Row> series) {
        Dataset<Row> stored = spark.read().parquet(store.scalersPath()).select(col("unique_id"),
                col("scaling").as("stored_scaling"), col("center").as("stored_center"),
                col("scale").as("stored_scale"));
        return series.join(stored, series.col("unique_id").equalTo(stored.col("unique_id")), "left")
                .select(series.col("unique_id"), col("values"), col("start_key"), col("freq_every"), col("freq_unit"),
                        coalesce(col("stored_scaling"), col("scaling")).as("scaling"),
                        coalesce(col("stored_center"), col("center")).as("center"),
                        coalesce(col("stored_scale"), col("scale")).as("scale"));
    }
}
