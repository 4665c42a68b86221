package io.rnnforecast.eval;

import io.rnnforecast.model.Quantiles;
import io.rnnforecast.store.IntervalCalibration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.rnnforecast.eval.Prediction.INTERVAL_SCALE;
import static io.rnnforecast.eval.Prediction.MODEL;
import static io.rnnforecast.eval.Prediction.STEP;
import static io.rnnforecast.eval.Prediction.Y_HAT;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.when;

/**
 * The prediction rows with their intervals: columns {@code lo} and {@code hi}, maps from level (percent) to the
 * bound, y_hat -/+ halfWidth(model, step, level) * the window's interval scale. The calibration (a few numbers per
 * model and step) is broadcast and joined on the executors. A model the calibration does not have gets null maps
 * (the caller says so: {@link IntervalCalibration#missing}); with no levels both columns are null.
 */
public final class PredictionIntervals {
    public static final String LO = "lo";
    public static final String HI = "hi";
    /** The type of lo, hi and of the per-level metric columns. */
    public static final String LEVEL_MAP = "map<int,double>";
    private static final String HALF_WIDTH = "half_width";
    private static final String CAL_MODEL = "calibrated_model";
    private static final String CAL_STEP = "calibrated_step";

    private PredictionIntervals() {
    }

    public static Dataset<Row> attach(SparkSession spark, Dataset<Row> predictions, IntervalCalibration calibration,
                                      List<Integer> levels) {
        List<Column> columns = new ArrayList<>(Arrays.stream(predictions.columns()).map(c -> predictions.col(c))
                .toList());
        if (calibration == null || levels.isEmpty()) {
            columns.add(none().as(LO));
            columns.add(none().as(HI));
            return predictions.select(columns.toArray(Column[]::new));
        }
        Dataset<Row> widths = broadcast(halfWidths(spark, calibration, levels));
        Dataset<Row> joined = predictions.join(widths, predictions.col(MODEL).equalTo(widths.col(CAL_MODEL))
                .and(predictions.col(STEP).equalTo(widths.col(CAL_STEP))), "left");
        columns.add(bound(levels, -1).as(LO));
        columns.add(bound(levels, 1).as(HI));
        return joined.select(columns.toArray(Column[]::new));
    }

    /**
     * {@code predictions} (with lo and hi, {@link #attach}) where each row with quantile forecasts (a quantile
     * network's, its ensemble's median) takes its intervals from them: level L from the quantiles at
     * {@link Quantiles#centralBounds}(L), which the caller checked the network has
     * ({@link IntervalSpec#quantilesMissing}); rows without quantiles (the baselines, combinations with them)
     * keep their conformal lo and hi. The quantiles are already sorted and on the original scale, so lo <= hi.
     */
    public static Dataset<Row> fromQuantiles(Dataset<Row> predictions, List<Integer> levels) {
        if (levels.isEmpty() || !Arrays.asList(predictions.columns()).contains(Prediction.QUANTILES)) {
            return predictions;
        }
        List<Column> lo = new ArrayList<>();
        List<Column> hi = new ArrayList<>();
        for (int level : levels) {
            double[] bounds = Quantiles.centralBounds(level);
            lo.add(lit(level));
            lo.add(col(Prediction.QUANTILES).getItem(Quantiles.key(bounds[0])));
            hi.add(lit(level));
            hi.add(col(Prediction.QUANTILES).getItem(Quantiles.key(bounds[1])));
        }
        Column own = col(Prediction.QUANTILES).isNotNull();
        return predictions
                .withColumn(LO, when(own, map(lo.toArray(Column[]::new))).otherwise(col(LO)))
                .withColumn(HI, when(own, map(hi.toArray(Column[]::new))).otherwise(col(HI)));
    }

    /** A null level map. */
    public static Column none() {
        return lit(null).cast(LEVEL_MAP);
    }

    private static Column bound(List<Integer> levels, int sign) {
        List<Column> entries = new ArrayList<>();
        for (int level : levels) {
            entries.add(lit(level));
            entries.add(col(Y_HAT).plus(col(HALF_WIDTH).getItem(level).multiply(col(INTERVAL_SCALE)).multiply(sign)));
        }
        return when(col(HALF_WIDTH).isNotNull(), map(entries.toArray(Column[]::new))).otherwise(none());
    }

    /** calibrated_model, calibrated_step, half_width (level -> half-width in interval-scale units). */
    private static Dataset<Row> halfWidths(SparkSession spark, IntervalCalibration calibration, List<Integer> levels) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, IntervalCalibration.Steps> m : calibration.models().entrySet()) {
            int horizon = m.getValue().n().length;
            for (int step = 1; step <= horizon; step++) {
                Map<Integer, Double> widths = new java.util.TreeMap<>();
                for (int level : levels) {
                    widths.put(level, m.getValue().halfWidths().get(level)[step - 1]);
                }
                rows.add(RowFactory.create(m.getKey(), step, widths));
            }
        }
        StructType schema = new StructType().add(CAL_MODEL, DataTypes.StringType, false)
                .add(CAL_STEP, DataTypes.IntegerType, false)
                .add(HALF_WIDTH, DataTypes.createMapType(DataTypes.IntegerType, DataTypes.DoubleType, false), false);
        return spark.createDataFrame(rows, schema);
    }
}
