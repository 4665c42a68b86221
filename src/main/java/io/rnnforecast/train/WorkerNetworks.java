package io.rnnforecast.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Networks kept in an executor JVM between rounds, one per concurrently running task, so a round only copies the
 * averaged parameters in instead of building a network from its configuration (what dl4j-spark's worker does every
 * round). Keyed by training id; a JVM trains one model at a time, so a new id drops the networks of older ones.
 */
final class WorkerNetworks {
    private static final Map<String, Queue<MultiLayerNetwork>> POOLS = new ConcurrentHashMap<>();

    private WorkerNetworks() {
    }

    static MultiLayerNetwork borrow(String trainingId, String configurationJson) {
        if (!POOLS.containsKey(trainingId)) {
            POOLS.keySet().removeIf(id -> !id.equals(trainingId));
        }
        MultiLayerNetwork net = POOLS.computeIfAbsent(trainingId, id -> new ConcurrentLinkedQueue<>()).poll();
        if (net == null) {
            net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configurationJson));
            net.init();
        }
        return net;
    }

    static void giveBack(String trainingId, MultiLayerNetwork net) {
        Queue<MultiLayerNetwork> pool = POOLS.get(trainingId);
        if (pool != null) {
            pool.add(net);
        }
    }
}
