package io.rnnforecast.data;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

import java.util.Arrays;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

/**
 * Reads a long-format dataset and assembles one row per series: {@code unique_id STRING, values ARRAY<DOUBLE>} in
 * time order. The grouping is a distributed shuffle; rows may arrive in any order.
 */
public final class SeriesReader {

    public static final String ID = "unique_id";
    public static final String VALUES = "values";

    private final SparkSession spark;

    public SeriesReader(SparkSession spark) {
        this.spark = spark;
    }

    public Dataset<Row> read(String path, String format, SeriesColumns columns) {
        Dataset<Row> raw = load(path, format);
        checkSchema(path, raw, columns);
        Column point = struct(col(columns.ds()).as("ds"), col(columns.y()).cast(DataTypes.DoubleType).as("y"));
        return raw.groupBy(col(columns.id()).cast(DataTypes.StringType).as(ID))
                .agg(sort_array(collect_list(point)).as("points"))
                .select(col(ID), col("points.y").as(VALUES));
    }

    private Dataset<Row> load(String path, String format) {
        return switch (format) {
            case "parquet" -> spark.read().parquet(path);
            case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(path);
            default -> throw new IllegalArgumentException("data.format: unsupported format '" + format
                    + "' (allowed: parquet, csv)");
        };
    }

    private static void checkSchema(String path, Dataset<Row> raw, SeriesColumns columns) {
        for (String name : new String[] {columns.id(), columns.ds(), columns.y()}) {
            if (!Arrays.asList(raw.columns()).contains(name)) {
                throw new IllegalArgumentException("Dataset " + path + " has no column '" + name + "' (columns: "
                        + String.join(", ", raw.columns()) + ")");
            }
        }
        StructField y = raw.schema().apply(columns.y());
        if (!(y.dataType() instanceof NumericType)) {
            throw new IllegalArgumentException("Dataset " + path + ": column '" + columns.y()
                    + "' must be numeric, found " + y.dataType().simpleString());
        }
        DataType ds = raw.schema().apply(columns.ds()).dataType();
        if (!(ds instanceof NumericType || ds.equals(DataTypes.DateType) || ds.equals(DataTypes.TimestampType))) {
            throw new IllegalArgumentException("Dataset " + path + ": column '" + columns.ds()
                    + "' must be an integer step, a date or a timestamp, found " + ds.simpleString());
        }
    }
}
