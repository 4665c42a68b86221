package io.rnnforecast.plots;

import io.rnnforecast.eval.Baselines;
import io.rnnforecast.eval.Prediction;
import io.rnnforecast.eval.PredictionIntervals;
import io.rnnforecast.ingest.AssembledSeries;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/** Gathers the picked series, and nothing else, to the driver as {@link ForecastTrace}s. */
final class ForecastTraces {
    private ForecastTraces() {
    }

    /**
     * {@code series}: the evaluated series table ({@link AssembledSeries#SCHEMA}); {@code predictions}: the run's
     * {@link Prediction} rows. Draws each series' most recent scored window (the one {@code last_window} marks).
     */
    static List<ForecastTrace> gather(List<SkillRanking.Pick> picks, Dataset<Row> series, Dataset<Row> predictions,
                                      String model, int input) {
        Object[] ids = picks.stream().map(SkillRanking.Pick::uniqueId).toArray();
        Map<String, AssembledSeries> byId = new HashMap<>();
        for (Row r : series.where(col(AssembledSeries.UNIQUE_ID).isin(ids)).collectAsList()) {
            AssembledSeries s = AssembledSeries.fromRow(r);
            byId.put(s.uniqueId(), s);
        }
        boolean intervals = java.util.Arrays.asList(predictions.columns()).contains(PredictionIntervals.LO);
        List<Row> rows = predictions.where(col(Prediction.UNIQUE_ID).isin(ids).and(col(Prediction.Y).isNotNull())
                        .and(col(Prediction.LAST_WINDOW)))
                .select(col(Prediction.MODEL), col(Prediction.UNIQUE_ID), col(Prediction.WINDOW_END),
                        col(Prediction.STEP), col(Prediction.Y_HAT),
                        intervals ? col(PredictionIntervals.LO) : PredictionIntervals.none(),
                        intervals ? col(PredictionIntervals.HI) : PredictionIntervals.none())
                .collectAsList();
        List<ForecastTrace> traces = new ArrayList<>();
        for (SkillRanking.Pick pick : picks) {
            AssembledSeries s = byId.get(pick.uniqueId());
            List<Row> own = rows.stream().filter(r -> r.getString(1).equals(pick.uniqueId())).toList();
            if (s == null || own.isEmpty()) {
                throw new IllegalStateException("no evaluated window of series " + pick.uniqueId());
            }
            traces.add(trace(pick, s, own, model, input));
        }
        return traces;
    }

    private static ForecastTrace trace(SkillRanking.Pick pick, AssembledSeries s, List<Row> rows, String model,
                                       int input) {
        int end = rows.get(0).getInt(2);
        int horizon = rows.stream().mapToInt(r -> r.getInt(3)).max().orElseThrow();
        long[] inputKeys = new long[input];
        double[] inputValues = new double[input];
        for (int i = 0; i < input; i++) {
            inputKeys[i] = s.frequency().advance(s.startKey(), end - input + i);
            inputValues[i] = s.values()[end - input + i];
        }
        long[] horizonKeys = new long[horizon];
        double[] actual = new double[horizon];
        for (int i = 0; i < horizon; i++) {
            horizonKeys[i] = s.frequency().advance(s.startKey(), end + i);
            actual[i] = s.values()[end + i];
        }
        double[] fitted = new double[horizon];
        double[] naive = new double[horizon];
        Map<Integer, double[][]> bounds = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        for (Row r : rows) {
            double[] target = r.getString(0).equals(Baselines.NAIVE) ? naive
                    : r.getString(0).equals(model) ? fitted : null;
            if (target != null) {
                target[r.getInt(3) - 1] = r.getDouble(4);
            }
            if (r.getString(0).equals(model) && !r.isNullAt(5)) {
                Map<Integer, Double> lo = r.getJavaMap(5);
                Map<Integer, Double> hi = r.getJavaMap(6);
                for (Map.Entry<Integer, Double> e : lo.entrySet()) {
                    double[][] band = bounds.computeIfAbsent(e.getKey(), l -> new double[2][horizon]);
                    band[0][r.getInt(3) - 1] = e.getValue();
                    band[1][r.getInt(3) - 1] = hi.get(e.getKey());
                }
            }
        }
        // widest first, so the narrower band is drawn over it
        List<ForecastTrace.Band> bands = bounds.entrySet().stream()
                .map(e -> new ForecastTrace.Band(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        return new ForecastTrace(pick, s.frequency(), inputKeys, inputValues, horizonKeys, actual, fitted, naive,
                bands);
    }
}
