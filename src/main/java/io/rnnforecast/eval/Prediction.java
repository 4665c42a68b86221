package io.rnnforecast.eval;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One forecast value, and the codec of the long "predictions" rows the metric tables aggregate: one row per
 * (model, window, step). Values are on the original scale ({@code y}, {@code yHat}) and on the scaled axis the
 * model works on; {@code y} and {@code yScaled} are null past the end of the data. {@code cutoffKey}/{@code dsKey}
 * are the time keys (steps or epoch seconds) of the last observation and of the forecast point.
 * {@code allStepsSquaredError}: for a model with an output at every step (seq2seq), the mean over its output steps
 * j of the squared error (original scale) of step j's forecast of this horizon step against its label,
 * (y_hat[j, k] - s[t_j + k + 1])^2 with s the window's input followed by its target and t_j the input step j ends at
 * (j itself, or kernel - 1 + j stride after a Conv1D front end); null for other models and past the data.
 * {@code intervalScale}: the window's scale of conformal scores and interval half-widths
 * ({@code Window#intervalScale}). {@code quantiles}: a quantile network's forecast quantiles of this point on the
 * original scale, level key ("0.1", {@code model.Quantiles#key}) to value, ascending with the level; null for
 * other models.
 */
public record Prediction(String model, String uniqueId, int windowEnd, boolean lastWindow, int step, Double y,
                         double yHat, Double yScaled, double yHatScaled, long cutoffKey, long dsKey, Double maseScale,
                         Double rmsseScale, Double allStepsSquaredError, double intervalScale,
                         java.util.Map<String, Double> quantiles) {
    public static final String MODEL = "model";
    public static final String UNIQUE_ID = "unique_id";
    public static final String WINDOW_END = "window_end";
    public static final String LAST_WINDOW = "last_window";
    public static final String STEP = "step";
    public static final String Y = "y";
    public static final String Y_HAT = "y_hat";
    public static final String Y_SCALED = "y_scaled";
    public static final String Y_HAT_SCALED = "y_hat_scaled";
    public static final String CUTOFF_KEY = "cutoff_key";
    public static final String DS_KEY = "ds_key";
    /** The series' in-sample seasonal naive MAE and MSE (see ErrorScale); null when undefined. */
    public static final String MASE_SCALE = "mase_scale";
    public static final String RMSSE_SCALE = "rmsse_scale";
    public static final String ALL_STEPS_SE = "all_steps_se";
    public static final String INTERVAL_SCALE = "interval_scale";
    public static final String QUANTILES = "quantiles";
    /** The type of the quantiles map and of the per-quantile metric maps: level key ("0.1") to value. */
    public static final String QUANTILE_MAP = "map<string,double>";
    public static final StructType SCHEMA = new StructType()
            .add(MODEL, DataTypes.StringType, false)
            .add(UNIQUE_ID, DataTypes.StringType, false)
            .add(WINDOW_END, DataTypes.IntegerType, false)
            .add(LAST_WINDOW, DataTypes.BooleanType, false)
            .add(STEP, DataTypes.IntegerType, false)
            .add(Y, DataTypes.DoubleType, true)
            .add(Y_HAT, DataTypes.DoubleType, false)
            .add(Y_SCALED, DataTypes.DoubleType, true)
            .add(Y_HAT_SCALED, DataTypes.DoubleType, false)
            .add(CUTOFF_KEY, DataTypes.LongType, false)
            .add(DS_KEY, DataTypes.LongType, false)
            .add(MASE_SCALE, DataTypes.DoubleType, true)
            .add(RMSSE_SCALE, DataTypes.DoubleType, true)
            .add(ALL_STEPS_SE, DataTypes.DoubleType, true)
            .add(INTERVAL_SCALE, DataTypes.DoubleType, false)
            .add(QUANTILES, DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), true);

    /** A forecast of a model without per-step outputs, its interval scale the MASE one (or 1 where that is null). */
    public Prediction(String model, String uniqueId, int windowEnd, boolean lastWindow, int step, Double y,
                      double yHat, Double yScaled, double yHatScaled, long cutoffKey, long dsKey, Double maseScale,
                      Double rmsseScale) {
        this(model, uniqueId, windowEnd, lastWindow, step, y, yHat, yScaled, yHatScaled, cutoffKey, dsKey, maseScale,
                rmsseScale, null, maseScale == null ? 1 : maseScale, null);
    }

    /** The row, in {@link #SCHEMA}'s column order (the record's component order). */
    public Row toRow() {
        return RowFactory.create(model, uniqueId, windowEnd, lastWindow, step, y, yHat, yScaled, yHatScaled,
                cutoffKey, dsKey, maseScale, rmsseScale, allStepsSquaredError, intervalScale,
                // the row encoder of an RDD of rows takes Scala maps only (a java.util.Map fails to encode)
                quantiles == null ? null : scala.collection.JavaConverters.mapAsScalaMapConverter(quantiles).asScala());
    }
}
