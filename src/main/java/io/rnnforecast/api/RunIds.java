package io.rnnforecast.api;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Fresh run ids: sortable by time, unique enough for concurrent runs. */
public final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunIds() {
    }

    /** {@code id}, or a fresh one (yyyyMMdd-HHmmss-xxxxxx) when it is empty. */
    public static String orFresh(String id) {
        if (!id.isEmpty()) {
            return id;
        }
        return STAMP.format(LocalDateTime.now()) + "-" + Integer.toHexString(
                ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
    }
}
