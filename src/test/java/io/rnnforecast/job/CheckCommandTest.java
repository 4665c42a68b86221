package io.rnnforecast.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `check` on the shipped example of every kind of bad row prints the accounting users read. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private static String printed(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, printed);
            return printed;
        } finally {
            System.setOut(old);
        }
    }

    /** data.static-path reaches every command's reading: the series without a row there are counted rejects. */
    @Test
    void aStaticSideTableIsJoinedOnByIdAndASeriesWithoutARowIsCounted() throws Exception {
        List<String> rows = new ArrayList<>(List.of("unique_id,ds,y"));
        for (String id : List.of("a", "b", "c")) {
            for (int t = 0; t < 8; t++) {
                rows.add(id + "," + t + "," + (t % 3 + id.charAt(0)));
            }
        }
        Files.write(dir.resolve("long.csv"), rows);
        Files.write(dir.resolve("statics.csv"), List.of("unique_id,size", "a,1.5", "c,4"));
        Files.write(dir.resolve("twice.csv"), List.of("unique_id,size", "a,1.5", "a,2"));
        String[] common = {"--set", "spark.master=local[2]", "--set", "data.path=" + dir.resolve("long.csv"),
                "--set", "data.format=csv", "--set", "data.generator=none", "--set", "window.input=3",
                "--set", "data.covariates.static=[size]", "--set", "spark.conf={\"spark.ui.enabled\": false}"};
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(common));
        args.addAll(List.of("--set", "data.static-path=" + dir.resolve("statics.csv")));
        String printed = printed(args.toArray(String[]::new));
        assertTrue(printed.contains("series read 3 = used 2 + rejected {null_static=1}"), printed);
        args.set(args.size() - 1, "data.static-path=" + dir.resolve("twice.csv"));
        Refused.assertRefused("more than one row for id 'a' (2 rows)", args.toArray(String[]::new));
    }

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
