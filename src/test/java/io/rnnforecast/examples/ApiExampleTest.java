package io.rnnforecast.examples;

import io.rnnforecast.SparkTestSession;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's API example runs, and its network beats naive on seasonal series (MASE below naive's). */
class ApiExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleRunsAndItsNetworkBeatsNaive() {
        List<Row> summary = ApiExample.run(SparkTestSession.get(), dir.toUri().toString());
        Map<String, Double> mase = summary.stream().collect(Collectors.toMap(r -> r.getString(0),
                r -> r.getDouble(3)));
        assertEquals(java.util.Set.of("lstm-1x32", "naive", "linear"), mase.keySet());
        assertTrue(mase.get("lstm-1x32") < mase.get("naive"), mase.toString());
        assertTrue(Files.exists(dir.resolve("model/model.zip")));
        assertTrue(Files.exists(dir.resolve("model/metadata")));
    }
}
