package io.rnnforecast.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundPlanTest {
    /** Uneven blocks, as a hash layout gives them. */
    private static final int[] BLOCKS = {700, 655, 0, 731, 12, 690, 640};

    /** Every (block, row) the epoch visits, in the order worker shares are fitted: round by round, worker by worker. */
    private static List<Long> visits(RoundPlan plan) {
        List<Long> out = new ArrayList<>();
        for (int r = 0; r < plan.rounds(); r++) {
            RoundPlan.Round round = plan.round(r);
            for (int w = 0; w < plan.workers(); w++) {
                for (RoundPlan.Slice s : round.share(w)) {
                    int[] order = round.blockOrder(s.block(), BLOCKS[s.block()]);
                    for (int i = s.from(); i < s.to(); i++) {
                        out.add((long) s.block() << 32 | order[i]);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyWindowIsUsedExactlyOncePerEpoch() {
        int total = java.util.Arrays.stream(BLOCKS).sum();
        for (int workers : new int[] {1, 2, 3, 7}) {
            for (int epoch = 1; epoch <= 3; epoch++) {
                List<Long> visits = visits(RoundPlan.of(BLOCKS, workers, 32, 20, 42, epoch));
                assertEquals(total, visits.size(), "workers " + workers);
                Set<Long> distinct = new HashSet<>(visits);
                assertEquals(total, distinct.size(), "a window visited twice, workers " + workers);
                for (long v : distinct) {
                    int block = (int) (v >>> 32);
                    int row = (int) v;
                    assertTrue(row >= 0 && row < BLOCKS[block]);
                }
            }
        }
    }

    @Test
    void sharesAreFullRoundsThenAnEvenRemainder() {
        // 3428 windows, 3 workers x 640: 2 rounds, the last one 3428 - 1920 = 1508 = 503 + 503 + 502
        RoundPlan plan = RoundPlan.of(BLOCKS, 3, 32, 20, 42, 1);
        assertEquals(2, plan.rounds());
        for (int w = 0; w < 3; w++) {
            assertEquals(640, plan.shareSize(0, w));
            assertEquals(20, plan.minibatches(0, w));
        }
        assertEquals(List.of(503, 503, 502), List.of(plan.shareSize(1, 0), plan.shareSize(1, 1), plan.shareSize(1, 2)));
        assertEquals(16, plan.minibatches(1, 0));
        // per worker over the epoch: within one minibatch of each other
        for (int workers = 1; workers <= 9; workers++) {
            RoundPlan p = RoundPlan.of(BLOCKS, workers, 32, 5, 7, 2);
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int w = 0; w < workers; w++) {
                int sum = 0;
                for (int r = 0; r < p.rounds(); r++) {
                    assertTrue(p.shareSize(r, w) <= 32 * 5);
                    sum += p.shareSize(r, w);
                }
                min = Math.min(min, sum);
                max = Math.max(max, sum);
            }
            assertTrue(max - min <= 32, workers + " workers: shares " + min + ".." + max);
        }
    }

    @Test
    void theSeedAndTheEpochDecideTheAssignment() {
        assertEquals(visits(RoundPlan.of(BLOCKS, 2, 32, 20, 42, 1)), visits(RoundPlan.of(BLOCKS, 2, 32, 20, 42, 1)));
        assertNotEquals(visits(RoundPlan.of(BLOCKS, 2, 32, 20, 42, 1)), visits(RoundPlan.of(BLOCKS, 2, 32, 20, 43, 1)));
        assertNotEquals(visits(RoundPlan.of(BLOCKS, 2, 32, 20, 42, 1)), visits(RoundPlan.of(BLOCKS, 2, 32, 20, 42, 2)));
    }

    @Test
    void moreWorkersThanWindowsLeavesSomeIdle() {
        RoundPlan plan = RoundPlan.of(new int[] {3, 2}, 8, 32, 20, 1, 1);
        assertEquals(1, plan.rounds());
        assertEquals(5, plan.activeWorkers(0));
        assertEquals(0, plan.shareSize(0, 7));
    }
}
