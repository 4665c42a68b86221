package io.rnnforecast.api;

import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.ingest.SourceFormat;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Long-format rows (one per observation: id, time, value; columns named by the Params) before ingestion, and where
 * they came from: a path and its format, or a DataFrame. The source is recorded in the model's provenance and named
 * in messages.
 */
public record SeriesInput(Dataset<Row> rows, String source, SourceFormat format) {
    /** What provenance records as the format of a DataFrame handed to the API. */
    static final String DATAFRAME = "dataframe";

    /** A DataFrame (its rows are read lazily, once per ingestion). */
    @SuppressWarnings("unchecked")
    public static SeriesInput of(Dataset<?> df) {
        return new SeriesInput((Dataset<Row>) df.toDF(), DATAFRAME, null);
    }

    /** The dataset at {@code path} (any Hadoop filesystem URI) in {@code format}. */
    public static SeriesInput read(SparkSession spark, String path, SourceFormat format) {
        return new SeriesInput(SeriesIngest.load(spark, path, format), path, format);
    }

    /**
     * The dataset at {@code path} with the per-series columns of the side table at {@code staticPath} (same format)
     * joined on by the {@code id} column ({@link io.rnnforecast.ingest.StaticTable}); the source stays {@code path}.
     */
    public static SeriesInput read(SparkSession spark, String path, SourceFormat format, String staticPath,
                                   String id) {
        Dataset<Row> rows = SeriesIngest.load(spark, path, format);
        return new SeriesInput(io.rnnforecast.ingest.StaticTable.attach(rows, path, SeriesIngest.load(spark,
                staticPath, format), staticPath, id), path, format);
    }

    /** The format's key, or "dataframe". */
    String formatKey() {
        return format == null ? DATAFRAME : format.key();
    }
}
