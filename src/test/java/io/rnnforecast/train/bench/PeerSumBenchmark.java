package io.rnnforecast.train.bench;

import io.rnnforecast.train.LoopbackPeers;
import io.rnnforecast.train.PeerSum;

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
        // every peer runs the same number of sums (they wait for each other), sized from a first guess
        int iterations = Math.max(5, (int) (seconds * 1e6 / Math.max(1, estimateMicros(n))));
        long[] times = LoopbackPeers.run(peers, 60_000, (self, sum) -> {
            double[] v = new double[n];
            java.util.Arrays.fill(v, self + 1);
            for (int i = 0; i < 3; i++) {
                sum.sum(v);
            }
            long[] own = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                sum.sum(v);
                own[i] = System.nanoTime() - t0;
            }
            return own;
        }).get(0);
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
