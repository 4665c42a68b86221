package io.rnnforecast.job;

import io.rnnforecast.eval.EvaluationTables;
import io.rnnforecast.eval.Forecaster;
import io.rnnforecast.eval.ResultTables;
import io.rnnforecast.eval.RunRecord;
import io.rnnforecast.train.ModelProvenance;
import io.rnnforecast.train.ModelStore;
import io.rnnforecast.train.TrainingReport;
import io.rnnforecast.window.Split;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Instant;

import static org.apache.spark.sql.functions.col;

/** Loads the saved model, forecasts the test split on the executors and writes the three result tables. */
final class EvaluateStep {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateStep.class);

    private EvaluateStep() {
    }

    /** Returns the summary rows of this run, as written. */
    static Dataset<Row> run(SparkSession spark, JobConfig config) {
        ModelStore store = new ModelStore(spark.sparkContext().hadoopConfiguration(), config.modelDir());
        MultiLayerNetwork network = store.loadNetwork();
        ModelProvenance provenance = store.loadProvenance();
        String runId = config.runId().isEmpty() ? provenance.runId() : config.runId();
        String dataset = config.data().name();
        int horizon = (int) network.layerSize(network.getnLayers() - 1);
        if (horizon != config.window().horizon()) {
            throw new ConfigProblem("window.horizon is " + config.window().horizon() + " but the model in "
                    + config.modelDir() + " forecasts " + horizon + " steps");
        }
        Dataset<Row> predictions = new Forecaster(spark)
                .predictions(network, provenance.model(), TrainStep.windows(spark, config).windows(Split.TEST))
                .persist(StorageLevel.MEMORY_AND_DISK());
        if (predictions.isEmpty()) {
            throw new IllegalStateException("The test split of " + config.data().path() + " has no windows to"
                    + " evaluate (split.test = " + config.split().test() + ")");
        }
        ResultTables tables = new ResultTables(spark, config.outputRoot());
        tables.write(ResultTables.SERIES_METRICS, EvaluationTables.seriesMetrics(predictions, runId, dataset));
        tables.write(ResultTables.SUMMARY, EvaluationTables.summary(predictions, runId, dataset,
                Split.TEST.label(), horizon).coalesce(1));
        predictions.unpersist();
        TrainingReport training = provenance.training();
        tables.writeRun(new RunRecord(runId, provenance.model(), dataset,
                Timestamp.from(Instant.parse(provenance.startedAt())), Timestamp.from(Instant.now()),
                provenance.configJson(), provenance.codeVersion(), provenance.sparkMaster(),
                SparkSessions.executors(spark), training.workers(), training.trainExamples(),
                training.samplesPerSecond(), training.wallSeconds(), training.finalValidationMse()));
        LOG.info("evaluated run {} -> {}", runId, config.outputRoot());
        return tables.read(ResultTables.SUMMARY).where(col("run_id").equalTo(runId));
    }
}
