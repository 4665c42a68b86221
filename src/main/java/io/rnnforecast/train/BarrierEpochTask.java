package io.rnnforecast.train;

import org.apache.spark.BarrierTaskContext;
import org.apache.spark.SparkEnv;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * One barrier task's epoch: it hosts a contiguous range of logical workers, and for every round fits each of its
 * workers' shares from the round's parameters, sums its workers' parameters and Adam moments, sums those with
 * the other tasks over TCP ({@link PeerSum}: the rendezvous is one {@code allGather} of host:port, the data goes
 * task to task), and takes the outer step itself. Every task computes the same step from the same sum, so all of
 * them hold the same parameters after every round without a driver in the loop; task 0 returns them.
 */
final class BarrierEpochTask extends AbstractFunction1<Iterator<EpochSharesRDD.RoundShares>,
        Iterator<BarrierEpochTask.Result>> implements Serializable {

    /**
     * What a task reports: {@code state} and {@code velocity} only from task 0 (all tasks hold the same); the
     * task's summed loss, examples, time in fit, and time in the round outside fit (exchange and waiting).
     */
    record Result(int task, NetworkState state, double[] velocity, double lossSum, long examples, long fitNanos,
                  long outsideFitNanos, int rounds) implements Serializable {
    }

    /**
     * A Spark local property "epoch:task:round" that makes that task fail once in this JVM when it reaches that
     * round (fault tests: the stage fails mid-epoch with the other task waiting on it). Unset in real runs.
     */
    static final String INJECT_FAILURE = "rnnforecast.inject-barrier-failure";
    private static final java.util.concurrent.atomic.AtomicBoolean INJECTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** How long a task waits for a peer before failing the stage (Spark then retries it whole). */
    private static final long PEER_TIMEOUT_MILLIS = 10 * 60 * 1000;

    private final WorkerFit fit;
    private final NetworkState start;
    private final double[] velocity;
    private final OuterOptimizer.Spec outerSpec;
    private final RoundPlan plan;
    private final int tasks;

    BarrierEpochTask(WorkerFit fit, NetworkState start, double[] velocity, OuterOptimizer.Spec outerSpec,
                     RoundPlan plan, int tasks) {
        this.fit = fit;
        this.start = start;
        this.velocity = velocity;
        this.outerSpec = outerSpec;
        this.plan = plan;
        this.tasks = tasks;
    }

    @Override
    public Iterator<Result> apply(Iterator<EpochSharesRDD.RoundShares> rounds) {
        BarrierTaskContext context = BarrierTaskContext.get();
        int task = context.partitionId();
        String host = SparkEnv.get().blockManager().blockManagerId().host();
        MultiLayerNetwork net = fit.borrow();
        try (ServerSocket server = PeerSum.listen(host)) {
            List<String> peers = Arrays.asList(context.allGather(host + ":" + server.getLocalPort()));
            try (PeerSum exchange = new PeerSum(task, peers, server, context::isInterrupted, PEER_TIMEOUT_MILLIS)) {
                String inject = context.getLocalProperty(INJECT_FAILURE);
                return JavaConverters.asScalaIterator(List.of(train(task, net, rounds, exchange, inject))
                        .iterator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            fit.giveBack(net);
        }
    }

    private Result train(int task, MultiLayerNetwork net, Iterator<EpochSharesRDD.RoundShares> rounds,
                         PeerSum exchange, String inject) {
        OuterOptimizer outer = new OuterOptimizer(outerSpec);
        outer.restore(velocity);
        NetworkState state = start;
        int params = start.params().length;
        int updater = fit.withUpdater() && start.updater() != null ? start.updater().length : 0;
        double lossSum = 0;
        long examples = 0;
        long fitNanos = 0;
        long outsideNanos = 0;
        int count = 0;
        while (rounds.hasNext()) {
            long r0 = System.nanoTime();
            EpochSharesRDD.RoundShares round = rounds.next();
            if (inject != null && inject.equals(start.epoch() + 1 + ":" + task + ":" + round.round())
                    && INJECTED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure of task " + task + " in round " + round.round()
                        + " (" + INJECT_FAILURE + ")");
            }
            double[] local = new double[params + updater];
            long fitted = 0;
            for (var share : round.shares()) {
                if (share == null) {
                    continue;
                }
                state.loadInto(net);
                long f0 = System.nanoTime();
                lossSum += fit.fit(net, share);
                fitted += System.nanoTime() - f0;
                examples += share.size();
                add(local, 0, net.params().toFloatVector());
                if (updater > 0) {
                    add(local, params, net.getUpdater().getStateViewArray().toFloatVector());
                }
            }
            double[] total = exchange.sum(local);
            state = next(state, outer, total, params, updater, round.round());
            fitNanos += fitted;
            outsideNanos += System.nanoTime() - r0 - fitted;
            count++;
        }
        return new Result(task, task == 0 ? state : null, task == 0 ? outer.velocity() : null, lossSum, examples,
                fitNanos, outsideNanos, count);
    }

    /**
     * The state after round {@code r} from the sum over its active workers: the outer step on the parameters,
     * the mean of the Adam moments, and the iteration count the most-fitting worker reached (as the rounds
     * engine's driver computes them).
     */
    private NetworkState next(NetworkState state, OuterOptimizer outer, double[] total, int params, int updater,
                              int r) {
        int active = plan.activeWorkers(r);
        float[] p = outer.step(state.params(), Arrays.copyOfRange(total, 0, params), active);
        float[] u = null;
        if (updater > 0) {
            u = new float[updater];
            for (int i = 0; i < updater; i++) {
                u[i] = (float) (total[params + i] / active);
            }
        }
        int most = 0;
        for (int w = 0; w < plan.workers(); w++) {
            most = Math.max(most, plan.minibatches(r, w));
        }
        return new NetworkState(p, u, state.iteration() + most, state.epoch());
    }

    private static void add(double[] sum, int at, float[] values) {
        for (int i = 0; i < values.length; i++) {
            sum[at + i] += values[i];
        }
    }
}
