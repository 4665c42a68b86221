package io.rnnforecast.api;

import io.rnnforecast.ingest.IngestCounts;
import io.rnnforecast.ingest.IngestSpec;
import io.rnnforecast.ingest.LabelSpec;
import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.ingest.TimeKind;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long-format rows after ingestion by a model's rules: the used series (repaired, with their scalers), the
 * rejects (one row per series and reason), where every row and series went, and what {@code ds} held. The series
 * are cached; {@link #close()} frees them. Training and evaluating on the same {@code SeriesData} reads the input
 * once ({@link RnnForecastModel#evaluate(SeriesData)} reuses it when it was read by the model's own rules).
 */
public final class SeriesData implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesData.class);

    private final SeriesInput input;
    private final IngestSpec spec;
    private final SeriesIngest.Ingested ingested;

    private SeriesData(SeriesInput input, IngestSpec spec, SeriesIngest.Ingested ingested) {
        this.input = input;
        this.spec = spec;
        this.ingested = ingested;
    }

    /** Reads {@code input} by {@code spec}; a dataset with no usable series is an error naming the input. */
    static SeriesData ingest(SparkSession spark, SeriesInput input, IngestSpec spec) {
        long t0 = System.nanoTime();
        SeriesIngest.Ingested ingested = new SeriesIngest(spark, spec).read(input.rows(), input.source());
        LOG.info(String.format("ingested %s in %.1f s: %s", input.source(), (System.nanoTime() - t0) / 1e9,
                ingested.counts()));
        if (ingested.counts().seriesUsed() == 0) {
            ingested.release();
            throw new IllegalStateException("No usable series in " + input.source() + ": " + ingested.counts());
        }
        return new SeriesData(input, spec, ingested);
    }

    public Dataset<Row> series() {
        return ingested.series();
    }

    /** unique_id, reason, n_rows. */
    public Dataset<Row> rejects() {
        return ingested.rejects();
    }

    public IngestCounts counts() {
        return ingested.counts();
    }

    public TimeKind timeKind() {
        return ingested.timeKind();
    }

    public SeriesInput input() {
        return input;
    }

    IngestSpec spec() {
        return spec;
    }

    SeriesIngest.Ingested ingested() {
        return ingested;
    }

    /**
     * Whether these series were read by {@code other}: the input's format aside (the rows are already loaded), and
     * classes learnt from the data count as the classes they turned out to be.
     */
    boolean readBy(IngestSpec other) {
        LabelSpec labels = spec.labelled() && spec.labels().learns() ? new LabelSpec(ingested.classes())
                : spec.labels();
        return new IngestSpec(null, spec.columns(), spec.repair(), spec.scaling(), spec.minLength(),
                spec.heldOutTail(), spec.scoredTail(), spec.season(), labels, spec.validatedFrom(), spec.covariates(),
                spec.futureSteps())
                .equals(new IngestSpec(null, other.columns(), other.repair(), other.scaling(), other.minLength(),
                        other.heldOutTail(), other.scoredTail(), other.season(), other.labels(),
                        other.validatedFrom(), other.covariates(), other.futureSteps()));
    }

    @Override
    public void close() {
        ingested.release();
    }
}
