package io.rnnforecast.job;

import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.ingest.GeneratedSeriesWriter;
import io.rnnforecast.ingest.SourceFormat;
import io.rnnforecast.generate.SeriesGenerator;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The data-gen step: writes the configured synthetic family as a long-format Parquet dataset at data.path. */
final class GenerateStep {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateStep.class);

    private GenerateStep() {
    }

    static long run(SparkSession spark, JobConfig config) {
        if (config.data().format() != SourceFormat.PARQUET) {
            throw new ConfigProblem("generate writes Parquet; data.format is " + config.data().format().key());
        }
        SeriesGenerator generator = config.generator();
        long t0 = System.nanoTime();
        long count = new GeneratedSeriesWriter(spark).write(generator, config.data().series(), config.data().seed(),
                config.data().partitions(), config.data().path());
        LOG.info(String.format("generated %,d %s series in %.1f s -> %s", count, generator.name(),
                (System.nanoTime() - t0) / 1e9, config.data().path()));
        return count;
    }
}
