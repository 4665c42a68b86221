package io.rnnforecast.job;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `check` on the shipped example of every kind of bad row prints the accounting users read. */
class CheckCommandTest {

    @Test
    void printsWhereEveryRowAndSeriesWent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("check", "--set", "spark.master=local[2]",
                    "--set", "data.path=data-gen/examples/mixed-bad-rows.csv", "--set", "data.format=csv",
                    "--set", "data.generator=none", "--set", "window.input=3", "--set", "scaling.method=standard",
                    "--set", "spark.conf={\"spark.ui.enabled\": false}");
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        assertTrue(printed.contains("rows read 29 = used 16 + dropped {duplicate_ds=1, infinite_y=1, nan_y=1, null_ds=1,"
                + " null_unique_id=1, null_y=1, series_rejected=7}; filled 3; series read 5 = used 3 + rejected"
                + " {constant=1, too_short=1}; irregular 0"), printed);
        assertTrue(printed.contains("|d        |constant      |5     |"), printed);
    }
}
