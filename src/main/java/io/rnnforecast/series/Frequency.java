package io.rnnforecast.series;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spacing of a series' time index: {@code every} units of {@link TimeUnit}. Inferred per series as the most
 * common gap between consecutive distinct time keys (ties: the smallest); gaps of 28 to 31 days with dates
 * read as one calendar month.
 */
public record Frequency(long every, TimeUnit unit) implements java.io.Serializable {
    private static final long DAY = 86_400;
    private static final Pattern SPEC = Pattern.compile("(\\d+)\\s*(|s|min|h|d|w|M)");

    public Frequency {
        if (every < 1) {
            throw new IllegalArgumentException("frequency must be positive, got " + every);
        }
    }

    /**
     * Parses a configured frequency: a whole number of steps ("1", "7"), or a duration "30s", "15min", "1h", "1d",
     * "1w", or "1M" (calendar months). Returns null for "auto".
     */
    public static Frequency parse(String spec) {
        if ("auto".equals(spec)) {
            return null;
        }
        Matcher m = SPEC.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec + "' is not a frequency (auto, 7, 30s, 15min, 1h, 1d, 1w, 1M)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "" -> new Frequency(n, TimeUnit.STEP);
            case "s" -> new Frequency(n, TimeUnit.SECONDS);
            case "min" -> new Frequency(n * 60, TimeUnit.SECONDS);
            case "h" -> new Frequency(n * 3600, TimeUnit.SECONDS);
            case "d" -> new Frequency(n * DAY, TimeUnit.SECONDS);
            case "w" -> new Frequency(n * 7 * DAY, TimeUnit.SECONDS);
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
        if (best >= 28 * DAY && best <= 31 * DAY) {
            return new Frequency(1, TimeUnit.MONTHS);
        }
        return new Frequency(best, TimeUnit.SECONDS);
    }

    /** The key on this frequency's own scale: months since 1970-01 for monthly data, else the key itself. */
    public long scaleKey(long key) {
        if (unit != TimeUnit.MONTHS) {
            return key;
        }
        YearMonth ym = YearMonth.from(Instant.ofEpochSecond(key).atOffset(ZoneOffset.UTC));
        return ym.getYear() * 12L + ym.getMonthValue() - 1 - 1970 * 12L;
    }

    /** The time key {@code steps} periods after {@code startKey} (epoch seconds or steps). */
    public long advance(long startKey, long steps) {
        return switch (unit) {
            case STEP, SECONDS -> startKey + steps * every;
            case MONTHS -> Instant.ofEpochSecond(startKey).atOffset(ZoneOffset.UTC).plusMonths(steps * every)
                    .toEpochSecond();
        };
    }

    @Override
    public String toString() {
        return switch (unit) {
            case STEP -> every + (every == 1 ? " step" : " steps");
            case SECONDS -> every % DAY == 0 ? every / DAY + "d" : every % 3600 == 0 ? every / 3600 + "h"
                    : every + "s";
            case MONTHS -> every + "M";
        };
    }
}
