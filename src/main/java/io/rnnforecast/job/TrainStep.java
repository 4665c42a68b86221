package io.rnnforecast.job;

import io.rnnforecast.batch.WindowedSeries;
import io.rnnforecast.data.SeriesReader;
import io.rnnforecast.model.NetworkFactory;
import io.rnnforecast.train.ModelProvenance;
import io.rnnforecast.train.ModelStore;
import io.rnnforecast.train.ParameterAveragingTrainer;
import io.rnnforecast.train.TrainingReport;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** Reads the series, trains the configured network with parameter averaging and saves it with its provenance. */
final class TrainStep {
    private static final Logger LOG = LoggerFactory.getLogger(TrainStep.class);

    private TrainStep() {
    }

    static WindowedSeries windows(SparkSession spark, JobConfig config) {
        var series = new SeriesReader(spark).read(config.data().path(), config.data().format(),
                config.data().columns());
        return new WindowedSeries(series, config.window(), config.effectiveSplit());
    }

    static ModelProvenance run(SparkSession spark, JobConfig config) {
        Instant started = Instant.now();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        MultiLayerNetwork network = NetworkFactory.build(config.model());
        TrainingReport report = new ParameterAveragingTrainer(sc, config.training())
                .fit(config.runId(), network, windows(spark, config));
        ModelProvenance provenance = new ModelProvenance(config.runId(), config.model().displayName(),
                config.data().name(), config.toJson(), CodeVersion.get(), spark.sparkContext().master(),
                started.toString(), report);
        new ModelStore(sc.hadoopConfiguration(), config.modelDir()).save(network, provenance);
        LOG.info(String.format("trained %s: %.0f samples/s, %.1f s; model saved to %s",
                provenance.model(), report.samplesPerSecond(), report.wallSeconds(), config.modelDir()));
        return provenance;
    }
}
