package io.rnnforecast.job;

import io.rnnforecast.api.ClusterEvents;
import io.rnnforecast.api.RnnForecastModel;
import io.rnnforecast.api.SeriesData;
import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.output.ResultTable;
import io.rnnforecast.output.ResultTables;
import io.rnnforecast.output.RunRecord;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The {@code predict} command: a saved model forecasts the horizon past the end of every series in data.path
 * (new data, read by the model's repair and scaling rules), at real future timestamps on each series' own grid
 * ({@link RnnForecastModel#forecast}); writes this run's {@code forecasts}, {@code rejects} and {@code runs} rows.
 */
final class PredictStep {
    private static final Logger LOG = LoggerFactory.getLogger(PredictStep.class);

    private PredictStep() {
    }

    /** What a predict run did: its id, the series forecast, how many of them the model had never seen, counts. */
    record Outcome(String runId, long seriesForecast, long newSeries, String counts) {
    }

    static Outcome run(SparkSession spark, JobConfig config, ClusterEvents events) {
        Instant started = Instant.now();
        ClusterEvents.Mark mark = events.mark();
        RnnForecastModel model = EvaluateStep.loadChecked(config);
        if (model.recipe().task().classifies()) {
            throw new ConfigProblem("predict forecasts past the end of each series; the model in "
                    + config.modelDir() + " is a classifier (task = " + model.recipe().task().key() + "): use"
                    + " evaluate, which labels the test split into the labels table");
        }
        try (SeriesData data = model.ingestForForecast(config.input(spark))) {
            RnnForecastModel.Forecasts forecasts = model.forecast(data);
            String runId = config.runId();
            ResultTables tables = config.resultTables(spark);
            tables.write(ResultTable.FORECASTS, runId, forecasts.forecasts());
            EvaluateStep.writeRejectsAndRun(spark, tables, runId, RunRecord.Command.PREDICT, model,
                    config.data().name(), started, data, mark);
            long forecast = data.counts().seriesUsed();
            LOG.info(String.format("predict %s: %,d series forecast %d steps ahead with %s (%,d never seen in"
                    + " training) -> %s", runId, forecast, model.recipe().window().horizon(), model.name(),
                    forecasts.newSeries(), tables.path(ResultTable.FORECASTS)));
            return new Outcome(runId, forecast, forecasts.newSeries(), data.counts().toString());
        }
    }
}
