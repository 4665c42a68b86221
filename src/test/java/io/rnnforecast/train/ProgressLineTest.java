package io.rnnforecast.train;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLineTest {
    @Test
    void onATerminalTheLineIsRewrittenInPlaceAndClearedAtTheEndOfTheEpoch() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressLine line = new ProgressLine(terminal, System.nanoTime(), 0);
        line.startEpoch();
        Thread.sleep(20);
        line.round(2, 5, 1, 4, 1000);
        line.round(2, 5, 2, 4, 2000);
        line.round(2, 5, 4, 4, 4000);
        line.endEpoch();
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] frames = out.split("\r", -1);
        // "", round 1, round 2 (the last round is not drawn: the epoch's log line follows), blank, ""
        assertEquals(5, frames.length, out);
        assertTrue(frames[1].startsWith("epoch 2/5 round 1/4 "), frames[1]);
        assertTrue(frames[2].startsWith("epoch 2/5 round 2/4 "), frames[2]);
        assertTrue(frames[2].contains("samples/s") && frames[2].contains("epoch ETA"), frames[2]);
        assertEquals(frames[2].length(), frames[3].length(), "the clearing blanks cover the longest frame");
        assertTrue(frames[3].isBlank() && frames[4].isEmpty());
        assertTrue(!out.contains("\n"), "never a new line on the terminal");
    }
}
