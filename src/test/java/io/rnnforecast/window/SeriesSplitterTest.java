package io.rnnforecast.window;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SeriesSplitterTest {

    @Test
    void hashSplitHasTheConfiguredFractions() {
        SeriesSplitter splitter = new SeriesSplitter(SplitSpec.bySeries(0.2, 0.1, 42));
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts.merge(splitter.assign("series-" + i), 1, Integer::sum);
        }
        // binomial standard deviation at n = 100k is ~0.0013; allow 4 sigma
        assertEquals(0.7, counts.get(Split.TRAIN) / (double) n, 0.006);
        assertEquals(0.2, counts.get(Split.VALIDATION) / (double) n, 0.006);
        assertEquals(0.1, counts.get(Split.TEST) / (double) n, 0.006);
    }

    @Test
    void assignmentIsAFunctionOfSeedAndIdOnly() {
        var a = new SeriesSplitter(SplitSpec.bySeries(0.2, 0.1, 42));
        var b = new SeriesSplitter(SplitSpec.bySeries(0.2, 0.1, 42));
        var otherSeed = new SeriesSplitter(SplitSpec.bySeries(0.2, 0.1, 43));
        int differ = 0;
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.assign("id" + i), b.assign("id" + i));
            differ += a.assign("id" + i) == otherSeed.assign("id" + i) ? 0 : 1;
        }
        // two independent 70/20/10 draws disagree with probability 1 - (0.49 + 0.04 + 0.01) = 0.46
        assertEquals(460, differ, 60);
    }

    @Test
    void explicitIdsOverrideTheHashAndSendTheRestToTraining() {
        var s = new SeriesSplitter(new SplitSpec(SplitSpec.Mode.SERIES, 0.2, 0.1, 42, Set.of("v"), Set.of("t"), 1));
        assertEquals(Split.TEST, s.assign("t"));
        assertEquals(Split.VALIDATION, s.assign("v"));
        for (int i = 0; i < 100; i++) {
            assertEquals(Split.TRAIN, s.assign("x" + i));
        }
    }
}
