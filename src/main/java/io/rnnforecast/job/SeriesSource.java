package io.rnnforecast.job;

import io.rnnforecast.windowrdd.WindowedSeries;
import io.rnnforecast.ingest.SeriesIngest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** data.path through the one reader, logged, and cut into windows the way the configuration says. */
final class SeriesSource {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesSource.class);

    private SeriesSource() {
    }

    static SeriesIngest.Ingested ingest(SparkSession spark, JobConfig config) {
        long t0 = System.nanoTime();
        SeriesIngest.Ingested ingested = new SeriesIngest(spark, config.ingestSpec()).read(config.data().path());
        LOG.info(String.format("ingested %s in %.1f s: %s", config.data().path(), (System.nanoTime() - t0) / 1e9,
                ingested.counts()));
        if (ingested.counts().seriesUsed() == 0) {
            throw new IllegalStateException("No usable series in " + config.data().path() + ": "
                    + ingested.counts());
        }
        return ingested;
    }

    static WindowedSeries windows(Dataset<Row> series, JobConfig config) {
        return new WindowedSeries(series, config.window(), config.effectiveSplit());
    }
}
