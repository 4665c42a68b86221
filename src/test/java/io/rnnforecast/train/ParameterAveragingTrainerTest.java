package io.rnnforecast.train;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.windowrdd.WindowedSeries;
import io.rnnforecast.ingest.GeneratedSeriesWriter;
import io.rnnforecast.ingest.IngestSpec;
import io.rnnforecast.ingest.SourceFormat;
import io.rnnforecast.ingest.SeriesColumns;
import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.model.NetworkFactory;
import io.rnnforecast.model.layers.FusedLayerNormSimpleRnn;
import io.rnnforecast.model.layers.FusedPeepholeLstm;
import io.rnnforecast.generate.GeronGenerator;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.train.RoundPlan;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.Window;
import io.rnnforecast.window.WindowBlock;
import io.rnnforecast.window.WindowSpec;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter averaging through real Spark (local[2]) on 600 Géron series: semantics, determinism, workers. */
class ParameterAveragingTrainerTest {
    private static final int BATCH = 16;
    private static final int FREQUENCY = 5;
    /** Two steps ahead, so validation and minibatches are checked with a label matrix, not a vector. */
    private static final ModelSpec MODEL = ModelSpec.builder().cell(ModelSpec.Cell.LSTM).stack(1, 8).window(20, 2)
            .loss(ModelSpec.Loss.MSE).learningRate(0.01).seed(7).build();

    @TempDir
    static Path dir;
    private static WindowedSeries data;

    @BeforeAll
    static void geronSeries() {
        SparkSession spark = SparkTestSession.get();
        String path = dir.resolve("geron").toString();
        new GeneratedSeriesWriter(spark).write(new GeronGenerator(22), 600, 42, 3, path);
        IngestSpec spec = new IngestSpec(SourceFormat.PARQUET, new SeriesColumns("unique_id", "ds", "y"),
                new RepairPolicy(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE, null),
                new ScalingPolicy(Scaling.Method.NONE, ScalingPolicy.WhenConstant.REJECT_SERIES), 22, 2);
        data = new WindowedSeries(new SeriesIngest(spark, spec).read(path).series(), new WindowSpec(20, 2, 1, 1),
                SplitSpec.bySeries(0.2, 0.1, 42));
    }

    private static TrainingSpec spec(int workers, long seed, TrainingSpec.Engine engine, int epochs) {
        return new TrainingSpec(epochs, BATCH, FREQUENCY, workers, true, engine, seed);
    }

    private static MultiLayerNetwork train(TrainingSpec spec) {
        return train(MODEL, spec);
    }

    private static MultiLayerNetwork train(ModelSpec model, TrainingSpec spec) {
        MultiLayerNetwork net = NetworkFactory.build(model);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        TrainingReport report = new ParameterAveragingTrainer(sc, spec).fit("test", net, data);
        assertEquals(spec.epochs(), report.epochs().size());
        lastReport = report;
        return net;
    }

    private static TrainingReport lastReport;

    private static TrainingReport fit(TrainingSpec spec, MultiLayerNetwork net, Checkpoints checkpoints) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        return new ParameterAveragingTrainer(sc, spec).fit("test", net, data, checkpoints);
    }

    private static CheckpointStore store(String name, String settings) {
        return new CheckpointStore(SparkTestSession.get().sparkContext().hadoopConfiguration(),
                dir.resolve(name).toUri().toString(), "test", settings);
    }

    @Test
    void aResumedTrainingEndsWithTheParametersOfAnUninterruptedOne() {
        float[] uninterrupted = train(spec(2, 42, TrainingSpec.Engine.ROUNDS, 3)).params().toFloatVector();

        // "interrupted" after epoch 2: a fresh network and trainer continue from the checkpoint on disk
        fit(spec(2, 42, TrainingSpec.Engine.ROUNDS, 2), NetworkFactory.build(MODEL), store("resume", "s"));
        MultiLayerNetwork resumed = NetworkFactory.build(MODEL);
        TrainingReport report = fit(spec(2, 42, TrainingSpec.Engine.ROUNDS, 3), resumed, store("resume", "s"));
        assertArrayEquals(uninterrupted, resumed.params().toFloatVector());
        assertEquals(2, report.resumedAfterEpoch());
        assertEquals(List.of(1, 2, 3), report.epochs().stream().map(EpochStats::epoch).toList());
        assertEquals(3, resumed.getEpochCount());

        // a checkpoint made with other settings is not continued
        MultiLayerNetwork other = NetworkFactory.build(MODEL);
        assertEquals(0, fit(spec(2, 42, TrainingSpec.Engine.ROUNDS, 1), other, store("resume", "t"))
                .resumedAfterEpoch());
    }

    /**
     * One round per epoch (averaging frequency beyond the epoch), so the outer step is taken once from the initial
     * parameters theta0: with outer learning rate 2 and no momentum, theta = theta0 - 2 (theta0 - mean) = 2 mean -
     * theta0, where mean is what plain averaging gives.
     */
    @Test
    void theOuterLearningRateStepsFromTheStartAlongTheWorkersMeanChange() {
        float[] theta0 = NetworkFactory.build(MODEL).params().toFloatVector();
        TrainingSpec oneRound = new TrainingSpec(1, BATCH, 100_000, 2, true, TrainingSpec.Engine.ROUNDS, 42);
        float[] mean = train(oneRound).params().toFloatVector();
        assertEquals(1, lastReport.roundsPerEpoch());
        float[] stepped = train(oneRound.withCombination(new OuterOptimizer.Spec(2, 0, true),
                WorkerLearningRate.Spec.NONE)).params().toFloatVector();
        double largestChange = 0;
        for (int i = 0; i < theta0.length; i++) {
            assertEquals(2.0 * mean[i] - theta0[i], stepped[i], 1e-6 * (1 + Math.abs(stepped[i])), "parameter " + i);
            largestChange = Math.max(largestChange, Math.abs(mean[i] - theta0[i]));
        }
        assertTrue(largestChange > 1e-3, "the round moved the parameters: " + largestChange);
    }

    /** The workers' rate is scaled, not the model's: W = 2 at rate r x 2 (linear) is W = 2 with rate 2r. */
    @Test
    void linearScalingTrainsTheWorkersAtWTimesTheModelsRate() {
        ModelSpec halfRate = MODEL.toBuilder().learningRate(0.005).build();
        float[] scaled = train(halfRate, spec(2, 42, TrainingSpec.Engine.ROUNDS, 1).withCombination(
                OuterOptimizer.Spec.AVERAGE, new WorkerLearningRate.Spec(WorkerLearningRate.Rule.LINEAR, 0)))
                .params().toFloatVector();
        float[] doubleRate = train(spec(2, 42, TrainingSpec.Engine.ROUNDS, 1)).params().toFloatVector();
        assertArrayEquals(doubleRate, scaled);
        float[] unscaled = train(halfRate, spec(2, 42, TrainingSpec.Engine.ROUNDS, 1)).params().toFloatVector();
        assertFalse(java.util.Arrays.equals(unscaled, scaled));
    }

    /**
     * train.learning-rate-scaling = auto: at W = 8 it trains exactly as the many-worker recipe spelled out (rate x
     * sqrt(8), averaging every 10 minibatches, warm-up over 2 epochs of rounds); at W = 2 exactly as the model's
     * rate with the averaging frequency given.
     */
    @Test
    void autoScalingIsTheManyWorkerRecipeFromEightWorkersAndNothingBelow() {
        WorkerLearningRate.Spec auto = new WorkerLearningRate.Spec(WorkerLearningRate.Rule.AUTO, 0, false, false);
        float[] auto8 = train(spec(8, 42, TrainingSpec.Engine.ROUNDS, 2).withCombination(OuterOptimizer.Spec.AVERAGE,
                auto)).params().toFloatVector();
        int rounds = lastReport.roundsPerEpoch();
        TrainingSpec every10 = new TrainingSpec(2, BATCH, 10, 8, true, TrainingSpec.Engine.ROUNDS, 42);
        float[] recipe = train(every10.withCombination(OuterOptimizer.Spec.AVERAGE,
                new WorkerLearningRate.Spec(WorkerLearningRate.Rule.SQRT, 2 * rounds))).params().toFloatVector();
        assertEquals(rounds, lastReport.roundsPerEpoch());
        assertArrayEquals(recipe, auto8);
        float[] unscaled = train(every10.withCombination(OuterOptimizer.Spec.AVERAGE, WorkerLearningRate.Spec.NONE))
                .params().toFloatVector();
        assertFalse(java.util.Arrays.equals(unscaled, auto8), "the rate was scaled");

        float[] auto2 = train(spec(2, 42, TrainingSpec.Engine.ROUNDS, 1).withCombination(OuterOptimizer.Spec.AVERAGE,
                auto)).params().toFloatVector();
        assertArrayEquals(train(spec(2, 42, TrainingSpec.Engine.ROUNDS, 1)).params().toFloatVector(), auto2);
    }

    /**
     * The barrier engine runs the same rounds inside one stage per epoch, the tasks summing among themselves: with
     * one worker per task (W = 1, W = 2 on local[2]) its parameters, Adam moments and iteration count equal the
     * rounds engine's bit for bit, with plain averaging and with outer momentum.
     */
    @Test
    void theBarrierEngineGivesTheRoundsEnginesParameters() {
        OuterOptimizer.Spec momentum = new OuterOptimizer.Spec(1, 0.5, true);
        for (int workers : new int[] {1, 2}) {
            for (OuterOptimizer.Spec outer : List.of(OuterOptimizer.Spec.AVERAGE, momentum)) {
                MultiLayerNetwork rounds = train(spec(workers, 42, TrainingSpec.Engine.ROUNDS, 2)
                        .withCombination(outer, WorkerLearningRate.Spec.NONE));
                double roundsMse = lastReport.finalValidationMse();
                MultiLayerNetwork barrier = train(spec(workers, 42, TrainingSpec.Engine.BARRIER, 2)
                        .withCombination(outer, WorkerLearningRate.Spec.NONE));
                String what = workers + " workers, " + outer;
                assertArrayEquals(rounds.params().toFloatVector(), barrier.params().toFloatVector(), what);
                assertArrayEquals(rounds.getUpdater().getStateViewArray().toFloatVector(),
                        barrier.getUpdater().getStateViewArray().toFloatVector(), what);
                assertEquals(rounds.getIterationCount(), barrier.getIterationCount(), what);
                assertEquals(roundsMse, lastReport.finalValidationMse(), 0.0, what);
            }
        }
    }

    /**
     * Task 1 fails in round 1 of epoch 2 (0-based; the epoch has more than one round) while task 0 waits on it: the
     * stage fails, the epoch runs again from its start, and the training ends with the parameters of an
     * uninterrupted one.
     */
    @Test
    void aBarrierEpochThatLosesATaskRunsAgainAndEndsWithTheUninterruptedParameters() {
        TrainingSpec barrier = spec(2, 42, TrainingSpec.Engine.BARRIER, 2);
        float[] uninterrupted = train(barrier).params().toFloatVector();
        assertTrue(lastReport.roundsPerEpoch() >= 2, "rounds per epoch: " + lastReport.roundsPerEpoch());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                    failed.add(end.reason().toString());
                }
            }
        };
        sc.sc().addSparkListener(listener);
        sc.setLocalProperty(BarrierEpochTask.INJECT_FAILURE, "2:1:1");
        try {
            float[] retried = train(barrier).params().toFloatVector();
            assertArrayEquals(uninterrupted, retried);
        } finally {
            sc.setLocalProperty(BarrierEpochTask.INJECT_FAILURE, null);
            waitForListener(SparkTestSession.get());
            sc.sc().removeSparkListener(listener);
        }
        assertTrue(failed.stream().anyMatch(r -> r.contains("injected failure of task 1 in round 1")),
                failed.toString());
    }

    /**
     * Four logical workers on two barrier tasks (two each): each task sums its two workers first, so the sums are
     * the same double additions in another order; after two epochs the parameters agree to float rounding.
     */
    @Test
    void theBarrierEngineHostsSeveralLogicalWorkersPerTask() {
        float[] rounds = train(spec(4, 42, TrainingSpec.Engine.ROUNDS, 2)).params().toFloatVector();
        float[] barrier = train(spec(4, 42, TrainingSpec.Engine.BARRIER, 2)).params().toFloatVector();
        for (int i = 0; i < rounds.length; i++) {
            assertEquals(rounds[i], barrier[i], 1e-5 * (1 + Math.abs(rounds[i])), "parameter " + i);
        }
    }

    /** The outer momentum is training state: a resumed run must continue it, not restart it from zero. */
    @Test
    void aResumedTrainingWithOuterMomentumEndsWithTheUninterruptedParameters() {
        OuterOptimizer.Spec momentum = new OuterOptimizer.Spec(1, 0.5, true);
        TrainingSpec three = spec(2, 42, TrainingSpec.Engine.ROUNDS, 3).withCombination(momentum,
                WorkerLearningRate.Spec.NONE);
        float[] uninterrupted = train(three).params().toFloatVector();
        fit(spec(2, 42, TrainingSpec.Engine.ROUNDS, 2).withCombination(momentum, WorkerLearningRate.Spec.NONE),
                NetworkFactory.build(MODEL), store("resume-momentum", "s"));
        MultiLayerNetwork resumed = NetworkFactory.build(MODEL);
        assertEquals(2, fit(three, resumed, store("resume-momentum", "s")).resumedAfterEpoch());
        assertArrayEquals(uninterrupted, resumed.params().toFloatVector());
        float[] plain = train(spec(2, 42, TrainingSpec.Engine.ROUNDS, 3)).params().toFloatVector();
        assertFalse(java.util.Arrays.equals(plain, uninterrupted));
    }

    /**
     * With restart-on-plateau, an epoch that does not improve the validation MSE ends with no momentum: min-delta so
     * large that only epoch 1 improves (on +infinity), so epoch 1 keeps its momentum and epochs 2 and 3 drop theirs;
     * a run resumed after epoch 2 continues with the dropped momentum (same parameters), and without the restart
     * the parameters differ.
     */
    @Test
    void anEpochWithoutImprovementRestartsTheOuterMomentum() {
        OuterOptimizer.Spec restarting = new OuterOptimizer.Spec(1, 0.5, true, true);
        TrainingSpec.EarlyStopping never = new TrainingSpec.EarlyStopping(0, 1e6);
        java.util.function.IntFunction<TrainingSpec> epochs = n -> new TrainingSpec(n, BATCH, FREQUENCY, 2, true,
                TrainingSpec.Engine.ROUNDS, 42, never).withCombination(restarting, WorkerLearningRate.Spec.NONE);
        fit(epochs.apply(1), NetworkFactory.build(MODEL), store("restart-one", "r"));
        assertNotNull(store("restart-one", "r").latest().orElseThrow().outerVelocity(), "epoch 1 improved");

        MultiLayerNetwork restarted = NetworkFactory.build(MODEL);
        fit(epochs.apply(3), restarted, store("restart", "r"));
        Checkpoint last = store("restart", "r").latest().orElseThrow();
        assertEquals(3, last.epoch());
        assertEquals(2, last.epochsWithoutImprovement());
        assertNull(last.outerVelocity(), "epoch 3 did not improve: its momentum is dropped");

        fit(epochs.apply(2), NetworkFactory.build(MODEL), store("restart-two", "r"));
        assertNull(store("restart-two", "r").latest().orElseThrow().outerVelocity());
        MultiLayerNetwork continued = NetworkFactory.build(MODEL);
        assertEquals(2, fit(epochs.apply(3), continued, store("restart-two", "r")).resumedAfterEpoch());
        assertArrayEquals(restarted.params().toFloatVector(), continued.params().toFloatVector());

        MultiLayerNetwork kept = NetworkFactory.build(MODEL);
        fit(epochs.apply(3).withCombination(new OuterOptimizer.Spec(1, 0.5, true), WorkerLearningRate.Spec.NONE),
                kept, Checkpoints.NONE);
        assertFalse(java.util.Arrays.equals(restarted.params().toFloatVector(), kept.params().toFloatVector()));
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsParameters() {
        float[] afterOneEpoch = train(spec(2, 42, TrainingSpec.Engine.ROUNDS, 1)).params().toFloatVector();
        double epochOneMse = lastReport.finalValidationMse();
        // min-delta so large that no epoch after the first counts as an improvement: stop after epoch 1 + patience
        TrainingSpec patient = new TrainingSpec(10, BATCH, FREQUENCY, 2, true, TrainingSpec.Engine.ROUNDS, 42,
                new TrainingSpec.EarlyStopping(2, 1e6));
        MultiLayerNetwork net = NetworkFactory.build(MODEL);
        TrainingReport report = fit(patient, net, store("early", "s"));
        assertEquals(3, report.epochs().size(), report.stopReason());
        assertEquals(1, report.bestEpoch());
        assertTrue(report.stopReason().startsWith("early stopping after epoch 3"), report.stopReason());
        assertArrayEquals(afterOneEpoch, net.params().toFloatVector());
        assertEquals(epochOneMse, report.finalValidationMse(), 0.0);

        // resuming an early-stopped run trains nothing more and keeps the best epoch
        MultiLayerNetwork again = NetworkFactory.build(MODEL);
        TrainingReport rerun = fit(patient, again, store("early", "s"));
        assertEquals(3, rerun.epochs().size());
        assertArrayEquals(afterOneEpoch, again.params().toFloatVector());
    }

    /** The layer-norm simple RNN and the peephole LSTM (issue 10) train like any layer: their params are averaged. */
    @Test
    void layerNormRnnAndPeepholeLstmTrainWithParameterAveraging() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).updater(new Adam(0.01)).list()
                .layer(new FusedLayerNormSimpleRnn.Builder().nIn(1).nOut(8).build())
                .layer(new FusedPeepholeLstm.Builder().nOut(8).returnSequences(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(2)
                        .build())
                .setInputType(InputType.recurrent(1, 20)).build());
        net.init();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        TrainingReport report = new ParameterAveragingTrainer(sc, spec(2, 42, TrainingSpec.Engine.ROUNDS, 2))
                .fit("test", net, data);
        List<EpochStats> epochs = report.epochs();
        assertTrue(epochs.get(1).validationMse() < epochs.get(0).validationMse(), epochs.toString());
        assertTrue(net.getLayer(0).getParam("gamma").sub(1).amaxNumber().doubleValue() > 1e-4, "gamma trained");
        assertTrue(net.getLayer(1).getParam("po").amaxNumber().doubleValue() > 0, "peepholes present");
    }

    /**
     * A bidirectional model as model.bidirectional builds it (DL4J's Bidirectional around the fused GRU): both
     * directions' parameters are averaged, and validation error falls from the first epoch to the third.
     */
    @Test
    void bidirectionalModelTrainsWithParameterAveraging() {
        ModelSpec bidirectional = ModelSpec.builder().cell(ModelSpec.Cell.GRU).units(List.of(8))
                .output(ModelSpec.Output.DENSE)
                .window(20, 2).loss(ModelSpec.Loss.MSE).learningRate(0.01)
                .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(7)
                .strategy(ModelSpec.Strategy.DIRECT).conv(ModelSpec.Conv1d.NONE).init(ModelSpec.Init.PYTORCH)
                .bidirectional(true).build();
        MultiLayerNetwork net = NetworkFactory.build(bidirectional);
        INDArray backwardBefore = net.getLayer(0).getParam("bRW").dup();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        TrainingReport report = new ParameterAveragingTrainer(sc, spec(2, 42, TrainingSpec.Engine.ROUNDS, 3))
                .fit("test", net, data);
        List<EpochStats> epochs = report.epochs();
        assertTrue(epochs.get(2).validationMse() < epochs.get(0).validationMse(), epochs.toString());
        assertTrue(net.getLayer(0).getParam("bRW").sub(backwardBefore).amaxNumber().doubleValue() > 1e-4,
                "the backward direction trained");
    }

    @Test
    void validationMseIsTheMeanSquaredErrorOverEveryValidationValue() {
        MultiLayerNetwork net = train(spec(2, 42, TrainingSpec.Engine.ROUNDS, 1));
        List<Window> validation = data.windows(Split.VALIDATION).collect();
        double sse = 0;
        for (Window w : validation) {
            DataSet one = WindowBlock.ofWindows(List.of(w), 20, 2).rows(0, 1);
            float[] predicted = net.output(one.getFeatures()).ravel().toFloatVector();
            for (int s = 0; s < 2; s++) {
                sse += Math.pow(predicted[s] - w.target()[s], 2);
            }
        }
        assertTrue(validation.size() > 80, "validation windows: " + validation.size());
        assertEquals(sse / (2 * validation.size()), lastReport.finalValidationMse(), 1e-9);
        assertEquals(validation.size(), lastReport.validationExamples());
    }

    @Test
    void oneWorkerGivesTheParametersOfMultiLayerNetworkFitOnTheSameMinibatches() {
        MultiLayerNetwork spark = train(spec(1, 42, TrainingSpec.Engine.ROUNDS, 2));

        // The layout as documented, derived here without Spark: block = HashPartitioner(key) over
        // ceil(n / windowsPerBlock) blocks, rows ordered by key; then the round plan's order, one worker.
        List<Window> windows = data.windows(Split.TRAIN).collect();
        int perBlock = ParameterAveragingTrainer.SHARES_PER_BLOCK * BATCH * FREQUENCY;
        int blockCount = (windows.size() + perBlock - 1) / perBlock;
        List<TreeMap<Long, Window>> blocks = new ArrayList<>();
        for (int b = 0; b < blockCount; b++) {
            blocks.add(new TreeMap<>());
        }
        for (Window w : windows) {
            long key = w.layoutKey(42);
            blocks.get(Math.floorMod(Long.hashCode(key), blockCount)).put(key, w);
        }
        int[] sizes = blocks.stream().mapToInt(TreeMap::size).toArray();
        MultiLayerNetwork single = NetworkFactory.build(MODEL);
        int fits = 0;
        for (int epoch = 1; epoch <= 2; epoch++) {
            RoundPlan plan = RoundPlan.of(sizes, 1, BATCH, FREQUENCY, 42, epoch);
            for (int r = 0; r < plan.rounds(); r++) {
                RoundPlan.Round round = plan.round(r);
                List<Window> share = new ArrayList<>();
                for (RoundPlan.Slice s : round.share(0)) {
                    List<Window> rows = new ArrayList<>(blocks.get(s.block()).values());
                    int[] order = round.blockOrder(s.block(), rows.size());
                    for (int i = s.from(); i < s.to(); i++) {
                        share.add(rows.get(order[i]));
                    }
                }
                for (DataSet batch : WindowBlock.ofWindows(share, 20, 2).minibatches(BATCH)) {
                    single.fit(batch);
                    fits++;
                }
            }
            single.setEpochCount(epoch);
        }
        assertEquals(2 * Math.ceil(windows.size() / (double) BATCH), fits, 2);
        assertArrayEquals(single.params().toFloatVector(), spark.params().toFloatVector());
        assertArrayEquals(single.getUpdater().getStateViewArray().toFloatVector(),
                spark.getUpdater().getStateViewArray().toFloatVector());
        assertEquals(single.getIterationCount(), spark.getIterationCount());
    }

    @Test
    void theSameSeedGivesIdenticalParametersOnTwoWorkersAndAnotherSeedOthers() {
        float[] first = train(spec(2, 42, TrainingSpec.Engine.ROUNDS, 2)).params().toFloatVector();
        float[] second = train(spec(2, 42, TrainingSpec.Engine.ROUNDS, 2)).params().toFloatVector();
        float[] otherSeed = train(spec(2, 43, TrainingSpec.Engine.ROUNDS, 2)).params().toFloatVector();
        assertArrayEquals(first, second);
        assertFalse(java.util.Arrays.equals(first, otherSeed));
    }

    /** One epoch (no partial round before the end): dl4j-spark's master averages the same minibatches identically. */
    @Test
    void averagesAsDl4jSparksParameterAveragingTrainingMaster() {
        MultiLayerNetwork ours = train(spec(2, 42, TrainingSpec.Engine.ROUNDS, 1));
        MultiLayerNetwork dl4j = train(spec(2, 42, TrainingSpec.Engine.DL4J, 1));
        assertArrayEquals(dl4j.params().toFloatVector(), ours.params().toFloatVector());
        assertArrayEquals(dl4j.getUpdater().getStateViewArray().toFloatVector(),
                ours.getUpdater().getStateViewArray().toFloatVector());
    }

    @Test
    void trainWorkersSetsTheTasksOfEveryRound() {
        Map<Integer, Integer> tasksPerRound = new ConcurrentHashMap<>();
        SparkListener listener = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String description = start.properties().getProperty("spark.job.description", "");
                if (description.startsWith("train epoch")) {
                    // the job's result stage (the highest id; the others are the skipped layout stages)
                    int tasks = scala.collection.JavaConverters.seqAsJavaList(start.stageInfos()).stream()
                            .max(java.util.Comparator.comparingInt(org.apache.spark.scheduler.StageInfo::stageId))
                            .orElseThrow().numTasks();
                    tasksPerRound.merge(tasks, 1, Integer::sum);
                }
            }
        };
        SparkSession spark = SparkTestSession.get();
        spark.sparkContext().addSparkListener(listener);
        try {
            // ~420 training windows, 3 workers x 80 per round: 2 rounds of 3 shares (the last one ~180 = 3 x ~60)
            train(spec(3, 42, TrainingSpec.Engine.ROUNDS, 1));
            waitForListener(spark);
            assertEquals(Map.of(3, 2), tasksPerRound, "tasks per round job -> rounds");
            tasksPerRound.clear();
            train(spec(1, 42, TrainingSpec.Engine.ROUNDS, 1));
            waitForListener(spark);
            assertTrue(tasksPerRound.keySet().equals(java.util.Set.of(1)) && tasksPerRound.get(1) >= 5,
                    tasksPerRound.toString());
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
    }

    /** Listener events are delivered asynchronously: wait until those of the training are. */
    private static void waitForListener(SparkSession spark) {
        try {
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
