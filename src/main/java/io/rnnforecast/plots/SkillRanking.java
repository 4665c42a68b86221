package io.rnnforecast.plots;

import io.rnnforecast.eval.Baselines;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Picks the test series to draw: the best, median and worst by skill against the naive baseline,
 * skill = 1 - mae_model / mae_naive over all steps of a series: the {@code skill} column of its
 * {@code series_metrics} row with step 0, so a plot's skill is the table's.
 * The ranking runs on the executors; only the picked rows reach the driver.
 */
public final class SkillRanking {
    private SkillRanking() {
    }

    /** One picked series; {@code role} is "best", "median", "worst", or several joined when they coincide. */
    public record Pick(String role, String uniqueId, double maeModel, double maeNaive) {
        public double skill() {
            return 1 - maeModel / maeNaive;
        }
    }

    /**
     * Per series of {@code seriesMetrics} (one run's rows): unique_id, mae_model, mae_naive, skill. Series whose
     * naive MAE is 0 (flat over the horizon) have no defined skill and are left out.
     */
    public static Dataset<Row> skills(Dataset<Row> seriesMetrics, String model) {
        Dataset<Row> allSteps = seriesMetrics.where(col("step").equalTo(0));
        Dataset<Row> fitted = allSteps.where(col("model").equalTo(model))
                .select(col("unique_id"), col("mae").as("mae_model"));
        Dataset<Row> naive = allSteps.where(col("model").equalTo(Baselines.NAIVE))
                .select(col("unique_id"), col("mae").as("mae_naive"));
        return fitted.join(naive, "unique_id").where(col("mae_naive").gt(0))
                .withColumn("skill", lit(1).minus(col("mae_model").divide(col("mae_naive"))));
    }

    /**
     * Best, median and worst of {@link #skills} rows, in that order. Ties go to the smaller unique_id; the median
     * is the lower one, at index (n - 1) / 2 of the n series sorted by ascending skill. A series picked twice (fewer
     * than 3 series, or equal skills) appears once, its roles joined ("best = median").
     */
    public static List<Pick> bestMedianWorst(Dataset<Row> skills) {
        long n = skills.count();
        if (n == 0) {
            return List.of();
        }
        Dataset<Row> ascending = skills.orderBy(col("skill").asc(), col("unique_id").asc());
        long medianIndex = (n - 1) / 2;
        Row median = ascending.javaRDD().zipWithIndex().filter(t -> t._2() == medianIndex).first()._1();
        Row best = skills.orderBy(col("skill").desc(), col("unique_id").asc()).first();
        Row worst = ascending.first();
        Map<String, Pick> picks = new LinkedHashMap<>();
        for (var e : List.of(Map.entry("best", best), Map.entry("median", median), Map.entry("worst", worst))) {
            Row r = e.getValue();
            String id = r.getAs("unique_id");
            Pick earlier = picks.get(id);
            picks.put(id, new Pick(earlier == null ? e.getKey() : earlier.role() + " = " + e.getKey(), id,
                    r.<Double>getAs("mae_model"), r.<Double>getAs("mae_naive")));
        }
        return new ArrayList<>(picks.values());
    }
}
