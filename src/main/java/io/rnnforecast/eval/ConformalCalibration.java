package io.rnnforecast.eval;

import io.rnnforecast.series.Conformal;
import io.rnnforecast.store.IntervalCalibration;
import io.rnnforecast.window.Window;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.rnnforecast.eval.Prediction.INTERVAL_SCALE;
import static io.rnnforecast.eval.Prediction.MODEL;
import static io.rnnforecast.eval.Prediction.STEP;
import static io.rnnforecast.eval.Prediction.Y;
import static io.rnnforecast.eval.Prediction.Y_HAT;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

/**
 * Split conformal calibration of every forecaster, per horizon step, on held-out windows (the validation part):
 * the score of a forecast point is |y - y_hat| / its window's interval scale ({@link Window#intervalScale(int)} over
 * {@code scaleSteps} values before its origin), and
 * the half-width at level L is the exact k-th smallest score of its (model, step), k = ceil((n + 1) L / 100)
 * ({@link Conformal#rank}: the finite-sample correction). The order statistics are taken on the executors: the
 * scores of each (model, step) are ranked by a window sort there (Spark spills it to disk when large), and only
 * the ranked rows that are wanted, at most (levels + 1) per model and step, reach the driver; no approximation.
 */
public final class ConformalCalibration {
    private static final String SCORE = "score";
    private static final String N = "n";
    private static final String RANK = "rank";
    /** The column {@link #perGroup} calibrates by. */
    static final String GROUP = "calibration_group";

    private ConformalCalibration() {
    }

    /**
     * The calibration of {@code models} forecasting {@code heldOut} windows (with their actual values), made on
     * {@code horizons} windows per series ({@link IntervalCalibration#horizons}).
     */
    public static IntervalCalibration of(SparkSession spark, List<WindowForecaster> models, int horizon,
                                         JavaRDD<Window> heldOut, List<Integer> levels, int scaleSteps,
                                         int horizons) {
        IntervalCalibration scored = fromPredictions(ForecastRows.predictions(spark, models, horizon, heldOut,
                scaleSteps), horizon, levels, scaleSteps);
        List<String> unscored = models.stream().map(WindowForecaster::name)
                .filter(n -> !scored.models().containsKey(n)).toList();
        return new IntervalCalibration(levels, scored.models(), unscored, scaleSteps, horizons);
    }

    /**
     * The calibration from prediction rows ({@link Prediction#SCHEMA}) with actual values; a model with no
     * scored row has no entry. A step with fewer scores than a level needs has half-width +infinity there.
     * {@code scaleSteps}: the span the rows' interval scales were computed over.
     */
    public static IntervalCalibration fromPredictions(Dataset<Row> predictions, int horizon, List<Integer> levels,
                                                      int scaleSteps) {
        return perGroup(predictions.withColumn(GROUP, lit(0)), horizon, levels, scaleSteps)
                .getOrDefault(0, new IntervalCalibration(levels, Map.of(), List.of(), scaleSteps));
    }

    /**
     * One calibration per value of the rows' int column {@value #GROUP}, each from its own rows, in one window
     * sort (the groups ranked side by side); groups without a scored row are absent.
     */
    static Map<Integer, IntervalCalibration> perGroup(Dataset<Row> grouped, int horizon, List<Integer> levels,
                                                      int scaleSteps) {
        Dataset<Row> scores = grouped.where(col(Y).isNotNull()).select(col(GROUP), col(MODEL), col(STEP),
                abs(col(Y).minus(col(Y_HAT))).divide(col(INTERVAL_SCALE)).as(SCORE));
        WindowSpec perStep = org.apache.spark.sql.expressions.Window.partitionBy(col(GROUP), col(MODEL), col(STEP));
        Dataset<Row> ranked = scores.withColumn(N, count(lit(1)).over(perStep))
                .withColumn(RANK, row_number().over(perStep.orderBy(col(SCORE))));
        // rank 1 keeps every (model, step) with its n, even when no level's rank is within n
        Column wanted = col(RANK).equalTo(1);
        for (int level : levels) {
            wanted = wanted.or(col(RANK).equalTo(col(N).plus(1).multiply(level).plus(99).divide(100).cast("long")));
        }
        Map<Integer, List<Row>> byGroup = new TreeMap<>();
        for (Row r : ranked.where(wanted).select(col(MODEL), col(STEP), col(N), col(RANK).cast("long"), col(SCORE),
                col(GROUP)).collectAsList()) {
            byGroup.computeIfAbsent(r.getInt(5), g -> new ArrayList<>()).add(r);
        }
        Map<Integer, IntervalCalibration> out = new TreeMap<>();
        byGroup.forEach((g, kept) -> out.put(g, fromRankedScores(kept, horizon, levels, scaleSteps)));
        return out;
    }

    private static IntervalCalibration fromRankedScores(List<Row> kept, int horizon, List<Integer> levels,
                                                        int scaleSteps) {
        Map<String, long[]> n = new LinkedHashMap<>();
        Map<String, Map<Long, Double>> byRank = new HashMap<>();
        for (Row r : kept) {
            String model = r.getString(0);
            int step = r.getInt(1);
            n.computeIfAbsent(model, m -> new long[horizon])[step - 1] = r.getLong(2);
            byRank.computeIfAbsent(model + "\u0000" + step, k -> new HashMap<>()).put(r.getLong(3),
                    r.getDouble(4));
        }
        Map<String, IntervalCalibration.Steps> models = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : new TreeMap<>(n).entrySet()) {
            Map<Integer, double[]> halfWidths = new LinkedHashMap<>();
            for (int level : levels) {
                double[] q = new double[horizon];
                Arrays.fill(q, Double.POSITIVE_INFINITY);
                for (int step = 1; step <= horizon; step++) {
                    long k = Conformal.rank(e.getValue()[step - 1], level);
                    Map<Long, Double> scores = byRank.get(e.getKey() + "\u0000" + step);
                    if (scores != null && scores.containsKey(k)) {
                        q[step - 1] = scores.get(k);
                    }
                }
                halfWidths.put(level, q);
            }
            models.put(e.getKey(), new IntervalCalibration.Steps(e.getValue(), halfWidths));
        }
        return new IntervalCalibration(levels, models, List.of(), scaleSteps);
    }
}
