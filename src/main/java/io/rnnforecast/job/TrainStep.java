package io.rnnforecast.job;

import io.rnnforecast.ingest.AssembledSeries;
import io.rnnforecast.ingest.DataFingerprint;
import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.model.NetworkFactory;
import io.rnnforecast.train.ModelProvenance;
import io.rnnforecast.train.ModelStore;
import io.rnnforecast.train.ParameterAveragingTrainer;
import io.rnnforecast.train.RuntimeVersions;
import io.rnnforecast.train.TrainedModel;
import io.rnnforecast.train.TrainingReport;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** Trains the configured network on ingested series with parameter averaging and saves the trained model. */
final class TrainStep {
    private static final Logger LOG = LoggerFactory.getLogger(TrainStep.class);

    private TrainStep() {
    }

    static TrainedModel run(SparkSession spark, JobConfig config, SeriesIngest.Ingested ingested,
                            ClusterEvents events) {
        Instant started = Instant.now();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrainedModel.Recipe recipe = config.recipe();
        MultiLayerNetwork network = NetworkFactory.build(recipe.model());
        TrainingReport report = new ParameterAveragingTrainer(sc, config.training())
                .fit(config.runId(), network, SeriesSource.windows(ingested.series(), recipe));
        ModelProvenance provenance = new ModelProvenance(config.runId(), recipe.model().displayName(),
                config.data().name(), config.toJson(), RuntimeVersions.current(CodeVersion.get()),
                spark.sparkContext().master(), started.toString(),
                DataFingerprint.of(config.data().path(), config.data().format(), ingested), report,
                events.executorsLost(), events.failedTasks());
        TrainedModel model = new TrainedModel(network, recipe, AssembledSeries.scalers(ingested.series()),
                provenance);
        new ModelStore(spark, config.modelDir()).save(model);
        LOG.info(String.format("trained %s: %.0f samples/s, %.1f s; model saved to %s",
                provenance.model(), report.samplesPerSecond(), report.wallSeconds(), config.modelDir()));
        return model;
    }
}
