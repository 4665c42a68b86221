package io.rnnforecast.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line for {@link Main#execute} that runs small and local under {@code dir}: local[2], no catalog, no
 * plots, 2 partitions and shuffle partitions, no Spark UI, the given run id; then {@code settings} as
 * {@code --set} pairs (later ones win).
 */
final class LocalCommand {
    private LocalCommand() {
    }

    static String[] of(Path dir, String command, String runId, List<String> settings) {
        List<String> args = new ArrayList<>(List.of(command,
                "--set", "spark.master=local[2]", "--set", "catalog.enabled=false", "--set", "output.plots=false",
                "--set", "workdir=" + dir.toUri(), "--set", "run-id=" + runId, "--set", "data.partitions=2",
                "--set", "spark.conf={\"spark.sql.shuffle.partitions\": 2, \"spark.ui.enabled\": false}"));
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        return args.toArray(String[]::new);
    }
}
