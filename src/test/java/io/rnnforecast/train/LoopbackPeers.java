package io.rnnforecast.train;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@link PeerSum} peers on loopback, one thread each, as barrier tasks are (for the tests and the benchmark). */
public final class LoopbackPeers {
    private LoopbackPeers() {
    }

    /** What one peer does with its connected {@link PeerSum}. */
    @FunctionalInterface
    public interface Body<T> {
        T run(int self, PeerSum sum) throws Exception;
    }

    /**
     * Opens {@code peers} servers on 127.0.0.1, runs {@code body} on each peer's thread and returns the peers'
     * results in peer order; the first failure is thrown (as an ExecutionException).
     */
    public static <T> List<T> run(int peers, long timeoutMillis, Body<T> body) throws Exception {
        List<ServerSocket> servers = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(peers);
        try {
            for (int p = 0; p < peers; p++) {
                ServerSocket s = PeerSum.listen("127.0.0.1");
                servers.add(s);
                addresses.add("127.0.0.1:" + s.getLocalPort());
            }
            List<Future<T>> futures = new ArrayList<>();
            for (int p = 0; p < peers; p++) {
                int self = p;
                futures.add(pool.submit(() -> {
                    try (PeerSum sum = new PeerSum(self, addresses, servers.get(self), () -> false, timeoutMillis)) {
                        return body.run(self, sum);
                    }
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
            for (ServerSocket s : servers) {
                s.close();
            }
        }
    }
}
