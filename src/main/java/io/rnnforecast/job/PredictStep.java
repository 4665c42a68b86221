package io.rnnforecast.job;

import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.eval.EvaluationTables;
import io.rnnforecast.eval.Forecaster;
import io.rnnforecast.ingest.AssembledSeries;
import io.rnnforecast.ingest.IngestCounts;
import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.ingest.TimeKind;
import io.rnnforecast.output.ResultTables;
import io.rnnforecast.store.TrainedModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The {@code predict} command: a saved model forecasts the horizon past the end of every series in data.path
 * (new data, read by the model's repair and scaling rules), at real future timestamps on each series' own grid.
 * Series seen in training use the scalers fitted then; new series are scaled by their own history; a series
 * shorter than one input window is a counted {@code too_short} reject. Writes this run's {@code forecasts},
 * {@code rejects} and {@code runs} rows; nothing is collected to the driver.
 */
final class PredictStep {
    private static final Logger LOG = LoggerFactory.getLogger(PredictStep.class);

    private PredictStep() {
    }

    /** What a predict run did: its id, the series forecast, how many of them the model had never seen, counts. */
    record Outcome(String runId, long seriesForecast, long newSeries, IngestCounts counts) {
    }

    static Outcome run(SparkSession spark, JobConfig config, ClusterEvents events) {
        Instant started = Instant.now();
        ClusterEvents.Mark mark = events.mark();
        TrainedModel model = EvaluateStep.loadChecked(spark, config);
        if (model.recipe().task().classifies()) {
            throw new ConfigProblem("predict forecasts past the end of each series; the model in "
                    + config.modelDir() + " is a classifier (task = " + model.recipe().task().key() + "): use evaluate,"
                    + " which labels the test split into the labels table");
        }
        SeriesIngest.Ingested ingested = SeriesSource.ingest(spark, config, model.forecastIngest(config.data(),
                config.evaluation().season()));
        try {
            checkTimeKind(config, model, ingested.timeKind());
            Dataset<Row> series = AssembledSeries.withScalersFrom(ingested.series(), model.scalers());
            long newSeries = ingested.series().join(model.scalers(), ingested.series().col(AssembledSeries.UNIQUE_ID)
                    .equalTo(model.scalers().col(AssembledSeries.UNIQUE_ID)), "left_anti").count();
            Dataset<Row> predictions = new Forecaster(spark).predictions(model,
                    SeriesSource.windows(series, model.recipe()).futureWindows());
            String runId = config.runId();
            ResultTables tables = config.resultTables(spark);
            tables.write(ResultTables.FORECASTS, runId, EvaluationTables.forecasts(predictions, runId,
                    ingested.timeKind() != TimeKind.STEP));
            EvaluateStep.writeRejectsAndRun(tables, runId, "predict", model, config.data().name(), started,
                    ingested, spark, mark);
            long forecast = ingested.counts().seriesUsed();
            LOG.info(String.format("predict %s: %,d series forecast %d steps ahead with %s (%,d never seen in"
                    + " training) -> %s", runId, forecast, model.horizon(), model.name(), newSeries,
                    tables.path(ResultTables.FORECASTS)));
            return new Outcome(runId, forecast, newSeries, ingested.counts());
        } finally {
            ingested.release();
        }
    }

    /** Integer steps and calendar times do not mix: forecasting dates with a model trained on steps (or back). */
    private static void checkTimeKind(JobConfig config, TrainedModel model, TimeKind kind) {
        String trained = model.provenance().trainingData().timeKind();
        boolean trainedOnSteps = TimeKind.STEP.name().equals(trained);
        if (trainedOnSteps != (kind == TimeKind.STEP)) {
            throw new ConfigProblem("The ds column of " + config.data().path() + " holds " + kind.name()
                    .toLowerCase(java.util.Locale.ROOT) + " values but the model in " + config.modelDir()
                    + " was trained on " + trained.toLowerCase(java.util.Locale.ROOT) + " values");
        }
    }
}
