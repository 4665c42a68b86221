package io.rnnforecast.train;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Peers on loopback, one thread each, as barrier tasks are. */
class PeerSumTest {

    private static List<double[]> run(List<double[]> vectors, int rounds) throws Exception {
        return LoopbackPeers.run(vectors.size(), 20_000, (self, sum) -> {
            double[] last = null;
            for (int r = 0; r < rounds; r++) {
                last = sum.sum(vectors.get(self));
            }
            return last;
        });
    }

    /**
     * Float values of very different magnitudes, so the order of summation shows in the result: every peer gets
     * exactly the sum a single machine computes adding peer 0's vector, then peer 1's, ..., from 0.0 in double.
     */
    @Test
    void everyPeerGetsTheSumInPeerOrderBitForBit() throws Exception {
        for (int peers : new int[] {1, 2, 3, 5}) {
            SplittableRandom random = new SplittableRandom(peers);
            List<double[]> vectors = new ArrayList<>();
            int n = 1001;
            for (int p = 0; p < peers; p++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-8, 9)));
                }
                vectors.add(v);
            }
            double[] expected = new double[n];
            for (double[] v : vectors) {
                for (int i = 0; i < n; i++) {
                    expected[i] += v[i];
                }
            }
            for (double[] got : run(vectors, 3)) {
                assertArrayEquals(expected, got, peers + " peers");
            }
        }
    }

    /** Fewer values than peers: some chunks are empty. */
    @Test
    void vectorsShorterThanThePeerCountStillSum() throws Exception {
        List<double[]> vectors = List.of(new double[] {1, 2}, new double[] {10, 20}, new double[] {100, 200});
        for (double[] got : run(vectors, 1)) {
            assertArrayEquals(new double[] {111, 222}, got);
        }
    }

    /** A peer that never comes: the wait ends with an error naming what it waited for, not a hang. */
    @Test
    void aMissingPeerFailsAfterTheTimeout() throws Exception {
        try (ServerSocket mine = PeerSum.listen("127.0.0.1"); ServerSocket absent = PeerSum.listen("127.0.0.1")) {
            List<String> addresses = List.of("127.0.0.1:" + mine.getLocalPort(),
                    "127.0.0.1:" + absent.getLocalPort());
            // the absent peer's port accepts the TCP connection (its backlog) but never connects back
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> new PeerSum(0, addresses, mine, () -> false, 1500));
            assertTrue(e.getCause().getMessage().contains("waited 1500 ms for peers to connect"),
                    e.getCause().getMessage());
        }
    }
}
