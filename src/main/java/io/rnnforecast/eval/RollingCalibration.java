package io.rnnforecast.eval;

import io.rnnforecast.store.IntervalCalibration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.List;
import java.util.Map;

import static io.rnnforecast.eval.ConformalCalibration.GROUP;
import static io.rnnforecast.eval.Prediction.MODEL;
import static io.rnnforecast.eval.Prediction.UNIQUE_ID;
import static io.rnnforecast.eval.Prediction.WINDOW_END;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;

/**
 * Conformal intervals for a backtest over several cutoffs (split.mode = time, split.cutoffs > 1): the test windows
 * at a series' k-th cutoff (k = 1 the earliest) take their half-widths from a calibration on the validation windows
 * and the test windows of its cutoffs 1..k-1, whose actual values are all known at cutoff k's origin (the test
 * horizons follow each other), as statsforecast's and NeuralForecast's conformal intervals calibrate each cutoff on
 * the cross-validation windows before it. A later cutoff thus calibrates on more errors, and on errors a network
 * made as far from its training data as its own (the validation horizon is the one right after the training
 * windows, where a network's errors are smallest). Cutoff 1 keeps the given calibration (the model's, made on the
 * validation windows). All calibrations come from one window sort: each score is copied to the groups of the
 * cutoffs it serves (at most cutoffs - 1 copies).
 */
public final class RollingCalibration {
    private static final String CUTOFF = "test_cutoff";

    private RollingCalibration() {
    }

    /**
     * The test prediction rows, {@link #numbered}, with lo and hi ({@link PredictionIntervals#attach}) and without
     * the number: cutoff 1 from {@code first}, cutoff k from the scores of the {@code validation} rows (the same
     * models' forecasts of the validation windows, interval scales over {@code first}'s span) and of the test rows
     * of cutoffs before k. {@code ranked} is read cutoffs + 1 times: cache it.
     */
    public static Dataset<Row> attach(SparkSession spark, Dataset<Row> ranked, Dataset<Row> validation,
                                      IntervalCalibration first, List<Integer> levels, int horizon, int cutoffs) {
        Map<Integer, IntervalCalibration> byCutoff = ConformalCalibration.perGroup(earlier(ranked, validation,
                cutoffs), horizon, levels, first.scaleSteps());
        Dataset<Row> out = PredictionIntervals.attach(spark, cutoff(ranked, 1), first, levels);
        for (int k = 2; k <= cutoffs; k++) {
            IntervalCalibration calibration = byCutoff.getOrDefault(k,
                    new IntervalCalibration(levels, Map.of(), List.of(), first.scaleSteps(), first.horizons()));
            out = out.union(PredictionIntervals.attach(spark, cutoff(ranked, k), calibration, levels));
        }
        // one partition per partition of the rows, not one per cutoff and partition
        return out.coalesce(Math.max(1, ranked.rdd().getNumPartitions()));
    }

    /**
     * The {@code test} prediction rows ({@link Prediction#SCHEMA}, each series' test windows) with their cutoff's
     * number among their series' test windows (1: the earliest), as {@link #attach} reads them.
     */
    public static Dataset<Row> numbered(Dataset<Row> test) {
        // the window's shuffle in the rows' own partition count (a hash partitioning by unique_id satisfies the
        // window's keys), not spark.sql.shuffle.partitions: EvaluationTables sizes every later stage by it, and
        // the 4 x 200 partitions of an M4 Weekly backtest over 4 cutoffs took its evaluate from 27 s to 241 s
        int partitions = Math.max(1, test.rdd().getNumPartitions());
        WindowSpec bySeries = Window.partitionBy(col(MODEL), col(UNIQUE_ID)).orderBy(col(WINDOW_END));
        return test.repartition(partitions, col(UNIQUE_ID)).withColumn(CUTOFF, dense_rank().over(bySeries));
    }

    /** Every score that calibrates a cutoff k >= 2, once per such k (k in {@value ConformalCalibration#GROUP}). */
    private static Dataset<Row> earlier(Dataset<Row> ranked, Dataset<Row> validation, int cutoffs) {
        return validation.withColumn(GROUP, explode(sequence(lit(2), lit(cutoffs))))
                .unionByName(ranked.where(col(CUTOFF).lt(cutoffs))
                        .withColumn(GROUP, explode(sequence(col(CUTOFF).plus(1), lit(cutoffs)))).drop(CUTOFF));
    }

    private static Dataset<Row> cutoff(Dataset<Row> ranked, int k) {
        return ranked.where(col(CUTOFF).equalTo(k)).drop(CUTOFF);
    }
}
