package io.rnnforecast.eval;

import io.rnnforecast.window.Window;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

/**
 * Forecasts windows on the executors with a list of models ({@link WindowForecaster}: the network and the
 * baselines alike) and returns one {@link Prediction} row per (model, window, step), the models in list order
 * within each window and step. A model with no forecast for a window (seasonal naive without a season) writes no
 * rows for it. A {@link CombinedForecaster} is computed from its members' forecasts of the batch (they run once).
 * Each row's interval scale is its window's {@link Window#intervalScale(int)} over {@code scaleSteps} values: the
 * span of the calibration the intervals come from ({@link io.rnnforecast.store.IntervalCalibration#scaleSteps}).
 */
public final class ForecastRows {
    private static final int PREDICT_BATCH = 512;

    private ForecastRows() {
    }

    public static Dataset<Row> predictions(SparkSession spark, List<WindowForecaster> models, int horizon,
                                           JavaRDD<Window> windows, int scaleSteps) {
        List<WindowForecaster> shipped = List.copyOf(models);
        for (int m = 0; m < shipped.size(); m++) {
            if (shipped.get(m) instanceof CombinedForecaster c) {
                for (String member : c.members()) {
                    int at = indexOf(shipped, member);
                    if (at > m && shipped.get(at) instanceof CombinedForecaster) {
                        throw new IllegalArgumentException(c.name() + " combines " + member + ", a combination listed"
                                + " after it");
                    }
                }
            }
        }
        JavaRDD<Row> rows = windows.mapPartitions(it -> {
            List<WindowForecaster.Open> opened = shipped.stream()
                    .map(m -> m instanceof CombinedForecaster ? null : m.open()).toList();
            return BatchedRows.of(it, PREDICT_BATCH, batch -> batchRows(shipped, opened, horizon, scaleSteps, batch));
        });
        return spark.createDataFrame(rows, Prediction.SCHEMA);
    }

    private static WindowForecaster.Forecast[] combined(CombinedForecaster c, List<WindowForecaster> models,
                                                        List<WindowForecaster.Forecast[]> byModel, int windows) {
        List<WindowForecaster.Forecast[]> members = c.members().stream().map(n -> byModel.get(indexOf(models, n)))
                .toList();
        WindowForecaster.Forecast[] out = new WindowForecaster.Forecast[windows];
        WindowForecaster.Forecast[] one = new WindowForecaster.Forecast[members.size()];
        for (int i = 0; i < windows; i++) {
            for (int k = 0; k < one.length; k++) {
                one[k] = members.get(k)[i];
            }
            out[i] = c.combine(one);
        }
        return out;
    }

    /**
     * The position of the model named {@code name}; a combination's members must be in the list (a combination of
     * combinations, such as an ensemble's median with Theta, after the ones it combines: they are computed in list
     * order).
     */
    private static int indexOf(List<WindowForecaster> models, String name) {
        for (int m = 0; m < models.size(); m++) {
            if (models.get(m).name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no model " + name + " to combine among "
                + models.stream().map(WindowForecaster::name).toList());
    }

    private static List<Row> batchRows(List<WindowForecaster> models, List<WindowForecaster.Open> opened, int horizon,
                                       int scaleSteps, List<Window> batch) {
        List<WindowForecaster.Forecast[]> byModel = new ArrayList<>(models.size());
        for (WindowForecaster.Open model : opened) {
            byModel.add(model == null ? null : model.forecast(batch, horizon));
        }
        for (int m = 0; m < models.size(); m++) {
            if (models.get(m) instanceof CombinedForecaster c) {
                byModel.set(m, combined(c, models, byModel, batch.size()));
            }
        }
        List<Row> rows = new ArrayList<>(batch.size() * models.size() * horizon);
        for (int i = 0; i < batch.size(); i++) {
            Window w = batch.get(i);
            long cutoffKey = w.frequency().advance(w.startKey(), w.end() - 1);
            Double mase = Double.isNaN(w.errorScale().mae()) ? null : w.errorScale().mae();
            Double rmsse = Double.isNaN(w.errorScale().mse()) ? null : w.errorScale().mse();
            double intervalScale = w.intervalScale(scaleSteps);
            for (int s = 0; s < horizon; s++) {
                long dsKey = w.frequency().advance(w.startKey(), w.end() + s);
                Double y = w.future() ? null : w.actual()[s];
                Double yScaled = w.future() ? null : w.scaling().apply(w.actual()[s]);
                for (int m = 0; m < models.size(); m++) {
                    WindowForecaster.Forecast f = byModel.get(m)[i];
                    if (f == null) {
                        continue;
                    }
                    Double allSteps = f.allStepsSquaredErrors() == null ? null : f.allStepsSquaredErrors()[s];
                    rows.add(new Prediction(models.get(m).name(), w.uniqueId(), w.end(), w.last(), s + 1, y,
                            f.original()[s], yScaled, f.scaled()[s], cutoffKey, dsKey, mase, rmsse, allSteps,
                            intervalScale, f.quantileMap(s))
                            .toRow());
                }
            }
        }
        return rows;
    }
}
