package io.rnnforecast.series;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spacing of a series' time index: {@code every} units of {@link TimeUnit}. Inferred per series from the most
 * common gap between consecutive distinct time keys (ties: the smallest). With dates/timestamps, gaps of 28-31,
 * 89-92, 181-184 and 365-366 days are one calendar month, quarter, half-year and year (stepped by calendar months:
 * a quarter is 3 months whatever its day count), and a daily series with no Saturday or Sunday and a Friday to
 * Monday gap is business-daily. Weeks (and every fixed spacing) are anchored on the series' first key.
 */
public record Frequency(long every, TimeUnit unit) implements java.io.Serializable {
    private static final long DAY = 86_400;
    /** 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0. */
    private static final int EPOCH_WEEKDAY = 3;
    private static final Pattern SPEC = Pattern.compile("(\\d+)\\s*(|s|min|h|d|b|w|M|Q|Y)");

    public Frequency {
        if (every < 1) {
            throw new IllegalArgumentException("frequency must be positive, got " + every);
        }
    }

    /**
     * Parses a configured frequency: a whole number of steps ("1", "7"), or "30s", "15min", "1h", "1d", "1b"
     * (business days), "1w", "1M" (calendar months), "1Q" (quarters), "1Y" (years). Returns null for "auto".
     */
    public static Frequency parse(String spec) {
        if ("auto".equals(spec)) {
            return null;
        }
        Matcher m = SPEC.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not a frequency (auto, 7, 30s, 15min, 1h, 1d, 1b, 1w,"
                    + " 1M, 1Q, 1Y)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "" -> new Frequency(n, TimeUnit.STEP);
            case "s" -> new Frequency(n, TimeUnit.SECONDS);
            case "min" -> new Frequency(n * 60, TimeUnit.SECONDS);
            case "h" -> new Frequency(n * 3600, TimeUnit.SECONDS);
            case "d" -> new Frequency(n * DAY, TimeUnit.SECONDS);
            case "b" -> new Frequency(n, TimeUnit.BUSINESS_DAYS);
            case "w" -> new Frequency(n * 7 * DAY, TimeUnit.SECONDS);
            case "Q" -> new Frequency(3 * n, TimeUnit.MONTHS);
            case "Y" -> new Frequency(12 * n, TimeUnit.MONTHS);
            default -> new Frequency(n, TimeUnit.MONTHS);
        };
    }

    /** Infers from sorted, distinct keys (at least two); keys are steps or epoch seconds. */
    public static Frequency infer(long[] sortedDistinctKeys, boolean keysAreSeconds) {
        java.util.HashMap<Long, Integer> counts = new java.util.HashMap<>();
        for (int i = 1; i < sortedDistinctKeys.length; i++) {
            counts.merge(sortedDistinctKeys[i] - sortedDistinctKeys[i - 1], 1, Integer::sum);
        }
        long best = 1;
        int bestCount = 0;
        for (var e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        if (!keysAreSeconds) {
            return new Frequency(best, TimeUnit.STEP);
        }
        long[][] calendar = {{28, 31, 1}, {89, 92, 3}, {181, 184, 6}, {365, 366, 12}};
        for (long[] c : calendar) {
            if (best >= c[0] * DAY && best <= c[1] * DAY) {
                return new Frequency(c[2], TimeUnit.MONTHS);
            }
        }
        if (best == DAY && businessDaily(sortedDistinctKeys)) {
            return new Frequency(1, TimeUnit.BUSINESS_DAYS);
        }
        return new Frequency(best, TimeUnit.SECONDS);
    }

    /** No key on a weekend, and at least one Friday-to-Monday gap (else a plain daily series of weekdays). */
    private static boolean businessDaily(long[] keys) {
        boolean fridayToMonday = false;
        for (int i = 0; i < keys.length; i++) {
            int weekday = weekday(keys[i]);
            if (weekday >= 5) {
                return false;
            }
            if (i > 0 && keys[i] - keys[i - 1] == 3 * DAY && weekday == 0) {
                fridayToMonday = true;
            }
        }
        return fridayToMonday;
    }

    /** Monday = 0 ... Sunday = 6, of the UTC day of {@code seconds}. */
    private static int weekday(long seconds) {
        return (int) Math.floorMod(Math.floorDiv(seconds, DAY) + EPOCH_WEEKDAY, 7L);
    }

    /**
     * The key on this frequency's own scale: months since 1970-01 for the monthly family, business days since
     * Monday 1969-12-29 (a weekend day counts as the next Monday) for business days, else the key itself.
     */
    public long scaleKey(long key) {
        return switch (unit) {
            case STEP, SECONDS -> key;
            case MONTHS -> {
                YearMonth ym = YearMonth.from(Instant.ofEpochSecond(key).atOffset(ZoneOffset.UTC));
                yield ym.getYear() * 12L + ym.getMonthValue() - 1 - 1970 * 12L;
            }
            case BUSINESS_DAYS -> {
                long day = Math.floorDiv(key, DAY) + EPOCH_WEEKDAY;
                yield Math.floorDiv(day, 7) * 5 + Math.min(Math.floorMod(day, 7), 5);
            }
        };
    }

    /**
     * The time key {@code steps} periods after {@code startKey} (epoch seconds or steps). Monthly-family series
     * that start on the last day of a month stay on month ends (2020-02-29 + 1 quarter = 2020-05-31).
     */
    public long advance(long startKey, long steps) {
        return switch (unit) {
            case STEP, SECONDS -> startKey + steps * every;
            case MONTHS -> {
                LocalDateTime start = LocalDateTime.ofEpochSecond(startKey, 0, ZoneOffset.UTC);
                LocalDateTime t = start.plusMonths(steps * every);
                if (start.getDayOfMonth() == start.toLocalDate().lengthOfMonth()) {
                    t = t.withDayOfMonth(t.toLocalDate().lengthOfMonth());
                }
                yield t.toEpochSecond(ZoneOffset.UTC);
            }
            case BUSINESS_DAYS -> {
                long index = scaleKey(startKey) + steps * every;
                long day = Math.floorDiv(index, 5) * 7 + Math.floorMod(index, 5) - EPOCH_WEEKDAY;
                yield day * DAY + Math.floorMod(startKey, DAY);
            }
        };
    }

    /**
     * Observations per seasonal cycle, for the seasonal naive baseline: 7 daily, 5 business-daily, 52 weekly, 24
     * hourly, 12 monthly, 4 quarterly, 2 half-yearly, 1 yearly (and for steps or other spacings).
     */
    public int season() {
        return switch (unit) {
            case STEP -> 1;
            case BUSINESS_DAYS -> every == 1 ? 5 : 1;
            case MONTHS -> every == 1 ? 12 : every == 3 ? 4 : every == 6 ? 2 : 1;
            case SECONDS -> every == DAY ? 7 : every == 7 * DAY ? 52 : every == 3600 ? 24 : 1;
        };
    }

    @Override
    public String toString() {
        return switch (unit) {
            case STEP -> every + (every == 1 ? " step" : " steps");
            case SECONDS -> every % (7 * DAY) == 0 ? every / (7 * DAY) + "w" : every % DAY == 0 ? every / DAY + "d"
                    : every % 3600 == 0 ? every / 3600 + "h" : every % 60 == 0 ? every / 60 + "min" : every + "s";
            case MONTHS -> every % 12 == 0 ? every / 12 + "Y" : every % 3 == 0 ? every / 3 + "Q" : every + "M";
            case BUSINESS_DAYS -> every + "b";
        };
    }
}
