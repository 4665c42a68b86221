package io.rnnforecast.train;

import io.rnnforecast.batch.WindowedSeries;
import io.rnnforecast.window.Split;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Trains a network on the training windows with dl4j-spark's parameter averaging, one Spark job per epoch. */
public final class ParameterAveragingTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ParameterAveragingTrainer.class);

    private final JavaSparkContext sc;
    private final TrainingSpec spec;

    public ParameterAveragingTrainer(JavaSparkContext sc, TrainingSpec spec) {
        this.sc = sc;
        this.spec = spec;
    }

    public int workers() {
        return spec.workers() > 0 ? spec.workers() : sc.defaultParallelism();
    }

    /** Fits {@code network} in place and returns what was measured. */
    public TrainingReport fit(String runId, MultiLayerNetwork network, WindowedSeries data) {
        long start = System.nanoTime();
        int workers = workers();
        // Direct keeps minibatches in executor memory (MEMORY_ONLY_SER, the level dl4j-spark expects); the default
        // Export approach refuses clusters whose default filesystem is local.
        JavaRDD<DataSet> train = data.minibatches(Split.TRAIN, spec.batchSizePerWorker())
                .persist(StorageLevel.MEMORY_ONLY_SER());
        JavaRDD<DataSet> validation = data.minibatches(Split.VALIDATION, spec.batchSizePerWorker())
                .persist(StorageLevel.MEMORY_ONLY_SER());
        long trainExamples = train.map(DataSet::numExamples).fold(0, Integer::sum);
        long validationExamples = validation.map(DataSet::numExamples).fold(0, Integer::sum);
        if (trainExamples == 0) {
            throw new IllegalStateException("No training windows: every series is shorter than input + horizon ("
                    + data.windowSpec().length() + ") or the split left none for training");
        }
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(
                spec.batchSizePerWorker())
                .batchSizePerWorker(spec.batchSizePerWorker())
                .averagingFrequency(spec.averagingFrequency())
                .workerPrefetchNumBatches(0)
                .saveUpdater(spec.averageUpdaterState())
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .build();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, network, master);
        LOG.info("training on {} windows ({} for validation) with {} workers, batch {} per worker, averaging every {}",
                trainExamples, validationExamples, workers, spec.batchSizePerWorker(), spec.averagingFrequency());
        List<EpochStats> history = new ArrayList<>();
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            long t0 = System.nanoTime();
            sparkNet.fit(train);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double validationMse = validationExamples == 0 ? Double.NaN : validationMse(sparkNet, validation);
            EpochStats stats = new EpochStats(epoch, sparkNet.getScore(), validationMse, trainExamples, seconds);
            history.add(stats);
            LOG.info(String.format("epoch %d/%d  training loss %.6f  validation MSE %.6f  %.0f samples/s  %.1f s"
                            + " elapsed", epoch, spec.epochs(), stats.trainingLoss(), validationMse,
                    stats.samplesPerSecond(), (System.nanoTime() - start) / 1e9));
        }
        train.unpersist(false);
        validation.unpersist(false);
        return new TrainingReport(runId, workers, trainExamples, validationExamples, history,
                (System.nanoTime() - start) / 1e9);
    }

    private double validationMse(SparkDl4jMultiLayer sparkNet, JavaRDD<DataSet> validation) {
        RegressionEvaluation evaluation = sparkNet.evaluateRegression(validation, spec.batchSizePerWorker());
        return evaluation.averageMeanSquaredError();
    }
}
