package io.rnnforecast;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The flow of the code is one way: each package may import only packages at or below its own rank, and the
 * Spark-free ones never import Spark, so their logic stays testable without a cluster.
 */
class ArchitectureTest {
    private static final List<String> RANKS = List.of("config", "series", "generate", "ingest", "window",
            "windowrdd", "model", "train", "store", "eval", "plots", "api", "output", "job");
    /** The command line is a shell around the API: it reads configuration, calls the API and writes tables. */
    private static final Set<String> JOB_USES = Set.of("api", "config", "output", "job");
    private static final Set<String> SPARK_FREE = Set.of("config", "series", "generate", "window", "model");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void packagesImportOnlyDownwardAndSparkFreeOnesNeverImportSpark() throws IOException {
        Path root = Path.of("src/main/java/io/rnnforecast");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String layer = root.relativize(file).getName(0).toString();
                int rank = RANKS.indexOf(layer);
                if (rank < 0) {
                    violations.add(file + ": package '" + layer + "' has no rank");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    String imported = m.group(1);
                    if (imported.startsWith("io.rnnforecast.")) {
                        String target = imported.substring("io.rnnforecast.".length()).split("\\.")[0];
                        if (RANKS.indexOf(target) > rank) {
                            violations.add(file + " imports higher layer " + imported);
                        }
                        if (layer.equals("job") && !JOB_USES.contains(target)) {
                            violations.add(file + " calls past the API into " + imported);
                        }
                    }
                    if (SPARK_FREE.contains(layer) && (imported.startsWith("org.apache.spark")
                            || imported.startsWith("scala."))) {
                        violations.add(file + " must stay Spark-free but imports " + imported);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
