package io.rnnforecast.job;

import io.rnnforecast.ingest.IngestSpec;
import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.windowrdd.WindowedSeries;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** data.path through the one reader, logged, and cut into windows the way a model's recipe says. */
final class SeriesSource {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesSource.class);

    private SeriesSource() {
    }

    /** Reads data.path as training does (the configuration's own rules). */
    static SeriesIngest.Ingested ingest(SparkSession spark, JobConfig config) {
        return ingest(spark, config, config.ingestSpec());
    }

    static SeriesIngest.Ingested ingest(SparkSession spark, JobConfig config, IngestSpec spec) {
        long t0 = System.nanoTime();
        SeriesIngest.Ingested ingested = new SeriesIngest(spark, spec).read(config.data().path());
        LOG.info(String.format("ingested %s in %.1f s: %s", config.data().path(), (System.nanoTime() - t0) / 1e9,
                ingested.counts()));
        if (ingested.counts().seriesUsed() == 0) {
            throw new IllegalStateException("No usable series in " + config.data().path() + ": "
                    + ingested.counts());
        }
        return ingested;
    }

    static WindowedSeries windows(Dataset<Row> series, TrainedModel.Recipe recipe) {
        return new WindowedSeries(series, recipe.window(), recipe.split(), recipe.task());
    }
}
