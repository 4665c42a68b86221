package io.rnnforecast.series;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepairAndScalingTest {
    private static final long DAY = 86_400;

    private static SeriesRepair repair(RepairPolicy.Duplicates d, RepairPolicy.Gaps g) {
        return new SeriesRepair(new RepairPolicy(d, g, null));
    }

    private static long[] order(int n) {
        long[] o = new long[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    @Test
    void rowsInAnyOrderComeOutInTimeOrder() {
        var r = repair(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE)
                .repair(new long[] {3, 1, 2, 0}, new double[] {30, 10, 20, 0}, order(4), false);
        assertArrayEquals(new double[] {0, 10, 20, 30}, r.values());
        assertEquals(0, r.startKey());
        assertEquals(new Frequency(1, TimeUnit.STEP), r.frequency());
        assertEquals(0, r.filled());
        assertNull(r.rejectReason());
    }

    @Test
    void duplicatesKeepLastMeanOrReject() {
        long[] keys = {0, 1, 1, 2};
        double[] y = {0, 5, 7, 2};
        var last = repair(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE)
                .repair(keys, y, order(4), false);
        assertArrayEquals(new double[] {0, 7, 2}, last.values());
        assertEquals(1, last.duplicatesDropped());
        var mean = repair(RepairPolicy.Duplicates.MEAN, RepairPolicy.Gaps.INTERPOLATE).repair(keys, y, order(4), false);
        assertArrayEquals(new double[] {0, 6, 2}, mean.values());
        var rejected = repair(RepairPolicy.Duplicates.REJECT_SERIES, RepairPolicy.Gaps.INTERPOLATE)
                .repair(keys, y, order(4), false);
        assertEquals(SeriesRepair.REJECT_DUPLICATES, rejected.rejectReason());
        // keep-last follows input order, not the position in the arrays
        var byOrder = repair(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE)
                .repair(keys, y, new long[] {0, 9, 1, 2}, false);
        assertArrayEquals(new double[] {0, 5, 2}, byOrder.values());
    }

    @Test
    void gapsInterpolateForwardFillOrReject() {
        long[] keys = {0, 2, 4, 5, 8};   // gaps 2, 2, 1, 3: the most common is 2
        double[] y = {0, 2, 4, 5, 8};
        var stepTwo = repair(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE)
                .repair(keys, y, order(5), false);
        assertEquals(new Frequency(2, TimeUnit.STEP), stepTwo.frequency());
        assertTrue(stepTwo.irregular());   // 5 is off the grid of 2: snapped to position round(2.5) = 3
        assertArrayEquals(new double[] {0, 2, 4, 5, 8}, stepTwo.values());
        assertEquals(0, stepTwo.duplicatesDropped());

        var policy = new RepairPolicy(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE,
                new Frequency(1, TimeUnit.STEP));
        var interpolated = new SeriesRepair(policy).repair(keys, y, order(5), false);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, interpolated.values(), 1e-12);
        assertEquals(4, interpolated.filled());
        assertFalse(interpolated.irregular());
        var filled = new SeriesRepair(new RepairPolicy(RepairPolicy.Duplicates.KEEP_LAST,
                RepairPolicy.Gaps.FORWARD_FILL, new Frequency(1, TimeUnit.STEP))).repair(keys, y, order(5), false);
        assertArrayEquals(new double[] {0, 0, 2, 2, 4, 5, 5, 5, 8}, filled.values());
        var rejected = new SeriesRepair(new RepairPolicy(RepairPolicy.Duplicates.KEEP_LAST,
                RepairPolicy.Gaps.REJECT_SERIES, new Frequency(1, TimeUnit.STEP))).repair(keys, y, order(5), false);
        assertEquals(SeriesRepair.REJECT_GAPS, rejected.rejectReason());
    }

    @Test
    void dailyAndMonthlyFrequenciesAreInferredFromDates() {
        long[] days = {day(2024, 1, 1), day(2024, 1, 2), day(2024, 1, 4)};
        var daily = repair(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE)
                .repair(days, new double[] {1, 2, 4}, order(3), true);
        assertEquals(new Frequency(DAY, TimeUnit.SECONDS), daily.frequency());
        assertArrayEquals(new double[] {1, 2, 3, 4}, daily.values(), 1e-12);
        assertEquals(day(2024, 1, 5), daily.frequency().advance(daily.startKey(), 4));

        long[] months = {day(2024, 1, 31), day(2024, 2, 29), day(2024, 3, 31), day(2024, 5, 31)};
        var monthly = repair(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE)
                .repair(months, new double[] {1, 2, 3, 5}, order(4), true);
        assertEquals(new Frequency(1, TimeUnit.MONTHS), monthly.frequency());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, monthly.values(), 1e-12);
        assertEquals(1, monthly.filled());
        assertEquals(day(2024, 7, 31), monthly.frequency().advance(monthly.startKey(), 6));
    }

    @Test
    void frequencySpecsParse() {
        assertNull(Frequency.parse("auto"));
        assertEquals(new Frequency(7, TimeUnit.STEP), Frequency.parse("7"));
        assertEquals(new Frequency(900, TimeUnit.SECONDS), Frequency.parse("15min"));
        assertEquals(new Frequency(DAY, TimeUnit.SECONDS), Frequency.parse("1d"));
        assertEquals(new Frequency(3, TimeUnit.MONTHS), Frequency.parse("3M"));
    }

    @Test
    void scalersMatchHandComputedStatisticsAndInvert() {
        double[] v = {1, 2, 3, 4, 100};      // fitted on the first 4 only
        Scaling standard = Scaling.fit(Scaling.Method.STANDARD, v, 4);
        assertEquals(2.5, standard.center(), 1e-12);
        assertEquals(Math.sqrt(1.25), standard.scale(), 1e-12);     // population std of 1..4
        Scaling minmax = Scaling.fit(Scaling.Method.MINMAX, v, 4);
        assertEquals(1, minmax.center());
        assertEquals(3, minmax.scale());
        assertEquals(1.0, minmax.apply(4), 1e-12);
        Scaling robust = Scaling.fit(Scaling.Method.ROBUST, v, 4);
        assertEquals(2.5, robust.center(), 1e-12);                  // numpy: median 2.5, q25 1.75, q75 3.25
        assertEquals(1.5, robust.scale(), 1e-12);
        for (Scaling s : new Scaling[] {standard, minmax, robust, Scaling.IDENTITY}) {
            for (double y : v) {
                assertEquals(y, s.invert(s.apply(y)), 1e-12);
            }
        }
        assertTrue(Scaling.fit(Scaling.Method.STANDARD, new double[] {3, 3, 3}, 3).degenerate());
        assertFalse(Scaling.fit(Scaling.Method.NONE, new double[] {3, 3, 3}, 3).degenerate());
    }

    private static long day(int y, int m, int d) {
        return LocalDate.of(y, m, d).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }
}
