package io.rnnforecast.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs a command line that must be refused as a configuration problem: exit code 2 and the message on stderr. */
final class Refused {
    private Refused() {
    }

    static void assertRefused(String expectedMessagePart, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        int code;
        try {
            code = Main.execute(args);
        } finally {
            System.setErr(old);
        }
        assertEquals(2, code, String.join(" ", args) + "\n" + err);
        assertTrue(err.toString().contains(expectedMessagePart), err.toString());
    }
}
