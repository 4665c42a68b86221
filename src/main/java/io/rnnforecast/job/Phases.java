package io.rnnforecast.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time of the phases of a command, printed at its end (and parsed by bench/scaling-benchmark.sh). */
final class Phases {
    private final long start = System.nanoTime();
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    <T> T time(String phase, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            seconds.merge(phase, (System.nanoTime() - t0) / 1e9, Double::sum);
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("phases:");
        seconds.forEach((phase, secs) -> s.append(String.format(" %s %.1f s,", phase, secs)));
        return s.append(String.format(" total %.1f s", (System.nanoTime() - start) / 1e9)).toString();
    }
}
