package io.rnnforecast.api;

import io.rnnforecast.ingest.IngestCounts;
import io.rnnforecast.plots.PlotInputs;
import io.rnnforecast.plots.RunPlots;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's evaluation on the test split of some series, as DataFrames (nothing written): for a forecaster the
 * {@code summary}, {@code series_metrics} and {@code forecasts} tables and the prediction rows they are made of;
 * for a classifier the {@code labels} and {@code classification_metrics} tables. Every model evaluated (the
 * network and its baselines) has its rows in the same tables. Also the input's rejects and counts. The
 * predictions and metrics are cached while the result is open: {@link #close()} frees them (and the series, when
 * the evaluation read them itself).
 */
public final class Evaluation implements AutoCloseable {
    private final String runId;
    private final Dataset<Row> headline;
    private final Dataset<Row> seriesMetrics;
    private final Dataset<Row> forecasts;
    private final Dataset<Row> predictions;
    private final Dataset<Row> labels;
    private final SeriesData data;
    private Dataset<Row> series;
    private RnnForecastModel model;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Evaluation(String runId, Dataset<Row> headline, Dataset<Row> seriesMetrics, Dataset<Row> forecasts,
                       Dataset<Row> predictions, Dataset<Row> labels, SeriesData data) {
        this.runId = runId;
        this.headline = headline;
        this.seriesMetrics = seriesMetrics;
        this.forecasts = forecasts;
        this.predictions = predictions;
        this.labels = labels;
        this.data = data;
    }

    static Evaluation ofForecasts(String runId, Dataset<Row> summary, Dataset<Row> seriesMetrics,
                                  Dataset<Row> forecasts, Dataset<Row> predictions, SeriesData data) {
        Evaluation e = new Evaluation(runId, summary, seriesMetrics, forecasts, predictions, null, data);
        e.owned.add(seriesMetrics::unpersist);
        e.owned.add(predictions::unpersist);
        return e;
    }

    /** Also frees {@code cached} (datasets the evaluation cached on the way) on close. */
    Evaluation freeing(List<Dataset<Row>> cached) {
        cached.forEach(d -> owned.add(d::unpersist));
        return this;
    }

    /** {@code cached}: the classifier's rows the labels and metrics are made of, freed on close. */
    static Evaluation ofLabels(String runId, Dataset<Row> metrics, Dataset<Row> labels, Dataset<Row> cached,
                               SeriesData data) {
        Evaluation e = new Evaluation(runId, metrics, null, null, null, labels, data);
        e.owned.add(cached::unpersist);
        return e;
    }

    /** The series as evaluated (AssembledSeries rows with the scalers the model used). */
    public Dataset<Row> series() {
        return series;
    }

    Evaluation of(RnnForecastModel evaluatedModel, Dataset<Row> evaluated) {
        this.model = evaluatedModel;
        this.series = evaluated;
        return this;
    }

    /** Where {@link #writePlots} draws run {@code runId}'s plots under {@code outputRoot}. */
    public static String plotsDirectory(String outputRoot, String runId) {
        return RunPlots.directory(outputRoot, runId);
    }

    /**
     * Draws the run's plots (learning curve, forecasts of the best, median and worst test series by skill, the
     * per-series error distribution) as PNG files under {@code outputRoot}/plots/run_id=&lt;id&gt;/; a plot that fails
     * is logged and skipped. A forecaster's.
     */
    public void writePlots(SparkSession spark, String outputRoot) {
        RunPlots.write(spark, outputRoot, new PlotInputs(runId, model.name(),
                model.recipe().model().forecastsQuantiles() ? "PINBALL" : model.recipe().model().loss().name(),
                model.trainingHistory(), seriesMetrics(), series, predictions(), model.recipe().window().input()));
    }

    /** Also closes {@code data} (read by the evaluation itself) with the rest. */
    Evaluation owning(SeriesData series) {
        owned.add(series);
        return this;
    }

    public String runId() {
        return runId;
    }

    /** Whether the model is a classifier (then {@link #labels()} and {@link #classificationMetrics()} apply). */
    public boolean classifies() {
        return labels != null;
    }

    /** One row per model: mae, mse, rmse, smape, mase, ... (a forecaster's). */
    public Dataset<Row> summary() {
        return forecasting("summary", headline);
    }

    /** One row per model, series and step (step 0: all steps). */
    public Dataset<Row> seriesMetrics() {
        return forecasting("series_metrics", seriesMetrics);
    }

    /** Every forecast, scored (y known) or past the end of the data. */
    public Dataset<Row> forecasts() {
        return forecasting("forecasts", forecasts);
    }

    /** The prediction rows the tables aggregate (also on the scaled axis), as the plots read them. */
    public Dataset<Row> predictions() {
        return forecasting("predictions", predictions);
    }

    /** One row per labelled step or window (a classifier's). */
    public Dataset<Row> labels() {
        return classifying("labels", labels);
    }

    /** Accuracy, macro F1, log loss and per-class figures for the model and the majority baseline. */
    public Dataset<Row> classificationMetrics() {
        return classifying("classification_metrics", headline);
    }

    /** unique_id, reason, n_rows of the input's rejects. */
    public Dataset<Row> rejects() {
        return data.rejects();
    }

    public IngestCounts counts() {
        return data.counts();
    }

    public SeriesData data() {
        return data;
    }

    private Dataset<Row> forecasting(String table, Dataset<Row> rows) {
        if (classifies()) {
            throw new IllegalStateException("a classifier's evaluation has no " + table + ": see labels() and"
                    + " classificationMetrics()");
        }
        return rows;
    }

    private Dataset<Row> classifying(String table, Dataset<Row> rows) {
        if (!classifies()) {
            throw new IllegalStateException("a forecaster's evaluation has no " + table + ": see summary(),"
                    + " seriesMetrics() and forecasts()");
        }
        return rows;
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot free the evaluation's cached data: " + e.getMessage(), e);
            }
        }
        owned.clear();
    }
}
