package io.rnnforecast.job;

import io.rnnforecast.ingest.AssembledSeries;
import io.rnnforecast.ingest.DataFingerprint;
import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.model.NetworkFactory;
import io.rnnforecast.model.ParameterCount;
import io.rnnforecast.train.CheckpointStore;
import io.rnnforecast.train.LinearBaselineFit;
import io.rnnforecast.store.ModelProvenance;
import io.rnnforecast.store.ModelStore;
import io.rnnforecast.train.ParameterAveragingTrainer;
import io.rnnforecast.store.RuntimeVersions;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.train.TrainingReport;
import io.rnnforecast.train.TrainingSpec;
import io.rnnforecast.window.Split;
import io.rnnforecast.windowrdd.WindowedSeries;
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
        boolean classifies = recipe.task().classifies();
        if (classifies) {
            recipe = recipe.withClasses(ingested.classes());
            LOG.info("task {}: {} classes {}", recipe.task().key(), ingested.classes().size(), ingested.classes());
        }
        MultiLayerNetwork network = NetworkFactory.build(recipe.model());
        ParameterCount parameters = ParameterCount.of(network.getLayerWiseConfigurations());
        LOG.info("model {}: {}", recipe.model().displayName(), parameters.describe());
        DataFingerprint data = DataFingerprint.of(config.data().path(), config.data().format(), ingested);
        CheckpointStore checkpoints = new CheckpointStore(sc.hadoopConfiguration(), config.modelDir(), config.runId(),
                checkpointSettings(recipe, config.training(), data));
        WindowedSeries windows = SeriesSource.windows(ingested.series(), recipe);
        TrainingReport report = new ParameterAveragingTrainer(sc, config.training(), recipe.model()).fit(
                config.runId(), network, windows,
                config.resume() == JobConfig.Resume.AUTO ? checkpoints : checkpoints.saveOnly());
        LinearAutoregression linear = classifies ? null : linearBaseline(windows, recipe);
        ModelProvenance provenance = new ModelProvenance(config.runId(), recipe.model().displayName(),
                config.data().name(), config.toJson(), RuntimeVersions.current(CodeVersion.get()),
                spark.sparkContext().master(), started.toString(),
                data, report,
                events.executorsLost(), events.failedTasks(), parameters);
        TrainedModel model = new TrainedModel(network, recipe, AssembledSeries.scalers(ingested.series()), linear,
                provenance);
        new ModelStore(spark, config.modelDir()).save(model);
        LOG.info(String.format("trained %s: %.0f samples/s, %.1f s; model saved to %s",
                provenance.model(), report.samplesPerSecond(), report.wallSeconds(), config.modelDir()));
        return model;
    }

    private static LinearAutoregression linearBaseline(WindowedSeries windows, TrainedModel.Recipe recipe) {
        long linearStart = System.nanoTime();
        LinearAutoregression linear = LinearBaselineFit.fit(windows.windows(Split.TRAIN), recipe.window().input(),
                recipe.window().horizon());
        LOG.info(String.format("fitted the linear baseline (least squares) in %.1f s",
                (System.nanoTime() - linearStart) / 1e9));
        return linear;
    }

    /**
     * What a checkpoint must have been made with to be continued: everything that shapes the network, the data and
     * its order except the epoch count and early stopping (so a run can be resumed with more epochs). Split ids
     * are sorted: a Set's order differs between JVMs.
     */
    static String checkpointSettings(TrainedModel.Recipe recipe, TrainingSpec training, DataFingerprint data) {
        var split = recipe.split();
        return String.join("|", recipe.model().toString(), recipe.window().toString(), split.mode().key(),
                String.valueOf(split.validation()), String.valueOf(split.test()), String.valueOf(split.seed()),
                String.valueOf(split.cutoffs()), new java.util.TreeSet<>(split.validationIds()).toString(),
                new java.util.TreeSet<>(split.testIds()).toString(), recipe.scaling().toString(),
                recipe.repair().toString(), recipe.classes().toString(), String.valueOf(training.batchSizePerWorker()),
                String.valueOf(training.averagingFrequency()), String.valueOf(training.workers()),
                String.valueOf(training.averageUpdaterState()), training.engine().key(),
                String.valueOf(training.seed()), data.toString());
    }
}
