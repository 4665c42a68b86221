package io.rnnforecast.train;

import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag$;

/**
 * The default round runner: one Spark job per round whose tasks fit their shares on networks kept in the executors
 * ({@link WorkerNetworks}) and return their state; the driver averages parameters (and Adam's moments) over the
 * workers that had data, summing in worker order so the result does not depend on which task finished first, and
 * the {@link OuterOptimizer} turns the mean into the next parameters (plain averaging by default).
 * Same semantics as dl4j-spark's ParameterAveragingTrainingMaster, without its per-round count job, network
 * construction on every worker and tree aggregation (measured in bench/scaling-benchmark.sh).
 */
final class KeptNetworkRounds implements RoundRunner {
    private final JavaSparkContext sc;
    private final MultiLayerNetwork network;
    private final WorkerFit fit;
    private final OuterOptimizer outer;

    KeptNetworkRounds(JavaSparkContext sc, MultiLayerNetwork network, WorkerFit fit, OuterOptimizer outer) {
        this.sc = sc;
        this.network = network;
        this.fit = fit;
        this.outer = outer;
    }

    @Override
    public Outcome run(RoundRDD round) {
        NetworkState start = NetworkState.of(network, fit.withUpdater());
        RoundTask task = new RoundTask(fit, start);
        RoundTask.Result[] results = (RoundTask.Result[]) sc.sc().runJob(round, task,
                ClassTag$.MODULE$.apply(RoundTask.Result.class));
        combine(start.params(), results);
        double lossSum = 0;
        long examples = 0;
        long fitNanos = 0;
        for (RoundTask.Result r : results) {
            lossSum += r.lossSum();
            examples += r.examples();
            fitNanos = Math.max(fitNanos, r.fitNanos());
        }
        return new Outcome(lossSum, examples, fitNanos / 1e9);
    }

    private void combine(float[] start, RoundTask.Result[] results) {
        double[] params = new double[results[0].state().params().length];
        float[] first = results[0].state().updater();
        double[] updater = first == null ? null : new double[first.length];
        int iteration = 0;
        for (RoundTask.Result r : results) {
            add(params, r.state().params());
            if (updater != null) {
                add(updater, r.state().updater());
            }
            iteration = Math.max(iteration, r.state().iteration());
        }
        network.params().assign(Nd4j.createFromArray(outer.step(start, params, results.length)));
        if (updater != null) {
            network.getUpdater().getStateViewArray().assign(Nd4j.createFromArray(mean(updater, results.length)));
        }
        network.setIterationCount(iteration);
    }

    private static void add(double[] sum, float[] values) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += values[i];
        }
    }

    private static float[] mean(double[] sum, int n) {
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sum[i] / n);
        }
        return out;
    }
}
