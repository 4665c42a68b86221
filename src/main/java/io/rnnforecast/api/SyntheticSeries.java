package io.rnnforecast.api;

import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.generate.SeriesGenerator;
import io.rnnforecast.ingest.GeneratedSeriesWriter;
import io.rnnforecast.ingest.SourceFormat;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.TreeSet;

/**
 * The synthetic datasets of the source material (data.generator: Géron's two sines, Brownlee's damped sine, the
 * GRU example's sine, the labelled families) and the promo set with covariates, written as long-format Parquet;
 * series {@code i} depends only on (seed, i). The generated series are exactly one window long, so the generator
 * depends on the window settings.
 */
public final class SyntheticSeries {
    private static final Logger LOG = LoggerFactory.getLogger(SyntheticSeries.class);

    private final DataSpec data;
    private final SeriesGenerator generator;

    /** The generator {@code data} names, for windows and a task as {@code learning} sets them. */
    public SyntheticSeries(DataSpec data, ForecastSettings learning) {
        if (!data.generates()) {
            throw new ConfigProblem("data.generator is none: nothing to generate");
        }
        boolean classifies = learning.model().task().classifies();
        if (data.generator().labelled() != classifies) {
            String task = learning.model().task().key();
            throw new ConfigProblem("Invalid value for data.generator: " + data.generator().key() + " ("
                    + (data.generator().labelled() ? "it writes labels, for task = label-steps (geron-trend) or"
                    + " classify-series (families), and task is " + task
                    : "task = " + task + " needs a labelled generator: geron-trend for label-steps,"
                    + " families for classify-series, or none for your own labelled data at data.path") + ")");
        }
        this.data = data;
        this.generator = data.generator().create(learning.window().input(), learning.window().horizon());
    }

    /** Writes data.series series to data.path; returns how many. Refuses to overwrite data it did not generate. */
    public long write(SparkSession spark) {
        if (data.format() != SourceFormat.PARQUET) {
            throw new ConfigProblem("generate writes Parquet; data.format is " + data.format().key());
        }
        long t0 = System.nanoTime();
        long count = new GeneratedSeriesWriter(spark).write(generator, data.series(), data.seed(),
                data.partitions(), data.path());
        LOG.info(String.format("generated %,d %s series in %.1f s -> %s", count, generator.name(),
                (System.nanoTime() - t0) / 1e9, data.path()));
        return count;
    }

    /** The ids the generator reserves for {@code split} ("validation", "test"): the sine's test series. */
    public Set<String> reservedFor(String split) {
        return new TreeSet<>(generator.idsReservedFor(split));
    }
}
