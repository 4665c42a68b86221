package io.rnnforecast.job;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Gives a configuration without run-id a fresh one: sortable by time, unique enough for concurrent runs. */
final class RunIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunIds() {
    }

    static JobConfig assign(JobConfig config) {
        if (!config.runId().isEmpty()) {
            return config;
        }
        String id = STAMP.format(LocalDateTime.now()) + "-" + Integer.toHexString(
                ThreadLocalRandom.current().nextInt(0x100000, 0x1000000));
        return config.withRunId(id);
    }
}
