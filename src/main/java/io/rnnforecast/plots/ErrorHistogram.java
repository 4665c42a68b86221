package io.rnnforecast.plots;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The distribution of per-series MSE (all steps) for each model, binned on the executors on a log10 scale (errors
 * of forecasting models spread over decades): only the bin counts reach the driver. {@code edges} are the bins'
 * log10(MSE) boundaries, shared by all models; {@code zeros} counts series with MSE 0, which a log scale cannot
 * show; {@code medians} is each model's (approximate) median per-series MSE.
 */
public record ErrorHistogram(double[] edges, Map<String, long[]> counts, Map<String, Long> zeros,
                             Map<String, Double> medians) {

    /** Bins of {@code seriesMetrics} (one run's rows) for {@code models}: about sqrt(series) bins, 5 to 40. */
    public static ErrorHistogram of(Dataset<Row> seriesMetrics, List<String> models) {
        Dataset<Row> errors = seriesMetrics.where(col("step").equalTo(0).and(col("model").isin(models.toArray())))
                .select(col("model"), col("mse"));
        Dataset<Row> positive = errors.where(col("mse").gt(0)).withColumn("lg", log10(col("mse")));
        Row range = positive.agg(min("lg"), max("lg"), count(lit(1))).first();
        if (range.getLong(2) == 0) {
            throw new IllegalStateException("no series with a positive MSE to draw");
        }
        double lo = range.getDouble(0);
        double hi = range.getDouble(1);
        long perModel = Math.max(1, range.getLong(2) / models.size());
        int bins = (int) Math.max(5, Math.min(40, Math.round(Math.sqrt(perModel))));
        if (hi - lo < 1e-9) {   // every series has the same error: one decade around it
            lo -= 0.5;
            hi += 0.5;
        }
        double width = (hi - lo) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = lo + i * width;
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Long> zeros = new LinkedHashMap<>();
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String m : models) {
            counts.put(m, new long[bins]);
            zeros.put(m, 0L);
        }
        // the maximum falls on the last edge: it belongs to the last bin
        for (Row r : positive.groupBy(col("model"), least(floor(col("lg").minus(lo).divide(width)), lit(bins - 1))
                .cast("int").as("bin")).count().collectAsList()) {
            counts.get(r.getString(0))[r.getInt(1)] = r.getLong(2);
        }
        for (Row r : errors.groupBy("model").agg(sum(when(col("mse").equalTo(0), 1).otherwise(0)).as("zeros"),
                percentile_approx(col("mse"), lit(0.5), lit(10000)).as("median")).collectAsList()) {
            zeros.put(r.getString(0), r.getLong(1));
            medians.put(r.getString(0), r.getDouble(2));
        }
        return new ErrorHistogram(edges, counts, zeros, medians);
    }
}
