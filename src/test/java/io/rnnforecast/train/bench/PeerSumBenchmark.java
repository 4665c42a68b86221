package io.rnnforecast.train.bench;

import io.rnnforecast.train.PeerSum;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cost of one {@link PeerSum} between peers on loopback, one thread each (what barrier tasks do every round):
 * prints {@code RESULT peers=S values=N micros=<median per sum> mbps=<payload MB/s per peer>} for each size.
 * Run by bench/time-to-accuracy.sh for the cost model; arguments: peers=2 values=2000,100000,1000000 seconds=2.
 */
public final class PeerSumBenchmark {
    private PeerSumBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int peers = 2;
        int[] sizes = {2_000, 20_000, 200_000, 2_000_000};
        double seconds = 2;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "peers" -> peers = Integer.parseInt(kv[1]);
                case "values" -> sizes = java.util.Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "seconds" -> seconds = Double.parseDouble(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        for (int n : sizes) {
            run(peers, n, seconds);
        }
    }

    private static void run(int peers, int n, double seconds) throws Exception {
        List<ServerSocket> servers = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (int p = 0; p < peers; p++) {
            ServerSocket s = PeerSum.listen("127.0.0.1");
            servers.add(s);
            addresses.add("127.0.0.1:" + s.getLocalPort());
        }
        ExecutorService pool = Executors.newFixedThreadPool(peers);
        List<Future<long[]>> results = new ArrayList<>();
        // every peer runs the same number of sums: peer 0 decides by time during a warm-up, then all run it
        int iterations = Math.max(5, (int) (seconds * 1e6 / Math.max(1, estimateMicros(n))));
        for (int p = 0; p < peers; p++) {
            int self = p;
            results.add(pool.submit(() -> {
                double[] v = new double[n];
                java.util.Arrays.fill(v, self + 1);
                try (PeerSum sum = new PeerSum(self, addresses, servers.get(self), () -> false, 60_000)) {
                    for (int i = 0; i < 3; i++) {
                        sum.sum(v);
                    }
                    long[] times = new long[iterations];
                    for (int i = 0; i < iterations; i++) {
                        long t0 = System.nanoTime();
                        sum.sum(v);
                        times[i] = System.nanoTime() - t0;
                    }
                    return times;
                }
            }));
        }
        long[] times = results.get(0).get();
        for (Future<long[]> f : results) {
            f.get();
        }
        pool.shutdown();
        for (ServerSocket s : servers) {
            s.close();
        }
        java.util.Arrays.sort(times);
        double micros = times[times.length / 2] / 1e3;
        // payload each peer sends per sum: its share of the reduce-scatter and of the all-gather, 8-byte doubles
        double bytes = 2.0 * (peers - 1) / peers * n * 8;
        System.out.printf("RESULT peers=%d values=%d micros=%.1f mbps=%.1f iterations=%d%n", peers, n, micros,
                bytes / micros, iterations);
    }

    /** A first guess of a sum's time (1 GB/s and 50 us), only to size the run. */
    private static double estimateMicros(int n) {
        return 50 + n * 16 / 1e3;
    }
}
