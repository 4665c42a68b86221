package io.rnnforecast.job;

import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.model.NetworkFactory;
import io.rnnforecast.train.ModelProvenance;
import io.rnnforecast.train.ModelStore;
import io.rnnforecast.train.ParameterAveragingTrainer;
import io.rnnforecast.train.TrainingReport;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** Trains the configured network on ingested series with parameter averaging and saves it with its provenance. */
final class TrainStep {
    private static final Logger LOG = LoggerFactory.getLogger(TrainStep.class);

    private TrainStep() {
    }

    /** The trained network and its provenance, as saved: what {@code run} hands to evaluation in memory. */
    record Trained(MultiLayerNetwork network, ModelProvenance provenance) {
    }

    static Trained run(SparkSession spark, JobConfig config, SeriesIngest.Ingested ingested, ClusterEvents events) {
        Instant started = Instant.now();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        MultiLayerNetwork network = NetworkFactory.build(config.model());
        TrainingReport report = new ParameterAveragingTrainer(sc, config.training())
                .fit(config.runId(), network, SeriesSource.windows(ingested.series(), config));
        ModelProvenance provenance = new ModelProvenance(config.runId(), config.model().displayName(),
                config.data().name(), config.toJson(), CodeVersion.get(), spark.sparkContext().master(),
                started.toString(), report, events.executorsLost(), events.failedTasks());
        ModelStore store = new ModelStore(sc.hadoopConfiguration(), config.modelDir());
        store.save(network, provenance);
        ingested.series().select("unique_id", "scaling", "center", "scale").write().mode(SaveMode.Overwrite)
                .parquet(store.scalersPath());
        LOG.info(String.format("trained %s: %.0f samples/s, %.1f s; model saved to %s",
                provenance.model(), report.samplesPerSecond(), report.wallSeconds(), config.modelDir()));
        return new Trained(network, provenance);
    }
}
