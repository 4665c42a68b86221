package io.rnnforecast.plots;

import io.rnnforecast.train.EpochStats;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

/**
 * What one evaluated run's plots are drawn from: the model's name, training loss and epochs (driver-side already),
 * and three distributed tables that are only filtered and aggregated on the executors: this run's
 * {@code series_metrics} rows, the evaluated series ({@code AssembledSeries} rows) and the forecast rows
 * ({@code Prediction} rows). {@code input} is the model's input window length.
 */
public record PlotInputs(String runId, String model, String loss, List<EpochStats> epochs,
                         Dataset<Row> seriesMetrics, Dataset<Row> series, Dataset<Row> predictions, int input) {
}
