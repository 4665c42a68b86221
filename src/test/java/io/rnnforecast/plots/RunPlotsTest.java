package io.rnnforecast.plots;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.eval.Prediction;
import io.rnnforecast.ingest.AssembledSeries;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plot that cannot be drawn is skipped with a warning; the others are still written, and nothing is thrown. */
class RunPlotsTest {
    @TempDir
    Path dir;

    @Test
    void aFailingPlotIsSkippedAndTheOthersWritten() throws Exception {
        SparkSession spark = SparkTestSession.get();
        StructType schema = new StructType().add("model", DataTypes.StringType).add("unique_id", DataTypes.StringType)
                .add("step", DataTypes.IntegerType).add("mse", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            rows.add(RowFactory.create("m", "s" + i, 0, 0.001 * i));
            rows.add(RowFactory.create("naive", "s" + i, 0, 0.01 * i));
        }
        // no epochs: no learning curve; series and forecasts missing: no forecast chart
        PlotInputs in = new PlotInputs("broken", "m", "MSE", List.of(), spark.createDataFrame(rows, schema),
                spark.createDataFrame(List.of(), AssembledSeries.SCHEMA),
                spark.createDataFrame(List.of(), Prediction.SCHEMA), 5);
        Path plots = Files.createDirectories(dir.resolve("plots/run_id=broken"));
        Files.writeString(plots.resolve(RunPlots.LEARNING_CURVE), "an earlier run's plot");

        List<String> written = RunPlots.write(spark, dir.toUri().toString(), in);

        assertEquals(1, written.size(), written.toString());
        assertTrue(written.get(0).endsWith("/plots/run_id=broken/" + RunPlots.ERROR_DISTRIBUTION));
        assertTrue(Files.size(plots.resolve(RunPlots.ERROR_DISTRIBUTION)) > 1000);
        assertFalse(Files.exists(plots.resolve(RunPlots.FORECASTS)));
        assertFalse(Files.exists(plots.resolve(RunPlots.LEARNING_CURVE)), "a rerun's directory holds its own plots");
    }
}
