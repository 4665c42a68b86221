package io.rnnforecast.train;

import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.model.Quantiles;
import io.rnnforecast.train.TrainingBlocks;
import io.rnnforecast.windowrdd.WindowedSeries;
import io.rnnforecast.window.LabelLayout;
import io.rnnforecast.train.RoundPlan;
import io.rnnforecast.window.Targets;
import io.rnnforecast.window.CovariateLayout;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.WindowBlock;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Trains a network on the training windows with parameter averaging. The windows are laid out once in cached
 * blocks ({@link TrainingBlocks}); every epoch a {@link RoundPlan} deals them to rounds and workers from the seed,
 * and each round is one Spark job that touches only that round's blocks, so an epoch costs one pass over the data
 * whatever its size. Training is deterministic for a given seed, data and worker count.
 */
public final class ParameterAveragingTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ParameterAveragingTrainer.class);
    /** Blocks hold this many rounds' shares: fewer layout tasks, and a slice rarely spans two blocks. */
    static final int SHARES_PER_BLOCK = 4;
    /** Executors that joined or left are noticed within this many rounds (a status-tracker call each time). */
    private static final int HOSTS_EVERY_ROUNDS = 50;

    private final JavaSparkContext sc;
    private final TrainingSpec spec;
    private final ModelSpec.Strategy strategy;
    private final LabelLayout labels;
    private final boolean classifies;
    /** Whether padded windows' steps are masked ({@link ModelSpec#masksPadding}). */
    private final boolean masks;
    /**
     * A quantile network's levels (null: a point network): its validation MSE is that of its point forecasts, the
     * 0.5 quantile or the mean of the sorted quantiles ({@link Quantiles#points}).
     */
    private final double[] quantiles;

    /** A direct (horizon vector) model. */
    public ParameterAveragingTrainer(JavaSparkContext sc, TrainingSpec spec) {
        this(sc, spec, ModelSpec.Strategy.DIRECT, Targets.HORIZON, false, false, null);
    }

    /**
     * The network {@code model} describes: it trains on the model's labels ({@link ModelSpec#targets()}, made per
     * minibatch from the cached windows) and is validated on the horizon forecasts its strategy makes.
     */
    /**
     * The model's task and strategy: a forecaster as above; a classifier trains on one-hot labels and is validated
     * on its mean cross-entropy (reported where a forecaster reports its validation MSE, and used the same way by
     * early stopping: lower is better).
     */
    public ParameterAveragingTrainer(JavaSparkContext sc, TrainingSpec spec, ModelSpec model) {
        this(sc, spec, model.strategy(), model.labels(), model.task().classifies(), model.masksPadding(),
                model.forecastsQuantiles() ? Quantiles.levels(model.quantiles()) : null);
    }

    private ParameterAveragingTrainer(JavaSparkContext sc, TrainingSpec spec, ModelSpec.Strategy strategy,
                                      LabelLayout labels, boolean classifies, boolean masks, double[] quantiles) {
        this.sc = sc;
        // train.learning-rate-scaling = auto resolved for the worker count (Spark's parallelism when workers = 0)
        this.spec = spec.forWorkers(workerCount(spec, sc));
        this.strategy = strategy;
        this.labels = labels;
        this.classifies = classifies;
        this.masks = masks;
        this.quantiles = quantiles;
    }

    public int workers() {
        return workerCount(spec, sc);
    }

    /** train.workers, or Spark's default parallelism when it is 0. */
    private static int workerCount(TrainingSpec spec, JavaSparkContext sc) {
        return spec.workers() > 0 ? spec.workers() : sc.defaultParallelism();
    }

    /** Fits {@code network} in place from scratch, keeping no checkpoints, and returns what was measured. */
    public TrainingReport fit(String runId, MultiLayerNetwork network, WindowedSeries data) {
        return fit(runId, network, data, Checkpoints.NONE);
    }

    /**
     * Fits {@code network} in place and returns what was measured. Continues after the latest of
     * {@code checkpoints} if there is one, and saves one after every epoch. With early stopping, the network ends
     * with the best epoch's parameters.
     */
    public TrainingReport fit(String runId, MultiLayerNetwork network, WindowedSeries data,
                              Checkpoints checkpoints) {
        long start = System.nanoTime();
        int workers = workers();
        int input = data.windowSpec().input();
        int horizon = data.storedPerWindow();
        CovariateLayout covariates = data.covariates();
        int covariateSteps = covariates.storedSteps(input, data.windowSpec().horizon());
        TrainingBlocks blocks = TrainingBlocks.layout(data.windows(Split.TRAIN), input, horizon, covariates,
                covariateSteps, SHARES_PER_BLOCK * spec.batchSizePerWorker() * spec.averagingFrequency(),
                spec.seed());
        JavaRDD<WindowBlock> validation = TrainingBlocks.perPartition(data.windows(Split.VALIDATION), input, horizon,
                covariates, covariateSteps).persist(StorageLevel.MEMORY_AND_DISK());
        long trainExamples = blocks.windows();
        long validationExamples = validation.map(WindowBlock::size).fold(0, Integer::sum);
        double layoutSeconds = (System.nanoTime() - start) / 1e9;
        if (trainExamples == 0) {
            throw new IllegalStateException("No training windows: every series is shorter than input + horizon ("
                    + data.windowSpec().length() + ") or the split left none for training");
        }
        String trainingId = runId + "-" + UUID.randomUUID();
        // the workers' networks get the scaled learning rate; the driver's (saved, evaluated) keeps the model's
        RoundPlan first = plan(blocks, workers, 1);
        int warmupRounds = spec.learningRate().warmupRounds(first.rounds());
        Broadcast<String> configuration = sc.broadcast(WorkerLearningRate.of(network.getLayerWiseConfigurations(),
                spec.learningRate(), workers, spec.averagingFrequency(), first.rounds()).toJson());
        Checkpoint resumed = checkpoints.latest().orElse(null);
        // one worker has nothing to combine: its rounds are plain, so W = 1 trains as MultiLayerNetwork.fit does
        // whatever the outer rule (which is tuned for W >= 2)
        OuterOptimizer outer = new OuterOptimizer(workers > 1 ? spec.outer() : OuterOptimizer.Spec.AVERAGE);
        if (resumed != null) {
            outer.restore(resumed.outerVelocity());
        }
        WorkerFit fit = WorkerFit.of(trainingId, configuration, spec, labels, masks);
        RoundRunner runner = spec.engine() == TrainingSpec.Engine.DL4J
                ? new Dl4jMasterRounds(sc, network, workers, spec, labels, masks)
                : new KeptNetworkRounds(sc, network, fit, outer);
        BarrierEpochs barrier = spec.engine() == TrainingSpec.Engine.BARRIER
                ? new BarrierEpochs(sc, network, fit, outer) : null;
        LOG.info(String.format("training on %,d windows in %d blocks (%,d for validation; laid out in %.1f s) with %d"
                        + " workers, batch %d per worker, averaging every %d minibatches: %d rounds per epoch (%s;"
                        + " outer learning rate %s, momentum %s%s; worker learning rate x%.3g, warm-up %d rounds)",
                trainExamples, blocks.sizes().length, validationExamples, layoutSeconds, workers,
                spec.batchSizePerWorker(), spec.averagingFrequency(), first.rounds(), spec.engine().key(),
                outer.spec().learningRate(), outer.spec().momentum(),
                outer.spec().restarts() ? " restarted on plateaus" : "", spec.learningRate().factor(workers),
                warmupRounds));
        warnAboutWorkers(workers, first);
        // the cache's cost per window: its float arrays (input, targets, covariate channels x steps)
        int covariateValues = covariates.channels() * covariateSteps;
        int bytesPerWindow = 4 * (input + horizon + covariateValues);
        LOG.info(String.format("cached blocks: %d bytes of float arrays a window (%d input, %d target, %d covariate"
                        + " values), %,.1f MB for the training windows", bytesPerWindow, input, horizon,
                covariateValues, (double) bytesPerWindow * trainExamples / 1e6));

        ProgressLine progressLine = ProgressLine.forConsole(start);
        Progress progress = Progress.start(resumed, network, runId, spec);
        for (int epoch = progress.nextEpoch(); progress.continues(spec.epochs()); epoch++) {
            RoundPlan plan = epoch == 1 ? first : plan(blocks, workers, epoch);
            EpochStats stats = barrier != null ? barrierEpoch(barrier, blocks, plan, progressLine)
                    : epoch(runner, blocks, plan, progressLine);
            double validationMse = validationExamples == 0 ? Double.NaN
                    : validationMse(trainingId, configuration, network, validation);
            stats = stats.withValidationMse(validationMse);
            network.setEpochCount(epoch);
            LOG.info(String.format("epoch %d/%d  training loss %.6f  validation %s %.6f  %.0f samples/s  %d rounds,"
                            + " %.1f ms overhead per round  %.1f s elapsed", epoch, spec.epochs(),
                    stats.trainingLoss(), classifies ? "cross-entropy" : "MSE", validationMse, stats.samplesPerSecond(), stats.rounds(),
                    1000 * stats.meanRoundOverheadSeconds(), (System.nanoTime() - start) / 1e9));
            checkpoints.save(progress.record(stats, network, outer));
        }
        String stopReason = progress.finish(network, spec.epochs());
        LOG.info("training of {} ended: {}", runId, stopReason);
        configuration.destroy();
        blocks.release();
        validation.unpersist(false);
        return new TrainingReport(runId, workers, trainExamples, validationExamples, first.rounds(), layoutSeconds,
                spec.engine().key(), progress.history(), (System.nanoTime() - start) / 1e9,
                progress.resumedAfterEpoch(), progress.bestEpoch(), stopReason);
    }

    private RoundPlan plan(TrainingBlocks blocks, int workers, int epoch) {
        return RoundPlan.of(blocks.sizes(), workers, spec.batchSizePerWorker(), spec.averagingFrequency(),
                spec.seed(), epoch);
    }

    private EpochStats epoch(RoundRunner runner, TrainingBlocks blocks, RoundPlan plan, ProgressLine progress) {
        long t0 = System.nanoTime();
        double lossSum = 0;
        long examples = 0;
        double overhead = 0;
        List<String> hosts = executorHosts();
        progress.startEpoch();
        for (int r = 0; r < plan.rounds(); r++) {
            // names the round's job in the Spark UI (and lets tests observe the tasks of each round)
            sc.setJobDescription(String.format("train epoch %d round %d/%d", plan.epoch(), r + 1, plan.rounds()));
            long r0 = System.nanoTime();
            RoundRunner.Outcome outcome = runner.run(blocks.round(plan.round(r), hosts));
            double roundSeconds = (System.nanoTime() - r0) / 1e9;
            overhead += roundSeconds - outcome.fitSeconds();
            lossSum += outcome.lossSum();
            examples += outcome.examples();
            progress.round(plan.epoch(), spec.epochs(), r + 1, plan.rounds(), examples);
            if ((r + 1) % HOSTS_EVERY_ROUNDS == 0) {
                hosts = executorHosts();
            }
        }
        progress.endEpoch();
        sc.setJobDescription(null);
        return new EpochStats(plan.epoch(), lossSum / examples, Double.NaN, examples, (System.nanoTime() - t0) / 1e9,
                plan.rounds(), overhead / plan.rounds());
    }

    private EpochStats barrierEpoch(BarrierEpochs barrier, TrainingBlocks blocks, RoundPlan plan,
                                    ProgressLine progress) {
        sc.setJobDescription(String.format("train epoch %d: %d rounds in one barrier stage of %d tasks",
                plan.epoch(), plan.rounds(), barrier.tasks(plan.workers())));
        progress.startEpoch();
        EpochStats stats = barrier.epoch(blocks, plan);
        progress.endEpoch();
        sc.setJobDescription(null);
        return stats;
    }

    private double validationMse(String trainingId, Broadcast<String> configuration, MultiLayerNetwork network,
                                 JavaRDD<WindowBlock> validation) {
        Broadcast<NetworkState> state = sc.broadcast(NetworkState.of(network, false));
        int batch = spec.batchSizePerWorker();
        ModelSpec.Strategy forecasts = strategy;
        LabelLayout layout = labels;
        boolean crossEntropy = classifies;
        boolean masked = masks;
        double[] levels = quantiles;
        List<double[]> parts = validation.map(block -> crossEntropy
                ? RoundTask.crossEntropy(trainingId, configuration, state, block, batch, layout)
                : RoundTask.squaredErrors(trainingId, configuration, state, block, batch, forecasts, masked,
                        levels)).collect();
        state.destroy();
        double sse = 0;
        double n = 0;
        for (double[] p : parts) {
            sse += p[0];
            n += p[1];
        }
        return sse / n;
    }

    private void warnAboutWorkers(int workers, RoundPlan plan) {
        int slots = sc.defaultParallelism();
        if (workers > slots) {
            LOG.warn("train.workers = {} but Spark offers {} task slots: each round runs its {} shares in {} waves"
                    + " (same result, slower)", workers, slots, workers, (workers + slots - 1) / slots);
        }
        int active = plan.activeWorkers(0);
        if (active < workers) {
            LOG.warn("train.workers = {} but an epoch has only {} windows (batch {} per worker): {} workers get data,"
                    + " {} stay idle", workers, plan.windows(), spec.batchSizePerWorker(), active, workers - active);
        }
    }

    /** Every live executor's host: a round's tasks may run anywhere (see RoundRDD). */
    private List<String> executorHosts() {
        return Arrays.stream(sc.sc().statusTracker().getExecutorInfos()).map(SparkExecutorInfo::host).distinct().toList();
    }
}
