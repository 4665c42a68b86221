package io.rnnforecast.ingest;

import io.rnnforecast.series.ErrorScale;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.TimeUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import org.apache.spark.sql.functions;

import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * One series as ingestion assembled it, and the codec of its rows: the column names, the schema and row <-> record
 * live here and nowhere else. {@code values} is null for a rejected series ({@code rejectReason} set);
 * {@code frequency} is null when it could not be inferred (a rejected series). {@code labels} is the class index of
 * every value of a labelled series (null when no label column was read, or the series was rejected).
 * {@code covariates} are the repaired values of each covariate column ({@link CovariateSpec#names()} order) on the
 * same grid as {@code values}, on their original scale, and {@code covariateScaling} their per-series scalers
 * (standard, fitted on the same part as y's; null for both without covariates or for a rejected series).
 * {@code statics} and {@code categories} are the series' per-series covariates ({@link StaticCovariates}: numeric,
 * then categorical), as read; null without them.
 */
public record AssembledSeries(String uniqueId, double[] values, long startKey, Frequency frequency, Scaling scaling,
                              ErrorScale errorScale, int observations, int duplicates, int filled, boolean irregular,
                              String rejectReason, int[] labels, double[][] covariates, Scaling[] covariateScaling,
                              double[] statics, String[] categories) {
    public static final String UNIQUE_ID = "unique_id";
    public static final String VALUES = "values";
    public static final String START_KEY = "start_key";
    public static final String FREQ_EVERY = "freq_every";
    public static final String FREQ_UNIT = "freq_unit";
    public static final String SCALING = "scaling";
    public static final String CENTER = "center";
    public static final String SCALE = "scale";
    public static final String MASE_SCALE = "mase_scale";
    public static final String RMSSE_SCALE = "rmsse_scale";
    public static final String SEASON = "season";
    public static final String OBSERVATIONS = "observations";
    public static final String DUPLICATES = "duplicates";
    public static final String FILLED = "filled";
    public static final String IRREGULAR = "irregular";
    public static final String REJECT_REASON = "reject_reason";
    public static final String LABELS = "labels";
    public static final String COVARIATES = "covariates";
    public static final String COVARIATE_CENTER = "covariate_center";
    public static final String COVARIATE_SCALE = "covariate_scale";
    public static final String STATICS = "statics";
    public static final String CATEGORIES = "categories";
    /** The per-series scaler columns, saved with a trained model. */
    public static final List<String> SCALER_COLUMNS = List.of(UNIQUE_ID, SCALING, CENTER, SCALE, COVARIATE_CENTER,
            COVARIATE_SCALE);

    public static final StructType SCHEMA = new StructType()
            .add(UNIQUE_ID, DataTypes.StringType, false)
            .add(VALUES, DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add(START_KEY, DataTypes.LongType, false)
            .add(FREQ_EVERY, DataTypes.LongType, true)
            .add(FREQ_UNIT, DataTypes.StringType, true)
            .add(SCALING, DataTypes.StringType, false)
            .add(CENTER, DataTypes.DoubleType, false)
            .add(SCALE, DataTypes.DoubleType, false)
            .add(MASE_SCALE, DataTypes.DoubleType, true)
            .add(RMSSE_SCALE, DataTypes.DoubleType, true)
            .add(SEASON, DataTypes.IntegerType, false)
            .add(OBSERVATIONS, DataTypes.IntegerType, false)
            .add(DUPLICATES, DataTypes.IntegerType, false)
            .add(FILLED, DataTypes.IntegerType, false)
            .add(IRREGULAR, DataTypes.BooleanType, false)
            .add(REJECT_REASON, DataTypes.StringType, true)
            .add(LABELS, DataTypes.createArrayType(DataTypes.IntegerType, false), true)
            .add(COVARIATES, DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType, false), false),
                    true)
            .add(COVARIATE_CENTER, DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add(COVARIATE_SCALE, DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add(STATICS, DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add(CATEGORIES, DataTypes.createArrayType(DataTypes.StringType, true), true);
    private static final int I_ID = SCHEMA.fieldIndex(UNIQUE_ID);
    private static final int I_VALUES = SCHEMA.fieldIndex(VALUES);
    private static final int I_START = SCHEMA.fieldIndex(START_KEY);
    private static final int I_EVERY = SCHEMA.fieldIndex(FREQ_EVERY);
    private static final int I_UNIT = SCHEMA.fieldIndex(FREQ_UNIT);
    private static final int I_SCALING = SCHEMA.fieldIndex(SCALING);
    private static final int I_CENTER = SCHEMA.fieldIndex(CENTER);
    private static final int I_SCALE = SCHEMA.fieldIndex(SCALE);
    private static final int I_MASE = SCHEMA.fieldIndex(MASE_SCALE);
    private static final int I_RMSSE = SCHEMA.fieldIndex(RMSSE_SCALE);
    private static final int I_SEASON = SCHEMA.fieldIndex(SEASON);
    private static final int I_OBSERVATIONS = SCHEMA.fieldIndex(OBSERVATIONS);
    private static final int I_DUPLICATES = SCHEMA.fieldIndex(DUPLICATES);
    private static final int I_FILLED = SCHEMA.fieldIndex(FILLED);
    private static final int I_IRREGULAR = SCHEMA.fieldIndex(IRREGULAR);
    private static final int I_REJECT = SCHEMA.fieldIndex(REJECT_REASON);
    private static final int I_LABELS = SCHEMA.fieldIndex(LABELS);
    private static final int I_COVARIATES = SCHEMA.fieldIndex(COVARIATES);
    private static final int I_COVARIATE_CENTER = SCHEMA.fieldIndex(COVARIATE_CENTER);
    private static final int I_COVARIATE_SCALE = SCHEMA.fieldIndex(COVARIATE_SCALE);
    private static final int I_STATICS = SCHEMA.fieldIndex(STATICS);
    private static final int I_CATEGORIES = SCHEMA.fieldIndex(CATEGORIES);

    /**
     * The per-series scalers of a series table (or of a model's stored scalers): what a trained model keeps to
     * scale its inputs and outputs. Scalers saved before covariates existed lack the covariate columns: null there.
     */
    public static Dataset<Row> scalers(Dataset<Row> series) {
        List<String> has = List.of(series.columns());
        return series.select(SCALER_COLUMNS.stream().map(name -> has.contains(name) ? col(name)
                : lit(null).cast(SCHEMA.apply(name).dataType()).as(name)).toArray(Column[]::new));
    }

    /**
     * {@code series} with the scaler of every series {@code stored} has (a model's, see {@link #scalers}) in place
     * of the one fitted at ingestion; series it lacks (never seen in training) keep their own. Same columns.
     */
    public static Dataset<Row> withScalersFrom(Dataset<Row> series, Dataset<Row> stored) {
        Dataset<Row> s = scalers(stored).select(SCALER_COLUMNS.stream().map(name -> col(name)
                .as(name.equals(UNIQUE_ID) ? "stored_id" : "stored_" + name)).toArray(Column[]::new));
        Dataset<Row> joined = series.join(s, series.col(UNIQUE_ID).equalTo(s.col("stored_id")), "left");
        Column[] columns = new Column[SCHEMA.size()];
        for (int i = 0; i < columns.length; i++) {
            String name = SCHEMA.fields()[i].name();
            columns[i] = SCALER_COLUMNS.contains(name) && !name.equals(UNIQUE_ID)
                    ? coalesce(col("stored_" + name), series.col(name)).as(name) : series.col(name);
        }
        return joined.select(columns);
    }

    public boolean rejected() {
        return rejectReason != null;
    }

    public Row toRow() {
        Object[] fields = new Object[SCHEMA.size()];
        fields[I_ID] = uniqueId;
        fields[I_VALUES] = values;
        fields[I_START] = startKey;
        fields[I_EVERY] = frequency == null ? null : frequency.every();
        fields[I_UNIT] = frequency == null ? null : frequency.unit().name();
        fields[I_SCALING] = scaling.method().name();
        fields[I_CENTER] = scaling.center();
        fields[I_SCALE] = scaling.scale();
        fields[I_MASE] = Double.isNaN(errorScale.mae()) ? null : errorScale.mae();
        fields[I_RMSSE] = Double.isNaN(errorScale.mse()) ? null : errorScale.mse();
        fields[I_SEASON] = errorScale.season();
        fields[I_OBSERVATIONS] = observations;
        fields[I_DUPLICATES] = duplicates;
        fields[I_FILLED] = filled;
        fields[I_IRREGULAR] = irregular;
        fields[I_REJECT] = rejectReason;
        fields[I_LABELS] = labels;
        fields[I_COVARIATES] = covariates;
        fields[I_STATICS] = statics;
        fields[I_CATEGORIES] = categories;
        if (covariateScaling != null) {
            double[] center = new double[covariateScaling.length];
            double[] scale = new double[covariateScaling.length];
            for (int i = 0; i < center.length; i++) {
                center[i] = covariateScaling[i].center();
                scale[i] = covariateScaling[i].scale();
            }
            fields[I_COVARIATE_CENTER] = center;
            fields[I_COVARIATE_SCALE] = scale;
        }
        return RowFactory.create(fields);
    }

    /**
     * A row with these columns, by name: the series table after ingestion, or after its scaler columns were
     * replaced by a model's (same names, any order).
     */
    public static AssembledSeries fromRow(Row row) {
        List<Double> list = row.isNullAt(row.fieldIndex(VALUES)) ? null : row.getList(row.fieldIndex(VALUES));
        double[] values = null;
        if (list != null) {
            values = new double[list.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = list.get(i);
            }
        }
        Frequency frequency = row.isNullAt(row.fieldIndex(FREQ_EVERY)) ? null
                : new Frequency(row.<Long>getAs(FREQ_EVERY), TimeUnit.valueOf(row.getAs(FREQ_UNIT)));
        Scaling scaling = new Scaling(Scaling.Method.valueOf(row.getAs(SCALING)), row.<Double>getAs(CENTER),
                row.<Double>getAs(SCALE));
        int season = row.<Integer>getAs(SEASON);
        ErrorScale errorScale = row.isNullAt(row.fieldIndex(MASE_SCALE)) ? ErrorScale.none(season)
                : new ErrorScale(row.<Double>getAs(MASE_SCALE), row.<Double>getAs(RMSSE_SCALE), season);
        int[] labels = null;
        if (!row.isNullAt(row.fieldIndex(LABELS))) {
            List<Integer> l = row.getList(row.fieldIndex(LABELS));
            labels = l.stream().mapToInt(Integer::intValue).toArray();
        }
        double[][] covariates = null;
        Scaling[] covariateScaling = null;
        if (!row.isNullAt(row.fieldIndex(COVARIATES))) {
            // Spark hands the inner arrays of a nested array over as Scala sequences
            List<scala.collection.Seq<Double>> c = row.getList(row.fieldIndex(COVARIATES));
            covariates = new double[c.size()][];
            for (int i = 0; i < covariates.length; i++) {
                covariates[i] = scala.collection.JavaConverters.seqAsJavaList(c.get(i)).stream()
                        .mapToDouble(Double::doubleValue).toArray();
            }
            List<Double> center = row.getList(row.fieldIndex(COVARIATE_CENTER));
            List<Double> scale = row.getList(row.fieldIndex(COVARIATE_SCALE));
            covariateScaling = new Scaling[covariates.length];
            for (int i = 0; i < covariates.length; i++) {
                covariateScaling[i] = new Scaling(Scaling.Method.STANDARD, center.get(i), scale.get(i));
            }
        }
        double[] statics = row.isNullAt(row.fieldIndex(STATICS)) ? null : row.<Double>getList(row.fieldIndex(STATICS))
                .stream().mapToDouble(Double::doubleValue).toArray();
        String[] categories = row.isNullAt(row.fieldIndex(CATEGORIES)) ? null
                : row.<String>getList(row.fieldIndex(CATEGORIES)).toArray(String[]::new);
        return new AssembledSeries(row.getAs(UNIQUE_ID), values, row.<Long>getAs(START_KEY), frequency, scaling,
                errorScale, row.<Integer>getAs(OBSERVATIONS), row.<Integer>getAs(DUPLICATES), row.<Integer>getAs(FILLED),
                row.<Boolean>getAs(IRREGULAR), row.getAs(REJECT_REASON), labels, covariates, covariateScaling, statics,
                categories);
    }

    /**
     * The per-series covariates' scalers and categories, fitted on {@code series} (a series table: one row per
     * series, so every series weighs alike whatever its length): one aggregation on the executors, at most
     * {@link StaticCovariates#MAX_CATEGORIES} + 1 categories a column reach the driver. A numeric column with one
     * value across all series keeps scale 1 (it is only shifted).
     */
    public static StaticCovariates fitStatics(Dataset<Row> series, StaticCovariates statics) {
        if (!statics.any()) {
            return statics;
        }
        List<Column> aggregates = new java.util.ArrayList<>();
        for (int i = 0; i < statics.numeric().size(); i++) {
            Column v = functions.element_at(col(STATICS), i + 1);
            aggregates.add(functions.avg(v));
            aggregates.add(functions.stddev_pop(v));
        }
        for (int c = 0; c < statics.categorical().size(); c++) {
            Column v = functions.element_at(col(CATEGORIES), c + 1);
            aggregates.add(functions.slice(functions.array_sort(functions.collect_set(v)), 1,
                    StaticCovariates.MAX_CATEGORIES + 1));
        }
        Row r = series.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .first();
        List<Double> centers = new java.util.ArrayList<>();
        List<Double> scales = new java.util.ArrayList<>();
        int at = 0;
        for (int i = 0; i < statics.numeric().size(); i++, at += 2) {
            if (r.isNullAt(at)) {
                throw new IllegalArgumentException(StaticCovariates.NUMERIC + ": no series has a value of '"
                        + statics.numeric().get(i) + "'");
            }
            double sd = r.getDouble(at + 1);
            centers.add(r.getDouble(at));
            scales.add(sd > 0 && Double.isFinite(sd) ? sd : 1.0);
        }
        List<List<String>> categories = new java.util.ArrayList<>();
        for (int c = 0; c < statics.categorical().size(); c++, at++) {
            categories.add(List.copyOf(r.<String>getList(at)));
        }
        return statics.fitted(centers, scales, categories);
    }

    /** Each covariate's values on the scaled axis the network sees (its scaler applied), or null without any. */
    public double[][] scaledCovariates() {
        if (covariates == null) {
            return null;
        }
        double[][] out = new double[covariates.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[covariates[i].length];
            for (int t = 0; t < out[i].length; t++) {
                out[i][t] = covariateScaling[i].apply(covariates[i][t]);
            }
        }
        return out;
    }
}
