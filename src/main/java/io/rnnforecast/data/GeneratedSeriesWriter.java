package io.rnnforecast.data;

import io.rnnforecast.series.SeriesGenerator;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a generated family as a long-format Parquet dataset (unique_id STRING, ds BIGINT step, y DOUBLE).
 * Each executor generates its own range of series indices: nothing passes through the driver, and the values
 * depend only on (seed, index), never on the number of partitions.
 */
public final class GeneratedSeriesWriter {

    public static final StructType SCHEMA = new StructType()
            .add(SeriesColumns.DEFAULT.id(), DataTypes.StringType, false)
            .add(SeriesColumns.DEFAULT.ds(), DataTypes.LongType, false)
            .add(SeriesColumns.DEFAULT.y(), DataTypes.DoubleType, false);

    private final SparkSession spark;

    public GeneratedSeriesWriter(SparkSession spark) {
        this.spark = spark;
    }

    /** Returns the number of series written. */
    public long write(SeriesGenerator generator, long requestedSeries, long seed, int partitions, String path) {
        long count = generator.seriesCount(requestedSeries);
        int slices = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
        slices = (int) Math.max(1, Math.min(slices, count));
        spark.range(0, count, 1, slices)
                .flatMap(rows(generator, seed), Encoders.row(SCHEMA))
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(path);
        return count;
    }

    private static FlatMapFunction<Long, Row> rows(SeriesGenerator generator, long seed) {
        return index -> {
            double[] values = generator.values(seed, index);
            String id = generator.seriesId(index);
            List<Row> out = new ArrayList<>(values.length);
            for (int t = 0; t < values.length; t++) {
                out.add(RowFactory.create(id, (long) t, values[t]));
            }
            return out.iterator();
        };
    }
}
