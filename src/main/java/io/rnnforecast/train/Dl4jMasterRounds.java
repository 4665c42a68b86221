package io.rnnforecast.train;

import io.rnnforecast.train.RoundRDD;
import io.rnnforecast.window.LabelLayout;
import io.rnnforecast.window.WindowBlock;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

/**
 * dl4j-spark's ParameterAveragingTrainingMaster handed one round at a time: the round's RDD holds exactly one share
 * per worker, so with Repartition.Never its split is the whole RDD and it averages once. No persistence
 * (storageLevel null): the round is read from the cached blocks, and Direct would otherwise cache every round.
 */
final class Dl4jMasterRounds implements RoundRunner {
    private final SparkDl4jMultiLayer sparkNet;
    private final int batchSize;
    private final LabelLayout targets;
    private final boolean masks;

    Dl4jMasterRounds(JavaSparkContext sc, MultiLayerNetwork network, int workers, TrainingSpec spec,
                     LabelLayout targets, boolean masks) {
        this.batchSize = spec.batchSizePerWorker();
        this.targets = targets;
        this.masks = masks;
        ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(workers,
                spec.batchSizePerWorker())
                .batchSizePerWorker(spec.batchSizePerWorker())
                .averagingFrequency(spec.averagingFrequency())
                .workerPrefetchNumBatches(0)
                .saveUpdater(spec.averageUpdaterState())
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartionData(Repartition.Never)
                .storageLevel(null)
                .rngSeed(spec.seed())
                .build();
        this.sparkNet = new SparkDl4jMultiLayer(sc, network, master);
    }

    @Override
    public Outcome run(RoundRDD round) {
        int batch = batchSize;
        LabelLayout layout = targets;
        boolean masked = masks;
        JavaRDD<DataSet> minibatches = round.toJavaRDD().flatMap((WindowBlock share) ->
                share.minibatches(batch, layout, masked).iterator());
        long examples = round.windows();
        sparkNet.fit(minibatches);
        // dl4j-spark scores a round as the mean of its workers' last minibatch losses
        return new Outcome(sparkNet.getScore() * examples, examples, Double.NaN);
    }
}
