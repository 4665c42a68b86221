package io.rnnforecast.eval;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import io.rnnforecast.model.Quantiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.rnnforecast.eval.Prediction.CUTOFF_KEY;
import static io.rnnforecast.eval.Prediction.DS_KEY;
import static io.rnnforecast.eval.Prediction.ALL_STEPS_SE;
import static io.rnnforecast.eval.Prediction.MASE_SCALE;
import static io.rnnforecast.eval.Prediction.MODEL;
import static io.rnnforecast.eval.Prediction.RMSSE_SCALE;
import static io.rnnforecast.eval.Prediction.STEP;
import static io.rnnforecast.eval.Prediction.UNIQUE_ID;
import static io.rnnforecast.eval.Prediction.WINDOW_END;
import static io.rnnforecast.eval.Prediction.Y;
import static io.rnnforecast.eval.Prediction.Y_HAT;
import static io.rnnforecast.eval.Prediction.Y_HAT_SCALED;
import static io.rnnforecast.eval.Prediction.Y_SCALED;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;

/**
 * Aggregates forecast rows ({@link Prediction#SCHEMA}) into the result tables. Errors are e = y_hat - y on the
 * original scale (and e_s on the scaled axis, in the *_scaled columns); mae = mean |e|, mse = mean e^2,
 * rmse = sqrt(mse). Step 0 in {@code series_metrics} aggregates all steps. {@code last_time_step_mse} (Géron's
 * seq2seq metric) is written for models with an output at every step (model.strategy = seq2seq): the MSE of the
 * last output step's horizon vectors over every evaluated window, which are that model's forecasts, so it equals
 * its {@code mse}; beside it {@code all_steps_mse} is the MSE over every output step j and horizon step k of
 * y_hat[j, k] against s[t_j + k + 1], t_j the input step j ends at: j, or kernel - 1 + j stride after a Conv1D
 * front end, whose last output step ends at the last input step (what Keras' loss reports; on the original
 * scale). Both are null for the other
 * models (direct, iterative, the baselines): they output one horizon vector, at the last step, and their
 * {@code mse} is already that vector's MSE. Rows past the end of the data (y null) are not scored. Scale-free columns:
 * {@code smape} = mean of 200 |e| / (|y| + |y_hat|) (M4; 0 where both are 0); in {@code series_metrics}
 * {@code skill} = 1 - mae / mae of the naive forecast on the same series and step (null where naive's mae is 0);
 * and {@code skill_seasonal} the same against seasonal naive (null where it has no forecast: season 1 or longer
 * than the input); in {@code summary} {@code smape} pooled over points, {@code smape_median_series} the median of
 * the series' sMAPE, {@code beats_naive_share} the share of series (with a defined skill) where the model's mae is
 * below naive's and {@code beats_seasonal_naive_share} below seasonal naive's.
 * {@code mase} = mae / the series' in-sample seasonal naive MAE and {@code rmsse} = sqrt(mse / its MSE) (M4; null
 * where undefined); the summary has their mean and median over series ({@code mase_mean}, {@code mase_median}).
 * With prediction intervals (the predictions' {@code lo}/{@code hi} maps, {@link PredictionIntervals}) both tables
 * have, per level, {@code coverage} (share of points with lo <= y <= hi), {@code interval_width} (mean
 * (hi - lo) / the MASE scale) and {@code msis} (M4's MSIS: the interval score / the MASE scale; the summary's is
 * the mean over series of the series' MSIS), as maps from level to value; null maps without levels.
 * A quantile network's rows (the predictions' {@code quantiles} map, level key "0.1" to value) add, in both
 * tables, {@code pinball}: a map from level key to the mean pinball loss max(q e, (q - 1) e), e = y - y_q, divided
 * by the series' in-sample seasonal naive MAE (MASE's scale; the summary's is the mean over series, as MASE's),
 * {@code pinball_mean} its mean over the levels, and {@code crps} = 2 pinball_mean, the quantile-decomposition
 * approximation of the (scaled) CRPS from the levels (CRPS = 2 times the integral over q of the pinball loss,
 * here a plain mean over the levels); null for models without quantiles (the baselines).
 */
public final class EvaluationTables {
    private EvaluationTables() {
    }

    /** Without intervals (their columns null). */
    public static Dataset<Row> seriesMetrics(Dataset<Row> predictions, String runId, String dataset) {
        return seriesMetrics(predictions, runId, dataset, List.of());
    }

    /** With the interval metrics at {@code levels} (the predictions' {@code lo} and {@code hi} maps). */
    public static Dataset<Row> seriesMetrics(Dataset<Row> predictions, String runId, String dataset,
                                             List<Integer> levels) {
        return seriesMetrics(predictions, runId, dataset, levels, List.of());
    }

    /**
     * With the interval metrics at {@code levels} and the quantile metrics at {@code quantiles} (a quantile
     * network's levels, ascending; empty: none), from the predictions' {@code quantiles} maps.
     */
    public static Dataset<Row> seriesMetrics(Dataset<Row> predictions, String runId, String dataset,
                                             List<Integer> levels, List<Double> quantiles) {
        // Every aggregate and window below is keyed by unique_id (and more), so one shuffle by unique_id into the
        // predictions' own partition count serves both aggregations (a hash partitioning on a subset of the keys
        // satisfies them), and a second, after the union, serves the baselines' window. Left to Spark, each of
        // the three took spark.sql.shuffle.partitions (200) partitions, which adaptive execution does not coalesce
        // inside a cached plan (series_metrics is cached): on the quick start's 927 test series their stages took
        // 32 s of the evaluate command (8.2 s and 15.9 s for series_metrics, 8.2 s for the summary reading it),
        // with 16 partitions 5.5 s, and the evaluate phase of `run` went from 38.3 s to 21.2 s (measured); each
        // run also wrote 200 small files to series_metrics.
        int partitions = Math.max(1, predictions.rdd().getNumPartitions());
        Dataset<Row> errors = withQuantiles(withErrors(predictions, levels), quantiles)
                .repartition(partitions, col(UNIQUE_ID));
        Dataset<Row> perStep = aggregate(errors.groupBy(col(MODEL), col(UNIQUE_ID), col(STEP)), levels,
                quantileAggregates(quantiles));
        Dataset<Row> allSteps = aggregate(errors.groupBy(col(MODEL), col(UNIQUE_ID)), levels,
                quantileAggregates(quantiles)).withColumn("step", lit(0));
        Dataset<Row> metrics = perStep.unionByName(allSteps).repartition(partitions, col(UNIQUE_ID));
        Dataset<Row> withNaive = metrics.withColumn("naive_mae", baselineMae(Baselines.NAIVE))
                .withColumn("snaive_mae", baselineMae(Baselines.SEASONAL_NAIVE));
        List<Column> out = new ArrayList<>(List.of(lit(runId).as("run_id"), col(MODEL), lit(dataset).as("dataset"),
                col(UNIQUE_ID), col(STEP)));
        out.addAll(metricColumns());
        out.add(col("n"));
        out.add(col("smape"));
        out.add(skill("naive").as("skill"));
        out.add(skill("snaive").as("skill_seasonal"));
        out.add(col("mae").divide(col("mase_scale")).as("mase"));
        out.add(sqrt(col("mse").divide(col("rmsse_scale"))).as("rmsse"));
        out.addAll(intervalColumns(levels, "msis_"));
        out.addAll(quantileColumns(quantiles, "pinball_"));
        return withNaive.select(out.toArray(Column[]::new));
    }

    /**
     * The mae of {@code baseline} on the same series and step: a window over (unique_id, step), one shuffle (a
     * self-join per baseline re-ran the metrics' aggregation for each and took a 40-series test from 3 s to 23 s).
     */
    private static Column baselineMae(String baseline) {
        return max(when(col(MODEL).equalTo(baseline), col("mae"))).over(Window.partitionBy(col(UNIQUE_ID),
                col(STEP)));
    }

    /** 1 - mae / the baseline's mae; null where the baseline's mae is 0 or the baseline has no forecast. */
    private static Column skill(String prefix) {
        return when(col(prefix + "_mae").gt(0), lit(1).minus(col("mae").divide(col(prefix + "_mae"))));
    }

    public static Dataset<Row> summary(Dataset<Row> predictions, String runId, String dataset, String split) {
        return summary(predictions, seriesMetrics(predictions, runId, dataset), runId, dataset, split);
    }

    /** The summary without intervals, from {@code seriesMetrics} already computed for the run. */
    public static Dataset<Row> summary(Dataset<Row> predictions, Dataset<Row> seriesMetrics, String runId,
                                       String dataset, String split) {
        return summary(predictions, seriesMetrics, runId, dataset, split, List.of());
    }

    /**
     * The summary, with the per-series aggregates taken from {@code seriesMetrics} already computed for the run;
     * the interval metrics at {@code levels}: coverage and interval_width pooled over every point, msis the mean
     * over series of each series' MSIS (M4 averages MSIS over series, as MASE).
     */
    public static Dataset<Row> summary(Dataset<Row> predictions, Dataset<Row> seriesMetrics, String runId,
                                       String dataset, String split, List<Integer> levels) {
        return summary(predictions, seriesMetrics, runId, dataset, split, levels, List.of());
    }

    /**
     * As above, with the quantile metrics at {@code quantiles}: pinball (per level) and pinball_mean the mean over
     * series of each series' scaled pinball loss (as mase_mean averages MASE), crps twice pinball_mean.
     */
    public static Dataset<Row> summary(Dataset<Row> predictions, Dataset<Row> seriesMetrics, String runId,
                                       String dataset, String split, List<Integer> levels, List<Double> quantiles) {
        // Géron's seq2seq metric, for models with an output at every step: their forecasts are the last
        // step's vectors, so it is their mse; beside it the all-steps MSE their loss averages
        Column perStepModel = count(col(ALL_STEPS_SE)).gt(0);
        Column lastStep = when(perStepModel, avg(col("e2")));
        List<Column> out = new ArrayList<>(List.of(lit(runId).as("run_id"), col(MODEL), lit(dataset).as("dataset"),
                lit(split).as("split")));
        out.addAll(metricColumns());
        out.addAll(List.of(col("n_series"), col("n_points"), col("last_time_step_mse"), col("all_steps_mse"),
                col("smape"),
                col("smape_median_series"), col("beats_naive_share"), col("beats_seasonal_naive_share"),
                col("mase_mean"), col("mase_median")));
        out.addAll(intervalColumns(levels, "series_msis_"));
        out.addAll(quantileColumns(quantiles, "series_pinball_"));
        List<Column> perSeriesAggs = new ArrayList<>(List.of(avg(beats(col("skill"))).as("beats_naive_share"),
                avg(beats(col("skill_seasonal"))).as("beats_seasonal_naive_share"),
                avg(col("mase")).as("mase_mean"), expr("percentile(mase, 0.5)").as("mase_median")));
        for (int level : levels) {
            perSeriesAggs.add(avg(col("msis").getItem(level)).as("series_msis_" + level));
        }
        for (int i = 0; i < quantiles.size(); i++) {
            perSeriesAggs.add(avg(col(PINBALL).getItem(Quantiles.key(quantiles.get(i)))).as("series_pinball_" + i));
        }
        // n_series: one all-steps row per model and scored series; a countDistinct over the predictions instead
        // cost a shuffle of every scored point
        perSeriesAggs.add(count(lit(1)).as("n_series"));
        Dataset<Row> perSeries = seriesMetrics.where(col(STEP).equalTo(0))
                .groupBy(col(MODEL).as("series_model"))
                .agg(expr("percentile(smape, 0.5)").as("smape_median_series"), perSeriesAggs.toArray(Column[]::new));
        Dataset<Row> pooled = aggregate(withErrors(predictions, levels).groupBy(col(MODEL)), levels, new Column[0],
                count(lit(1)).as("n_points"),
                lastStep.as("last_time_step_mse"), avg(col(ALL_STEPS_SE)).as("all_steps_mse"));
        return pooled.join(perSeries, col(MODEL).equalTo(col("series_model")), "left")
                .select(out.toArray(Column[]::new));
    }

    /** 1 where the skill is positive, 0 where not, null where it is undefined (averages over defined ones). */
    private static Column beats(Column skill) {
        return when(skill.isNotNull(), when(skill.gt(0), 1.0).otherwise(0.0));
    }

    /**
     * Every forecast, scored or not: run_id, model, unique_id, cutoff and ds (timestamps, null for integer-step
     * data), cutoff_step and ds_step (the integer ds for step data, else the index on the series' time grid), step,
     * y_hat, y (null past the end of the data).
     */
    public static Dataset<Row> forecasts(Dataset<Row> predictions, String runId, boolean timeKeys) {
        Column cutoffIndex = col(WINDOW_END).minus(1).cast("long");
        Column dsIndex = col(WINDOW_END).plus(col(STEP)).minus(1).cast("long");
        Column none = lit(null).cast("timestamp");
        return predictions.select(lit(runId).as("run_id"), col(MODEL), col(UNIQUE_ID),
                timeKeys ? timestamp_seconds(col(CUTOFF_KEY)).as("cutoff") : none.as("cutoff"),
                timeKeys ? timestamp_seconds(col(DS_KEY)).as("ds") : none.as("ds"),
                timeKeys ? cutoffIndex.as("cutoff_step") : col(CUTOFF_KEY).as("cutoff_step"),
                timeKeys ? dsIndex.as("ds_step") : col(DS_KEY).as("ds_step"),
                col(STEP), col(Y_HAT), col(Y), levelMap(predictions, PredictionIntervals.LO),
                levelMap(predictions, PredictionIntervals.HI),
                Arrays.asList(predictions.columns()).contains(Prediction.QUANTILES) ? col(Prediction.QUANTILES)
                        : noQuantiles().as(Prediction.QUANTILES));
    }

    /** The per-quantile metric map's name in series_metrics and summary. */
    public static final String PINBALL = "pinball";

    /** A null quantile map (models without quantiles). */
    public static Column noQuantiles() {
        return lit(null).cast(Prediction.QUANTILE_MAP);
    }

    /**
     * Per quantile level q_i (index i) of each scored point: pinball_i = max(q e, (q - 1) e) / s, e = y - y_q,
     * s the series' in-sample seasonal naive MAE (MASE's scale; null where undefined), null where the point has no
     * quantiles.
     */
    private static Dataset<Row> withQuantiles(Dataset<Row> errors, List<Double> quantiles) {
        Dataset<Row> out = errors;
        for (int i = 0; i < quantiles.size(); i++) {
            double q = quantiles.get(i);
            Column e = col(Y).minus(col(Prediction.QUANTILES).getItem(Quantiles.key(q)));
            out = out.withColumn("pb_" + i, greatest(e.multiply(q), e.multiply(q - 1)).divide(col(MASE_SCALE)));
        }
        return out;
    }

    private static Column[] quantileAggregates(List<Double> quantiles) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < quantiles.size(); i++) {
            out.add(avg(col("pb_" + i)).as("pinball_" + i));
        }
        return out.toArray(Column[]::new);
    }

    /**
     * pinball (level key -> value from the columns {@code prefix + i}; a null map where the model has none),
     * pinball_mean (their mean) and crps (twice it); all null without quantiles.
     */
    private static List<Column> quantileColumns(List<Double> quantiles, String prefix) {
        if (quantiles.isEmpty()) {
            return List.of(noQuantiles().as(PINBALL), lit(null).cast("double").as("pinball_mean"),
                    lit(null).cast("double").as("crps"));
        }
        List<Column> entries = new ArrayList<>();
        Column sum = lit(0.0);
        for (int i = 0; i < quantiles.size(); i++) {
            entries.add(lit(Quantiles.key(quantiles.get(i))));
            entries.add(col(prefix + i));
            sum = sum.plus(col(prefix + i));
        }
        Column mean = sum.divide(quantiles.size());
        return List.of(when(col(prefix + 0).isNotNull(), map(entries.toArray(Column[]::new)))
                        .otherwise(noQuantiles()).as(PINBALL), mean.as("pinball_mean"),
                mean.multiply(2).as("crps"));
    }

    /** The predictions' interval bounds {@code name} (lo or hi), or a null map where they have none. */
    private static Column levelMap(Dataset<Row> predictions, String name) {
        return Arrays.asList(predictions.columns()).contains(name) ? col(name)
                : PredictionIntervals.none().as(name);
    }

    /**
     * Per level L, for each scored point with an interval [lo, hi] (null without one): covered = 1{lo <= y <= hi},
     * width = (hi - lo) / s and is = the interval score (Conformal#intervalScore) / s, s the series' in-sample
     * seasonal naive MAE (MASE's scale; null where undefined), so their means are the scaled width and M4's MSIS.
     */
    private static Dataset<Row> withIntervals(Dataset<Row> errors, List<Integer> levels) {
        Dataset<Row> out = errors;
        for (int level : levels) {
            Column lo = col(PredictionIntervals.LO).getItem(level);
            Column hi = col(PredictionIntervals.HI).getItem(level);
            double penalty = 2 / (1 - level / 100.0);
            Column score = hi.minus(lo)
                    .plus(when(col(Y).lt(lo), lo.minus(col(Y)).multiply(penalty)).otherwise(0.0))
                    .plus(when(col(Y).gt(hi), col(Y).minus(hi).multiply(penalty)).otherwise(0.0));
            out = out.withColumn("covered_" + level, when(lo.isNotNull(),
                            when(col(Y).geq(lo).and(col(Y).leq(hi)), 1.0).otherwise(0.0)))
                    .withColumn("width_" + level, hi.minus(lo).divide(col(MASE_SCALE)))
                    .withColumn("is_" + level, score.divide(col(MASE_SCALE)));
        }
        return out;
    }

    /** Means per group of the per-level point columns of {@link #withIntervals}. */
    private static List<Column> intervalAggregates(List<Integer> levels) {
        List<Column> out = new ArrayList<>();
        for (int level : levels) {
            out.add(avg(col("covered_" + level)).as("coverage_" + level));
            out.add(avg(col("width_" + level)).as("interval_width_" + level));
            out.add(avg(col("is_" + level)).as("msis_" + level));
        }
        return out;
    }

    /**
     * The level-map columns coverage, interval_width, msis (level -> value; null maps without levels), msis from
     * the columns named {@code msisPrefix + level}.
     */
    private static List<Column> intervalColumns(List<Integer> levels, String msisPrefix) {
        if (levels.isEmpty()) {
            return List.of(PredictionIntervals.none().as("coverage"), PredictionIntervals.none().as("interval_width"),
                    PredictionIntervals.none().as("msis"));
        }
        return List.of(levelMap(levels, "coverage_").as("coverage"),
                levelMap(levels, "interval_width_").as("interval_width"), levelMap(levels, msisPrefix).as("msis"));
    }

    private static Column levelMap(List<Integer> levels, String prefix) {
        List<Column> entries = new ArrayList<>();
        for (int level : levels) {
            entries.add(lit(level));
            entries.add(col(prefix + level));
        }
        return map(entries.toArray(Column[]::new));
    }

    private static Dataset<Row> aggregate(RelationalGroupedDataset groups, List<Integer> levels, Column[] more,
                                          Column... extra) {
        List<Column> aggs = new ArrayList<>(List.of(avg(col("e2")).as("mse"), avg(abs(col("es"))).as("mae_scaled"),
                avg(col("es2")).as("mse_scaled"), count(lit(1)).as("n"), avg(col("smape_point")).as("smape"),
                max(col(MASE_SCALE)).as("mase_scale"), max(col(RMSSE_SCALE)).as("rmsse_scale")));
        aggs.addAll(List.of(extra));
        aggs.addAll(intervalAggregates(levels));
        aggs.addAll(List.of(more));
        return groups.agg(avg(abs(col("e"))).as("mae"), aggs.toArray(Column[]::new));
    }

    private static List<Column> metricColumns() {
        return List.of(col("mae"), col("mse"), sqrt(col("mse")).as("rmse"), col("mae_scaled"), col("mse_scaled"),
                sqrt(col("mse_scaled")).as("rmse_scaled"));
    }

    private static Dataset<Row> withErrors(Dataset<Row> predictions, List<Integer> levels) {
        return withIntervals(withErrors(predictions), levels);
    }

    private static Dataset<Row> withErrors(Dataset<Row> predictions) {
        Column e = col(Y_HAT).minus(col(Y));
        Column es = col(Y_HAT_SCALED).minus(col(Y_SCALED));
        Column denominator = abs(col(Y)).plus(abs(col(Y_HAT)));
        return predictions.where(col(Y).isNotNull())
                .withColumn("e", e).withColumn("e2", e.multiply(e))
                .withColumn("smape_point", when(denominator.gt(0), lit(200).multiply(abs(e)).divide(denominator))
                        .otherwise(0.0))
                .withColumn("es", es).withColumn("es2", es.multiply(es));
    }
}
