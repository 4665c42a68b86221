package io.rnnforecast.ingest;

import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.series.ErrorScale;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.RejectReason;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.series.SeriesRepair;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

/**
 * The one reader of long-format data (generated or users'): validates the schema, drops bad rows by reason,
 * assembles each series in time order, repairs duplicates and gaps, rejects series that cannot be used, and fits
 * each series' scaler on its training part. Nothing is lost unaccounted: see {@link IngestCounts} and the rejects.
 */
public final class SeriesIngest {
    public static final StructType REJECTS_SCHEMA = new StructType()
            .add("unique_id", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, false)
            .add("n_rows", DataTypes.LongType, false);
    /**
     * The grouping shuffle has spark.sql.shuffle.partitions (200) partitions, which adaptive execution does not
     * coalesce for a cached plan. Minibatches are built per partition, so 10,000 series in 200 partitions gave
     * half-empty batches and cut training from ~3,000 to ~300 samples/s on local[2] (measured); the scalers saved
     * with a model were 200 files.
     */
    static final int PARTITIONS_PER_CORE = 4;

    /**
     * What ingestion produced: used series ({@link AssembledSeries} rows), rejects (one row per series and reason),
     * counts, the ds kind and the input's schema (DDL).
     * {@code cached} are the persisted datasets they are derived from; {@link #release()} frees them.
     */
    public record Ingested(Dataset<Row> series, Dataset<Row> rejects, IngestCounts counts, TimeKind timeKind,
                           String inputSchema, List<Dataset<Row>> cached, List<String> classes) {
        /** Unlabelled. */
        public Ingested(Dataset<Row> series, Dataset<Row> rejects, IngestCounts counts, TimeKind timeKind,
                        String inputSchema, List<Dataset<Row>> cached) {
            this(series, rejects, counts, timeKind, inputSchema, cached, List.of());
        }

        public void release() {
            cached.forEach(Dataset::unpersist);
        }
    }

    private final SparkSession spark;
    private final IngestSpec spec;

    public SeriesIngest(SparkSession spark, IngestSpec spec) {
        this.spark = spark;
        this.spec = spec;
    }

    /** Reads the dataset at {@code path} in the spec's format. */
    public Ingested read(String path) {
        return read(load(spark, path, spec.format()), path);
    }

    /**
     * Reads long-format rows already loaded ({@code path}: what messages call them, a path or a DataFrame's
     * description).
     */
    public Ingested read(Dataset<Row> raw, String path) {
        SeriesColumns c = spec.columns();
        RowColumns row = rowColumns(raw, path);
        TimeKind kind = row.kind();
        Column id = row.id();
        Column key = row.key();
        Column y = row.y();
        Column reason = row.rejectReason();
        List<String> classes = List.of();
        Column labelIndex = lit(0);
        if (spec.labelled()) {
            Column label = col(c.label()).cast(DataTypes.StringType);
            reason = reason.when(label.isNull(), RejectReason.NULL_LABEL.key());
            classes = spec.labels().learns() ? classesOf(path, raw, label, reason) : spec.labels().classes();
            // 1-based position in the class list, 0 for a label not in it
            labelIndex = array_position(array(classes.stream().map(functions::lit).toArray(Column[]::new)), label).cast(DataTypes.IntegerType)
                    .minus(1);
            reason = reason.when(labelIndex.lt(0), RejectReason.UNKNOWN_LABEL.key());
        }
        Dataset<Row> rows = raw.select(id.as("unique_id"), key.as("key"), y.as("y"),
                monotonically_increasing_id().as("order"), reason.as("reason"), labelIndex.as("label"),
                row.covariateArray().as("x"), row.categoryArray().as("k"));

        // Small (one row per series and reason): kept, so neither the counts nor the rejects table rescan the input.
        Dataset<Row> rowRejects = rows.where(col("reason").isNotNull())
                .groupBy(col("unique_id"), col("reason")).agg(count(lit(1)).as("n_rows"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> assembled = assemble(rows, kind).persist(StorageLevel.MEMORY_AND_DISK());

        Column rejectReason = col(AssembledSeries.REJECT_REASON);
        Column duplicates = col(AssembledSeries.DUPLICATES);
        Dataset<Row> seriesRejects = assembled.where(rejectReason.isNotNull())
                .select(col(AssembledSeries.UNIQUE_ID), rejectReason.as("reason"),
                        col(AssembledSeries.OBSERVATIONS).cast(DataTypes.LongType).as("n_rows"));
        Dataset<Row> duplicateRows = assembled.where(rejectReason.isNull().and(duplicates.gt(0)))
                .select(col(AssembledSeries.UNIQUE_ID), lit(RejectReason.DUPLICATE_DS.key()).as("reason"),
                        duplicates.cast(DataTypes.LongType).as("n_rows"));
        Dataset<Row> rejects = rowRejects.unionByName(seriesRejects).unionByName(duplicateRows);

        IngestCounts counts = tally(rowRejects, assembled);
        Dataset<Row> used = assembled.where(rejectReason.isNull());
        return new Ingested(used, rejects, counts, kind, raw.schema().toDDL(), List.of(assembled, rowRejects),
                classes);
    }

    /**
     * The used series of long-format rows ({@link AssembledSeries} rows), lazily: nothing is cached or counted and
     * no Spark job runs here (but for a text column's type check), so the result is recomputed from {@code raw}
     * whenever it is used; for a caller that reads the series once and needs neither rejects nor counts (a Spark
     * ML {@code transform}). Unlabelled.
     */
    public Dataset<Row> usedSeries(Dataset<Row> raw, String path) {
        if (spec.labelled()) {
            throw new IllegalArgumentException("usedSeries reads unlabelled series only");
        }
        RowColumns row = rowColumns(raw, path);
        Dataset<Row> rows = raw.select(row.id().as("unique_id"), row.key().as("key"), row.y().as("y"),
                monotonically_increasing_id().as("order"), row.rejectReason().as("reason"), lit(0).as("label"),
                row.covariateArray().as("x"), row.categoryArray().as("k"));
        return assemble(rows, row.kind()).where(col(AssembledSeries.REJECT_REASON).isNull());
    }

    /**
     * A long-format row's columns, typed, and why the row is dropped (null: kept); labels aside. {@code covariates}
     * are the covariate columns as doubles ({@link CovariateSpec#names()} order), {@code future} says which are
     * known ahead: a null or NaN future covariate drops the row, a historic one is a gap in that covariate
     * (NaN in the row's array, repaired in the series).
     */
    private record RowColumns(TimeKind kind, Column id, Column key, Column y, List<Column> covariates,
                              CovariateSpec spec) {
        Column rejectReason() {
            // with future covariates a row without y tells the covariates of a step (IngestSpec): kept
            Column reason = when(id.isNull(), RejectReason.NULL_UNIQUE_ID.key())
                    .when(key.isNull(), RejectReason.NULL_DS.key())
                    .when(y.isNull().and(lit(spec.future().isEmpty())), RejectReason.NULL_Y.key())
                    .when(isnan(y), RejectReason.NAN_Y.key())
                    .when(abs(y).equalTo(Double.POSITIVE_INFINITY), RejectReason.INFINITE_Y.key());
            for (int i = 0; i < covariates.size(); i++) {
                Column x = covariates.get(i);
                // the per-series columns come after the per-step ones: their nulls are checked per series
                if (spec.isFuture(i) && i < spec.count()) {
                    reason = reason.when(x.isNull().or(isnan(x)), RejectReason.NULL_FUTURE_COVARIATE.key());
                }
                reason = reason.when(abs(x).equalTo(Double.POSITIVE_INFINITY),
                        RejectReason.INFINITE_COVARIATE.key());
            }
            return reason;
        }

        /** The row's categorical columns as text (null without). */
        Column categoryArray() {
            if (spec.statics().categorical().isEmpty()) {
                return lit(null).cast(DataTypes.createArrayType(DataTypes.StringType));
            }
            return array(spec.statics().categorical().stream().map(name -> col(name).cast(DataTypes.StringType))
                    .toArray(Column[]::new));
        }

        /**
         * The row's numeric covariates as one array, the per-step ones then the per-series ones, a missing value
         * as NaN (null without covariates).
         */
        Column covariateArray() {
            if (covariates.isEmpty()) {
                return lit(null).cast(DataTypes.createArrayType(DataTypes.DoubleType));
            }
            return array(covariates.stream().map(x -> coalesce(x, lit(Double.NaN))).toArray(Column[]::new));
        }
    }

    private RowColumns rowColumns(Dataset<Row> raw, String path) {
        SeriesColumns c = spec.columns();
        checkColumns(path, raw);
        TimeKind kind = checkTypes(path, raw);
        checkCovariateTypes(path, raw);
        List<Column> covariates = spec.covariates().numericColumns().stream()
                .map(name -> col(name).cast(DataTypes.DoubleType)).toList();
        return new RowColumns(kind, col(c.id()).cast(DataTypes.StringType), timeKey(kind),
                col(c.y()).cast(DataTypes.DoubleType), covariates, spec.covariates());
    }

    /** What {@code ds} holds in {@code raw} (a type check naming the column and an offending value). */
    public TimeKind timeKind(Dataset<Row> raw, String path) {
        checkColumns(path, raw);
        return checkTypes(path, raw);
    }

    /** Rows grouped into series, repaired, checked and scaled: every series, used or rejected. */
    private Dataset<Row> assemble(Dataset<Row> rows, TimeKind kind) {
        Dataset<Row> points = rows.where(col("reason").isNull()).groupBy(col("unique_id"))
                .agg(collect_list(struct(col("key"), col("y"), col("order"), col("label"), col("x"), col("k")))
                        .as("points"));
        return points.map(assemble(spec, kind != TimeKind.STEP), Encoders.row(AssembledSeries.SCHEMA))
                .coalesce(PARTITIONS_PER_CORE * spark.sparkContext().defaultParallelism());
    }

    /**
     * The distinct labels of the rows no other rule drops, sorted: a classifier's classes. One aggregation on the
     * executors; at most {@link LabelSpec#MAX_CLASSES} + 1 values reach the driver.
     */
    private static List<String> classesOf(String path, Dataset<Row> raw, Column label, Column reason) {
        List<String> found = raw.where(reason.isNull()).select(label.as("label")).distinct()
                .limit(LabelSpec.MAX_CLASSES + 1).collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
        if (found.size() > LabelSpec.MAX_CLASSES) {
            throw new IllegalArgumentException("Dataset " + path + ": the label column has more than "
                    + LabelSpec.MAX_CLASSES + " classes; is it the right column?");
        }
        if (found.size() < 2) {
            throw new IllegalArgumentException("Dataset " + path + ": a classifier needs at least 2 classes in the"
                    + " label column, found " + found);
        }
        return found;
    }

    /**
     * Every input row is either dropped by a row rule (in {@code rowRejects}) or an observation of an assembled
     * series, so rows read is their sum; nothing here reads the input again.
     */
    private static IngestCounts tally(Dataset<Row> rowRejects, Dataset<Row> assembled) {
        Map<String, Long> dropped = new HashMap<>();
        long rowsRead = 0;
        for (Row r : rowRejects.groupBy(col("reason")).agg(sum("n_rows")).collectAsList()) {
            rowsRead += r.getLong(1);
            dropped.put(r.getString(0), r.getLong(1));
        }
        long rowsUsed = 0;
        long filled = 0;
        long irregular = 0;
        long seriesRead = 0;
        long seriesUsed = 0;
        long duplicates = 0;
        long rejectedRows = 0;
        Map<String, Long> rejected = new HashMap<>();
        for (Row r : assembled.groupBy(col(AssembledSeries.REJECT_REASON)).agg(count(lit(1)),
                sum(AssembledSeries.OBSERVATIONS), sum(AssembledSeries.DUPLICATES), sum(AssembledSeries.FILLED),
                sum(col(AssembledSeries.IRREGULAR).cast(DataTypes.IntegerType))).collectAsList()) {
            long n = r.getLong(1);
            seriesRead += n;
            rowsRead += r.getLong(2);
            irregular += r.getLong(5);
            if (r.isNullAt(0)) {
                seriesUsed += n;
                duplicates += r.getLong(3);
                rowsUsed += r.getLong(2) - r.getLong(3);
                filled += r.getLong(4);
            } else {
                rejected.put(r.getString(0), n);
                rejectedRows += r.getLong(2);
            }
        }
        if (duplicates > 0) {
            dropped.put(RejectReason.DUPLICATE_DS.key(), duplicates);
        }
        if (rejectedRows > 0) {
            dropped.put(RejectReason.SERIES_REJECTED.key(), rejectedRows);
        }
        // Rows with a null unique_id belong to no series; they are counted as rows only.
        return new IngestCounts(rowsRead, rowsUsed, dropped, filled, seriesRead, seriesUsed, rejected, irregular);
    }

    private static MapFunction<Row, Row> assemble(IngestSpec spec, boolean keysAreSeconds) {
        SeriesRepair repair = new SeriesRepair(spec.repair());
        SeriesRepair.LabelRepair labelRepair = repair.forLabels();
        return row -> {
            String id = row.getString(0);
            List<Row> points = row.getList(1);
            int n = points.size();
            long[] keys = new long[n];
            double[] y = new double[n];
            long[] order = new long[n];
            double[] label = new double[n];
            int covariateCount = spec.covariates().count();
            double[][] x = new double[covariateCount][n];
            StaticCovariates statics = spec.covariates().statics();
            double[][] staticRows = new double[statics.numeric().size()][n];
            String[][] categoryRows = new String[statics.categorical().size()][n];
            boolean[] known = new boolean[n];
            int withY = 0;
            for (int i = 0; i < n; i++) {
                Row p = points.get(i);
                keys[i] = p.getLong(0);
                known[i] = !p.isNullAt(1);
                y[i] = known[i] ? p.getDouble(1) : Double.NaN;
                withY += known[i] ? 1 : 0;
                order[i] = p.getLong(2);
                label[i] = p.getInt(3);
                if (covariateCount + staticRows.length > 0) {
                    List<Double> xs = p.getList(4);
                    for (int c = 0; c < covariateCount; c++) {
                        x[c][i] = xs.get(c);
                    }
                    for (int c = 0; c < staticRows.length; c++) {
                        staticRows[c][i] = xs.get(covariateCount + c);
                    }
                }
                if (categoryRows.length > 0) {
                    List<String> ks = p.getList(5);
                    for (int c = 0; c < categoryRows.length; c++) {
                        categoryRows[c][i] = ks.get(c);
                    }
                }
            }
            // y is repaired from the rows that have one; every row's covariates are used
            int[] rowsWithY = withY == n ? null : java.util.stream.IntStream.range(0, n).filter(i -> known[i])
                    .toArray();
            SeriesRepair.Result r = rowsWithY == null ? repair.repair(keys, y, order, keysAreSeconds)
                    : repair.repair(java.util.Arrays.stream(rowsWithY).mapToLong(i -> keys[i]).toArray(),
                    java.util.Arrays.stream(rowsWithY).mapToDouble(i -> y[i]).toArray(),
                    java.util.Arrays.stream(rowsWithY).mapToLong(i -> order[i]).toArray(), keysAreSeconds);
            RejectReason reject = r.rejectReason();
            Scaling scaling = Scaling.IDENTITY;
            if (reject == null && r.values().length < spec.minLength()) {
                reject = RejectReason.TOO_SHORT;
            }
            if (reject == null) {
                scaling = Scaling.fit(spec.scaling().method(), r.values(), spec.fittedPart(r.values().length),
                        season(spec, r.frequency()));
                if (scaling.nonFinite()) {
                    reject = RejectReason.NON_FINITE_SCALE;
                    scaling = Scaling.IDENTITY;
                } else if (scaling.degenerate()) {
                    if (spec.scaling().whenConstant() == ScalingPolicy.WhenConstant.SHIFT_ONLY) {
                        scaling = scaling.shiftOnly();
                    } else {
                        reject = RejectReason.CONSTANT;
                    }
                }
            }
            ErrorScale errorScale = reject == null ? ErrorScale.of(r.values(), r.values().length - spec.scoredTail(),
                    season(spec, r.frequency())) : ErrorScale.NONE;
            int[] labels = reject == null && spec.labelled() ? labelRepair.labels(keys, label, order, keysAreSeconds,
                    r.values().length) : null;
            double[][] covariates = null;
            Scaling[] covariateScaling = null;
            if (reject == null && covariateCount > 0) {
                covariates = new double[covariateCount][];
                covariateScaling = new Scaling[covariateCount];
                int fitted = spec.fittedPart(r.values().length);
                int length = r.values().length;
                for (int c = 0; c < covariateCount && reject == null; c++) {
                    boolean future = spec.covariates().isFuture(c);
                    covariates[c] = repair.covariate(keys, x[c], order, r, future);
                    if (covariates[c] == null) {
                        reject = RejectReason.NULL_COVARIATE;
                    } else if (future && covariates[c].length < length + spec.futureSteps()) {
                        reject = RejectReason.MISSING_FUTURE_COVARIATE;
                    } else {
                        covariateScaling[c] = covariateScaling(covariates[c], fitted);
                    }
                }
            }
            double[] staticValues = null;
            String[] categories = null;
            if (reject == null && statics.any()) {
                staticValues = new double[staticRows.length];
                categories = new String[categoryRows.length];
                for (int c = 0; c < staticRows.length && reject == null; c++) {
                    Object one = oneValue(java.util.Arrays.stream(staticRows[c]).filter(v -> !Double.isNaN(v))
                            .boxed().toArray());
                    reject = perSeriesReject(one);
                    staticValues[c] = reject == null ? (Double) one : 0;
                }
                for (int c = 0; c < categoryRows.length && reject == null; c++) {
                    Object one = oneValue(java.util.Arrays.stream(categoryRows[c])
                            .filter(java.util.Objects::nonNull).toArray());
                    reject = perSeriesReject(one);
                    categories[c] = reject == null ? (String) one : null;
                }
            }
            if (reject != null) {
                // a series rejected for its covariates keeps nothing it was fitted
                covariates = null;
                covariateScaling = null;
                staticValues = null;
                categories = null;
                scaling = Scaling.IDENTITY;
                errorScale = ErrorScale.NONE;
            }
            // observations: every row of the series, those without y (future covariates only) included
            return new AssembledSeries(id, reject == null ? r.values() : null, r.startKey(), r.frequency(), scaling,
                    errorScale, n, r.duplicatesDropped(), r.filled(), r.irregular(),
                    reject == null ? null : reject.key(), labels, covariates, covariateScaling, staticValues,
                    categories)
                    .toRow();
        };
    }

    /** Stands for "the rows of a series disagree" ({@link #oneValue}). */
    private static final Object DIFFERENT = new Object();

    /** The one value of a series' rows that have one: null when none has, {@link #DIFFERENT} when they differ. */
    private static Object oneValue(Object[] given) {
        if (given.length == 0) {
            return null;
        }
        return java.util.Arrays.stream(given).allMatch(given[0]::equals) ? given[0] : DIFFERENT;
    }

    /** Why a per-series covariate's {@link #oneValue} rejects its series, or null. */
    private static RejectReason perSeriesReject(Object one) {
        return one == null ? RejectReason.NULL_STATIC : one == DIFFERENT ? RejectReason.STATIC_NOT_CONSTANT : null;
    }

    /**
     * A covariate's scaler: standard on the same part as y's scaler, whatever scaling.method says (a covariate's
     * unit says nothing about y's, and the network needs its channels on one scale); a covariate constant on that
     * part (a promotion flag that never fired in training) keeps scale 1 and is only shifted.
     */
    private static Scaling covariateScaling(double[] values, int fitted) {
        Scaling s = Scaling.fit(Scaling.Method.STANDARD, values, Math.max(1, fitted));
        return s.degenerate() || s.nonFinite() ? new Scaling(Scaling.Method.STANDARD,
                Double.isFinite(s.center()) ? s.center() : 0, 1) : s;
    }

    /** The evaluation season of a series: evaluate.season, or its frequency's. */
    private static int season(IngestSpec spec, Frequency frequency) {
        return spec.season() > 0 ? spec.season() : frequency.season();
    }

    /** The long-format rows at {@code path}, as stored: nothing typed or checked yet. */
    public static Dataset<Row> load(SparkSession spark, String path, SourceFormat format) {
        return switch (format) {
            case PARQUET -> spark.read().parquet(path);
            // Every CSV column is read as text and typed here, so a bad value is reported, not silently nulled.
            case CSV -> spark.read().option("header", "true").option("inferSchema", "false").csv(path);
        };
    }

    private void checkColumns(String path, Dataset<Row> raw) {
        SeriesColumns c = spec.columns();
        String[] needed = spec.labelled() ? new String[] {c.id(), c.ds(), c.y(), c.label()}
                : new String[] {c.id(), c.ds(), c.y()};
        for (String name : needed) {
            if (!Arrays.asList(raw.columns()).contains(name)) {
                throw new IllegalArgumentException("Dataset " + path + " has no column '" + name + "' (columns: "
                        + String.join(", ", raw.columns()) + "); set data.columns.* to name yours");
            }
        }
        List<String> missing = spec.covariates().columns().stream()
                .filter(name -> !Arrays.asList(raw.columns()).contains(name)).toList();
        if (!missing.isEmpty()) {
            // a configuration problem (exit 2): the settings, or the model's recipe, name columns the data lacks
            throw new ConfigProblem("Dataset " + path + " has no covariate column "
                    + missing.stream().map(m -> "'" + m + "'").collect(java.util.stream.Collectors.joining(", "))
                    + " (columns: " + String.join(", ", raw.columns()) + "); " + CovariateSpec.HISTORIC + " "
                    + spec.covariates().historic() + " and " + CovariateSpec.FUTURE + " " + spec.covariates().future()
                    + " name the covariates (a model reads the ones it was trained with)");
        }
    }

    /**
     * Checks y and ds types and returns what ds holds. Parquet/typed columns are checked from the schema; text
     * columns (CSV) in one pass that finds an example of each kind of offending value.
     */
    private TimeKind checkTypes(String path, Dataset<Row> raw) {
        String yName = spec.columns().y();
        String dsName = spec.columns().ds();
        DataType yType = raw.schema().apply(yName).dataType();
        DataType dsType = raw.schema().apply(dsName).dataType();
        boolean yText = yType.equals(DataTypes.StringType);
        if (!(yType instanceof NumericType) && !yText) {
            throw new IllegalArgumentException("Dataset " + path + ": column '" + yName + "' must be numeric, found "
                    + yType.simpleString());
        }
        TimeKind typed = typedTimeKind(dsType);
        if (typed == null && !dsType.equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("Dataset " + path + ": column '" + dsName + "' must be an integer step,"
                    + " a date or a timestamp, found " + dsType.simpleString());
        }
        if (!yText && typed != null) {
            return typed;
        }
        Column ds = col(dsName);
        Column notStep = ds.isNotNull().and(ds.cast(DataTypes.LongType).isNull());
        Column notTime = ds.isNotNull().and(ds.cast(DataTypes.TimestampType).isNull());
        Column y = col(yName);
        Row probe = raw.agg(
                first(when(y.isNotNull().and(y.cast(DataTypes.DoubleType).isNull()), y), true),
                first(when(notStep.and(notTime), ds), true),
                first(when(notStep, ds), true),
                first(when(notTime, ds), true)).first();
        if (yText && !probe.isNullAt(0)) {
            throw new IllegalArgumentException("Dataset " + path + ": column '" + yName + "' must be numeric, found '"
                    + probe.get(0) + "'");
        }
        if (typed != null) {
            return typed;
        }
        if (!probe.isNullAt(1)) {
            throw new IllegalArgumentException("Dataset " + path + ": column '" + dsName + "' holds neither integer"
                    + " steps nor dates/timestamps: cannot parse '" + probe.get(1) + "'");
        }
        if (probe.isNullAt(2)) {
            return TimeKind.STEP;
        }
        if (!probe.isNullAt(3)) {
            throw new IllegalArgumentException("Dataset " + path + ": column '" + dsName + "' mixes dates/timestamps"
                    + " and integer steps, e.g. '" + probe.get(3) + "'");
        }
        return TimeKind.TIMESTAMP;
    }

    /**
     * Every covariate column numeric, or text (CSV) whose every value parses as a number: one pass finds an
     * offending value of each text column, and the message names the column and the value.
     */
    private void checkCovariateTypes(String path, Dataset<Row> raw) {
        List<String> text = new java.util.ArrayList<>();
        for (String name : spec.covariates().numericColumns()) {
            DataType type = raw.schema().apply(name).dataType();
            if (type.equals(DataTypes.StringType)) {
                text.add(name);
            } else if (!(type instanceof NumericType)) {
                throw new IllegalArgumentException("Dataset " + path + ": covariate column '" + name
                        + "' must be numeric, found " + type.simpleString());
            }
        }
        if (text.isEmpty()) {
            return;
        }
        Row probe = raw.agg(first(when(col(text.get(0)).isNotNull()
                        .and(col(text.get(0)).cast(DataTypes.DoubleType).isNull()), col(text.get(0))), true),
                text.stream().skip(1).map(name -> first(when(col(name).isNotNull()
                        .and(col(name).cast(DataTypes.DoubleType).isNull()), col(name)), true))
                        .toArray(Column[]::new)).first();
        for (int i = 0; i < text.size(); i++) {
            if (!probe.isNullAt(i)) {
                throw new IllegalArgumentException("Dataset " + path + ": covariate column '" + text.get(i)
                        + "' must be numeric, found '" + probe.get(i) + "'");
            }
        }
    }

    private static TimeKind typedTimeKind(DataType type) {
        if (type.equals(DataTypes.DateType)) {
            return TimeKind.DATE;
        }
        if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
            return TimeKind.TIMESTAMP;
        }
        if (type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType) || type.equals(DataTypes.ShortType)
                || type.equals(DataTypes.ByteType)) {
            return TimeKind.STEP;
        }
        return null;
    }

    private Column timeKey(TimeKind kind) {
        Column ds = col(spec.columns().ds());
        return switch (kind) {
            case STEP -> ds.cast(DataTypes.LongType);
            case DATE, TIMESTAMP -> unix_timestamp(ds.cast(DataTypes.TimestampType));
        };
    }
}
