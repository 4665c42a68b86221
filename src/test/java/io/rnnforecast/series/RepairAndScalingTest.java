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
        assertEquals(RejectReason.DUPLICATE_DS, rejected.rejectReason());
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
        assertEquals(RejectReason.GAPS, rejected.rejectReason());
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

    private static SeriesRepair.Result inferred(long... keys) {
        double[] y = new double[keys.length];
        java.util.Arrays.setAll(y, i -> i);
        return repair(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE).repair(keys, y,
                order(keys.length), true);
    }

    private static long[] days(java.time.LocalDate first, int n, java.util.function.UnaryOperator<java.time.LocalDate> next) {
        long[] keys = new long[n];
        java.time.LocalDate d = first;
        for (int i = 0; i < n; i++) {
            keys[i] = d.toEpochDay() * DAY;
            d = next.apply(d);
        }
        return keys;
    }

    /** Every row used, no gap filled, regular: what a clean series of a calendar frequency must come out as. */
    private static void assertCleanCalendarSeries(SeriesRepair.Result r, Frequency expected, int n) {
        assertEquals(expected, r.frequency());
        assertEquals(n, r.values().length);
        assertEquals(0, r.filled());
        assertEquals(0, r.duplicatesDropped());
        assertFalse(r.irregular());
    }

    @Test
    void calendarFrequenciesAreInferredAndNoRowIsLost() {
        java.time.LocalDate jan = java.time.LocalDate.of(2019, 1, 31);
        // month ends across a leap February: 28, 29, 30 and 31-day gaps
        var monthEnds = inferred(days(jan, 30, d -> d.plusMonths(1).withDayOfMonth(d.plusMonths(1).lengthOfMonth())));
        assertCleanCalendarSeries(monthEnds, new Frequency(1, TimeUnit.MONTHS), 30);
        assertEquals(java.time.LocalDate.of(2021, 8, 31).toEpochDay() * DAY,
                monthEnds.frequency().advance(monthEnds.startKey(), 31), "month ends stay month ends");

        // quarter ends (89-92 days) and quarter starts
        var quarterEnds = inferred(days(java.time.LocalDate.of(2019, 3, 31), 12,
                d -> d.plusMonths(3).withDayOfMonth(d.plusMonths(3).lengthOfMonth())));
        assertCleanCalendarSeries(quarterEnds, new Frequency(3, TimeUnit.MONTHS), 12);
        assertEquals(java.time.LocalDate.of(2022, 6, 30).toEpochDay() * DAY,
                quarterEnds.frequency().advance(quarterEnds.startKey(), 13));
        var quarterStarts = inferred(days(java.time.LocalDate.of(1960, 1, 1), 40, d -> d.plusMonths(3)));
        assertCleanCalendarSeries(quarterStarts, new Frequency(3, TimeUnit.MONTHS), 40);
        assertEquals("1Q", quarterStarts.frequency().toString());
        assertEquals(4, quarterStarts.frequency().season());

        var halfYears = inferred(days(java.time.LocalDate.of(2000, 1, 1), 10, d -> d.plusMonths(6)));
        assertCleanCalendarSeries(halfYears, new Frequency(6, TimeUnit.MONTHS), 10);
        assertEquals(2, halfYears.frequency().season());

        // yearly across leap years (365 and 366 days), dated Feb 29 in the first year
        var yearly = inferred(days(java.time.LocalDate.of(1871, 1, 1), 100, d -> d.plusYears(1)));
        assertCleanCalendarSeries(yearly, new Frequency(12, TimeUnit.MONTHS), 100);
        assertEquals("1Y", yearly.frequency().toString());
        assertEquals(java.time.LocalDate.of(1971, 1, 1).toEpochDay() * DAY, yearly.frequency().advance(yearly.startKey(), 100));
        var leap = inferred(days(java.time.LocalDate.of(2020, 2, 29), 5, d -> d.plusYears(1)));
        assertCleanCalendarSeries(leap, new Frequency(12, TimeUnit.MONTHS), 5);

        // weekly, anchored on its weekday (Wednesdays)
        var weekly = inferred(days(java.time.LocalDate.of(2024, 1, 3), 60, d -> d.plusWeeks(1)));
        assertCleanCalendarSeries(weekly, new Frequency(7 * DAY, TimeUnit.SECONDS), 60);
        assertEquals(52, weekly.frequency().season());
        assertEquals(java.time.DayOfWeek.WEDNESDAY, java.time.LocalDate.ofEpochDay(
                weekly.frequency().advance(weekly.startKey(), 61) / DAY).getDayOfWeek());

        // business days: Monday to Friday, weekends are not gaps; forecasts skip weekends
        java.util.function.UnaryOperator<java.time.LocalDate> nextWeekday = d -> {
            java.time.LocalDate n = d.plusDays(1);
            while (n.getDayOfWeek().getValue() >= 6) {
                n = n.plusDays(1);
            }
            return n;
        };
        var business = inferred(days(java.time.LocalDate.of(2024, 2, 26), 30, nextWeekday));
        assertCleanCalendarSeries(business, new Frequency(1, TimeUnit.BUSINESS_DAYS), 30);
        assertEquals(5, business.frequency().season());
        long[] expected = days(java.time.LocalDate.of(2024, 2, 26), 33, nextWeekday);
        for (int k = 0; k < 33; k++) {
            assertEquals(expected[k], business.frequency().advance(business.startKey(), k), "business day " + k);
        }

        // daily stays daily (weekends included)
        var daily = inferred(days(java.time.LocalDate.of(2024, 2, 26), 30, d -> d.plusDays(1)));
        assertCleanCalendarSeries(daily, new Frequency(DAY, TimeUnit.SECONDS), 30);
        assertEquals(7, daily.frequency().season());
    }

    @Test
    void anOffGridMonthlyObservationIsStillSnappedAndCounted() {
        long[] keys = days(java.time.LocalDate.of(2020, 1, 1), 12, d -> d.plusMonths(1));
        keys[5] += 9 * DAY; // 2020-06-10 instead of 2020-06-01: the same month, off the usual day
        var monthly = inferred(keys);
        assertEquals(new Frequency(1, TimeUnit.MONTHS), monthly.frequency());
        assertEquals(12, monthly.values().length);
        long[] weekly = days(java.time.LocalDate.of(2024, 1, 3), 10, d -> d.plusWeeks(1));
        weekly[4] += DAY; // a Thursday among Wednesdays
        var snapped = inferred(weekly);
        assertTrue(snapped.irregular());
        assertEquals(10, snapped.values().length);
    }

    @Test
    void frequencySpecsParse() {
        assertEquals(new Frequency(1, TimeUnit.BUSINESS_DAYS), Frequency.parse("1b"));
        assertEquals(new Frequency(3, TimeUnit.MONTHS), Frequency.parse("1Q"));
        assertEquals(new Frequency(12, TimeUnit.MONTHS), Frequency.parse("1Y"));
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
        Scaling overflow = Scaling.fit(Scaling.Method.STANDARD, new double[] {1e300, -1e300, 3}, 3);
        assertTrue(overflow.nonFinite() && !overflow.degenerate(), "squares of 1e300 overflow: " + overflow);
        assertFalse(Scaling.fit(Scaling.Method.STANDARD, new double[] {3, 3, 3}, 3).nonFinite());
        assertTrue(Scaling.fit(Scaling.Method.STANDARD, new double[] {3, 3, 3}, 3).degenerate());
        assertFalse(Scaling.fit(Scaling.Method.NONE, new double[] {3, 3, 3}, 3).degenerate());
    }

    @Test
    void maseScalingDividesByTheInSampleSeasonalNaiveMae() {
        double[] v = {10, 14, 11, 17, 12, 18, 1000};    // fitted on the first 6; season 2
        Scaling mase = Scaling.fit(Scaling.Method.MASE, v, 6, 2);
        assertEquals(82.0 / 6, mase.center(), 1e-12);
        // |11-10| + |17-14| + |12-11| + |18-17| = 6 over 4 lags
        assertEquals(1.5, mase.scale(), 1e-12);
        // season 1 (and a season as long as the part: lag 1): |4| + |3| + |6| + |5| + |6| = 24 over 5
        assertEquals(4.8, Scaling.fit(Scaling.Method.MASE, v, 6, 1).scale(), 1e-12);
        assertEquals(4.8, Scaling.fit(Scaling.Method.MASE, v, 6, 6).scale(), 1e-12);
        // an absolute error on the scaled axis is the error in MASE units: |y_hat - y| / 1.5
        double y = 20;
        double yHat = 23;
        assertEquals(Math.abs(yHat - y) / 1.5, Math.abs(mase.apply(yHat) - mase.apply(y)), 1e-12);
        assertEquals(y, mase.invert(mase.apply(y)), 1e-12);
        // a constant part has no naive error to divide by: degenerate, like a zero standard deviation
        assertTrue(Scaling.fit(Scaling.Method.MASE, new double[] {3, 3, 3}, 3, 1).degenerate());
    }

    private static long day(int y, int m, int d) {
        return LocalDate.of(y, m, d).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
    }
}
