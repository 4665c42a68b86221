package io.rnnforecast.job;

import io.rnnforecast.api.ClusterEvents;
import io.rnnforecast.api.Evaluation;
import io.rnnforecast.api.RnnForecastModel;
import io.rnnforecast.api.SeriesData;
import io.rnnforecast.output.ResultTable;
import io.rnnforecast.output.ResultTables;
import io.rnnforecast.output.RunRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Instant;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Writes a model's evaluation (the API's {@link Evaluation}) to the result tables, and, with output.plots, the
 * run's plots; the {@code evaluate} command loads the model and reads data.path by the model's rules first.
 */
final class EvaluateStep {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateStep.class);

    private EvaluateStep() {
    }

    /** The {@code evaluate} command. */
    static Dataset<Row> run(SparkSession spark, JobConfig config, ClusterEvents events) {
        Instant started = Instant.now();
        RnnForecastModel model = loadChecked(config);
        try (SeriesData data = model.ingestForEvaluation(config.input(spark))) {
            return write(spark, config, model, data, RunRecord.Command.EVALUATE, started, events.mark());
        }
    }

    /** The model in train.model-dir with this configuration's evaluation settings, checked against its own. */
    static RnnForecastModel loadChecked(JobConfig config) {
        return config.configure(RnnForecastModel.load(config.modelDir()));
    }

    /**
     * Evaluates {@code model} on the test split of {@code data} and writes the tables: summary, series_metrics and
     * forecasts (a classifier: labels and classification_metrics), epochs, rejects and runs; returns this run's
     * headline rows as written.
     */
    static Dataset<Row> write(SparkSession spark, JobConfig config, RnnForecastModel model, SeriesData data,
                              RunRecord.Command command, Instant started, ClusterEvents.Mark mark) {
        try (Evaluation evaluation = model.evaluate(data)) {
            String runId = evaluation.runId();
            ResultTables tables = config.resultTables(spark);
            ResultTable headline;
            if (evaluation.classifies()) {
                tables.write(ResultTable.LABELS, runId, evaluation.labels());
                headline = ResultTable.CLASSIFICATION_METRICS;
                tables.write(headline, runId, evaluation.classificationMetrics().coalesce(1));
            } else {
                tables.write(ResultTable.SERIES_METRICS, runId, evaluation.seriesMetrics());
                headline = ResultTable.SUMMARY;
                tables.write(headline, runId, evaluation.summary().coalesce(1));
                tables.write(ResultTable.FORECASTS, runId, evaluation.forecasts());
            }
            tables.writeEpochs(runId, model.trainingHistory(), model.recipe().task());
            writeRejectsAndRun(spark, tables, runId, command, model, config.data().name(), started, data, mark);
            if (config.plots() && !evaluation.classifies()) {
                evaluation.writePlots(spark, config.outputRoot());
            }
            LOG.info("evaluated run {} -> {}", runId, config.outputRoot());
            return tables.read(headline).where(col("run_id").equalTo(runId));
        }
    }

    /** The rejects of this run's input and its row in {@code runs}, with the model's training figures. */
    static void writeRejectsAndRun(SparkSession spark, ResultTables tables, String runId, RunRecord.Command command,
                                   RnnForecastModel model, String dataset, Instant started, SeriesData data,
                                   ClusterEvents.Mark mark) {
        tables.write(ResultTable.REJECTS, runId, data.rejects().select(lit(runId).as("run_id"), col("unique_id"),
                col("reason"), col("n_rows")).coalesce(1));
        tables.writeRun(new RunRecord(runId, command, dataset, Timestamp.from(started), Timestamp.from(Instant.now()),
                SparkSessions.executors(spark), model.provenance(), model.recipe().task(), mark.executorsLost(),
                mark.failedTasks(), data.counts()));
    }
}
