package io.rnnforecast.api;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.eval.Baselines;
import io.rnnforecast.eval.NormalizationChoice;
import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.Window;
import io.rnnforecast.window.WindowNormalization;
import io.rnnforecast.window.WindowSpec;
import io.rnnforecast.windowrdd.WindowedSeries;
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
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * window.normalization = auto: the candidate under which the linear baseline validates best is chosen, recorded in
 * the recipe and saved; on random walks (levels that wander far from the series' mean) a window-relative one
 * (last-value or window-standard) beats none, on noisy sines around a fixed level last-value (a noisy anchor)
 * loses. The MSE of the choice is recomputed here from the windows.
 */
class NormalizationChoiceTest {
    @TempDir
    Path dir;

    private static Dataset<Row> series(SparkSession spark, boolean walk) {
        Random random = new Random(5);
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            double level = 0;
            for (int t = 0; t < 80; t++) {
                level += walk ? random.nextGaussian() : 0;
                double y = walk ? 100 + level : 10 + Math.sin(2 * Math.PI * t / 8) + 0.5 * random.nextGaussian();
                rows.add(RowFactory.create("s" + s, (long) t, y));
            }
        }
        return spark.createDataFrame(rows, new StructType().add("unique_id", DataTypes.StringType)
                .add("ds", DataTypes.LongType).add("y", DataTypes.DoubleType));
    }

    private static RnnForecaster forecaster() {
        return new RnnForecaster().setInput(16).setHorizon(4).setSplitMode("time").setMaxWindowsPerSeries(20)
                .setUnits(4).setLayers(1).setEpochs(1).setWorkers(2).setScaling("standard").setNormalization("auto");
    }

    @Test
    void autoChoosesWhereTheLinearBaselineValidatesBestAndTheRecipeRecordsIt() throws Exception {
        SparkSession spark = SparkTestSession.get();
        RnnForecastModel walks = forecaster().fit(series(spark, true));
        WindowNormalization chosen = walks.recipe().window().normalization();
        assertTrue(chosen == WindowNormalization.LAST_VALUE || chosen == WindowNormalization.WINDOW_STANDARD,
                "wandering levels: " + chosen);
        String path = dir.resolve("walks").toUri().toString();
        walks.save(path);
        assertTrue(Files.readString(dir.resolve("walks/model.json")).contains("\"" + chosen.name() + "\""));
        assertEquals(chosen, RnnForecastModel.load(path).recipe().window().normalization());

        RnnForecastModel sines = forecaster().fit(series(spark, false));
        assertTrue(sines.recipe().window().normalization() != WindowNormalization.LAST_VALUE,
                "a fixed level: the last noisy value is a worse anchor than the series' own mean");

        // the choice's figures: each candidate's linear fit on the training windows, scored on the validation ones
        try (SeriesData data = forecaster().ingest(SeriesInput.of(series(spark, true)))) {
            WindowSpec window = new WindowSpec(16, 4, 1, 20, WindowNormalization.AUTO);
            SplitSpec split = new SplitSpec(SplitSpec.Mode.TIME, 0.2, 0.1, 42, java.util.Set.of(), java.util.Set.of(),
                    1);
            NormalizationChoice choice = NormalizationChoice.choose(window,
                    w -> new WindowedSeries(data.series(), w, split));
            assertEquals(chosen, choice.chosen());
            assertTrue(choice.mse().get(WindowNormalization.NONE) > choice.mse().get(chosen), choice.mse()
                    .toString());
            WindowedSeries lastValue = new WindowedSeries(data.series(), window.withNormalization(chosen), split);
            LinearAutoregression linear = Baselines.fitLinear(lastValue.windows(Split.TRAIN), 16, 4);
            double sse = 0;
            int n = 0;
            for (Window w : lastValue.windows(Split.VALIDATION).collect()) {
                double[] f = linear.forecast(w.input());
                for (int s = 0; s < 4; s++) {
                    // back from the window's axis, (z - shift) / spread, to the series' scaled axis z
                    double e = f[s] * w.norm().spread() + w.norm().shift() - w.scaling().apply(w.actual()[s]);
                    sse += e * e;
                    n++;
                }
            }
            assertEquals(40 * 4, n, "one validation horizon a series");
            assertEquals(sse / n, choice.mse().get(chosen), 1e-9 * sse / n);
            for (double other : choice.mse().values()) {
                assertTrue(choice.mse().get(chosen) <= other);
            }
        }
    }
}
