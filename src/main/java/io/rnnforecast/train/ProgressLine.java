package io.rnnforecast.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;

/**
 * Progress within an epoch: on a terminal one line on stderr rewritten in place ("\r") at most twice a second,
 * cleared before the epoch's own log line; elsewhere (a file, Airflow's log) a log line every 5 seconds instead.
 */
final class ProgressLine {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLine.class);
    private static final long TERMINAL_EVERY_NANOS = 500_000_000L;
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintStream terminal;
    private final long trainingStart;
    private final long everyNanos;
    private long epochStart;
    private long last;
    private int width;

    /** {@code terminal}: where to draw, or null to log; at most one update per {@code everyNanos}. */
    ProgressLine(PrintStream terminal, long trainingStart, long everyNanos) {
        this.terminal = terminal;
        this.trainingStart = trainingStart;
        this.everyNanos = everyNanos;
    }

    /** On the console when there is one (System.console() is null when stdin or stdout is redirected). */
    static ProgressLine forConsole(long trainingStart) {
        boolean onTerminal = System.console() != null;
        return new ProgressLine(onTerminal ? System.err : null, trainingStart,
                onTerminal ? TERMINAL_EVERY_NANOS : LOG_EVERY_NANOS);
    }

    void startEpoch() {
        epochStart = System.nanoTime();
        last = epochStart;
    }

    void round(int epoch, int epochs, int round, int rounds, long examples) {
        long now = System.nanoTime();
        if (now - last < everyNanos || round == rounds) {
            return;
        }
        last = now;
        double elapsed = (now - epochStart) / 1e9;
        String text = String.format("epoch %d/%d round %d/%d  %.0f samples/s  epoch ETA %.0f s  (%.0f s since start)",
                epoch, epochs, round, rounds, examples / elapsed, elapsed * (rounds - round) / round,
                (now - trainingStart) / 1e9);
        if (terminal != null) {
            terminal.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
            terminal.flush();
            width = text.length();
        } else {
            LOG.info(text);
        }
    }

    /** Clears the line so the epoch's log line starts at column 0. */
    void endEpoch() {
        if (terminal != null && width > 0) {
            terminal.print("\r" + " ".repeat(width) + "\r");
            terminal.flush();
            width = 0;
        }
    }
}
