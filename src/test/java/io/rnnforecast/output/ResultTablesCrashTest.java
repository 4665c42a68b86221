package io.rnnforecast.output;

import io.rnnforecast.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rewriting a run's rows in another JVM that dies mid-write (halted at each step of the swap, and killed with
 * SIGKILL while Spark writes the new files): afterwards the table holds the complete old or the complete new rows
 * of that run, and the other run is untouched.
 */
class ResultTablesCrashTest {
    private static final int ROWS = 60;

    @TempDir
    Path dir;

    private void writeHere(String runId, int value, int rows) {
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> data = spark.range(rows).select(lit(runId).as("run_id"), col("id"), lit(value).as("v"));
        new ResultTables(spark, dir.toUri().toString()).replaceRun(ResultTable.SUMMARY, runId, data.repartition(3));
    }

    /** value -> rows of the run, after the table was opened (which finishes an interrupted swap). */
    private java.util.Map<Integer, Long> run(String runId) {
        Dataset<Row> t = new ResultTables(SparkTestSession.get(), dir.toUri().toString()).read(ResultTable.SUMMARY);
        java.util.Map<Integer, Long> out = new java.util.TreeMap<>();
        for (Row r : t.where(col("run_id").equalTo(runId)).groupBy("v").count().collectAsList()) {
            out.put(r.getInt(0), r.getLong(1));
        }
        return out;
    }

    private Process probe(int value, String crashAt) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ResultTablesCrashProbe.class.getName(),
                dir.toUri().toString(), "r", String.valueOf(value), String.valueOf(ROWS), crashAt,
                dir.resolve("writing").toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new java.io.File(System.getProperty("java.io.tmpdir"), "rnn-probe-" + crashAt + ".log")).start();
    }

    private void assertNoLeftovers() {
        for (String hidden : List.of("_staging", "_swaps", "_trash")) {
            Path p = dir.resolve("summary").resolve(hidden);
            assertTrue(!Files.exists(p) || p.toFile().list().length == 0, hidden + " left behind");
        }
    }

    @Test
    void aWriterKilledAtAnyPointLeavesTheOldOrTheNewRowsWhole() throws Exception {
        // No other writer here: recover the dead writer's intents and garbage at once, not after the grace periods.
        long grace = ResultTables.swapGraceMillis;
        long orphanAge = ResultTables.orphanAgeMillis;
        ResultTables.swapGraceMillis = 0;
        ResultTables.orphanAgeMillis = 0;
        try {
            killWritersAtEveryStep();
        } finally {
            ResultTables.swapGraceMillis = grace;
            ResultTables.orphanAgeMillis = orphanAge;
        }
    }

    @Test
    void twoJobsWritingDifferentRunsAtOnceKeepAllTheirRows() throws Exception {
        // Before staging, two writers shared the table's _temporary directory: one failed, the other lost rows.
        for (int attempt = 0; attempt < 3; attempt++) {
            int rows = 2000 + attempt;
            Thread other = new Thread(() -> writeHere("b", 7, rows));
            other.start();
            writeHere("a", 5, rows + 1);
            other.join();
            assertEquals(java.util.Map.of(5, (long) rows + 1), run("a"));
            assertEquals(java.util.Map.of(7, (long) rows), run("b"));
        }
    }

    private void killWritersAtEveryStep() throws Exception {
        writeHere("other", 9, 10);
        for (String step : List.of("intent", "old-moved", "new-moved")) {
            writeHere("r", 1, ROWS);
            Process p = probe(2, step);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue(), "halted at " + step + "; see probe-" + step + ".log");
            // the intent was written: the new rows are complete and the next reader finishes the swap
            assertEquals(java.util.Map.of(2, (long) ROWS), run("r"), "after a crash at " + step);
            assertEquals(java.util.Map.of(9, 10L), run("other"));
            assertNoLeftovers();
        }

        // SIGKILL while the new files are being written: the old rows stay
        writeHere("r", 1, ROWS);
        Process p = probe(3, "slow");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(dir.resolve("writing")) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500);
        assertTrue(p.isAlive(), "the probe must still be writing when killed; see rnn-probe-slow.log in java.io.tmpdir");
        assertTrue(Files.isDirectory(dir.resolve("summary/_staging")), "killed while Spark writes the staged files");
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(dir.resolve("summary/_swaps/run_id=r")), "killed before the intent");
        assertEquals(java.util.Map.of(1, (long) ROWS), run("r"));
        assertEquals(java.util.Map.of(9, 10L), run("other"));
        assertNoLeftovers();
    }
}
