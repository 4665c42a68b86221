package io.rnnforecast.eval;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.ingest.DataFingerprint;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.model.NetworkFactory;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.series.TimeUnit;
import io.rnnforecast.store.ModelProvenance;
import io.rnnforecast.store.ModelStore;
import io.rnnforecast.store.RuntimeVersions;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.train.TrainingReport;
import io.rnnforecast.train.EpochStats;
import io.rnnforecast.window.SeriesWindows;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.Window;
import io.rnnforecast.window.WindowNormalization;
import io.rnnforecast.window.WindowSpec;
import org.apache.spark.api.java.JavaSparkContext;
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
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A trained model saved through a Hadoop filesystem that is not the local one by name (viewfs, mounted on a temp
 * directory) and loaded back: the same recipe, provenance and scalers, and forecasts equal to the last bit.
 */
class TrainedModelRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void saveAndLoadAtAHadoopUriGiveIdenticalForecasts() throws Exception {
        SparkSession spark = SparkTestSession.get();
        spark.sparkContext().hadoopConfiguration().set("fs.viewfs.mounttable.rt.link./models",
                dir.toUri().toString());
        String uri = "viewfs://rt/models/m1";

        WindowSpec window = new WindowSpec(6, 2, 1, 1, WindowNormalization.LAST_VALUE);
        ModelSpec spec = ModelSpec.builder().cell(ModelSpec.Cell.GRU).stack(1, 5).window(6, 2)
                .loss(ModelSpec.Loss.MSE).learningRate(0.01).seed(7).build();
        TrainedModel.Recipe recipe = new TrainedModel.Recipe(spec, window,
                new SplitSpec(SplitSpec.Mode.TIME, 0.2, 0.1, 42, Set.of("v1"), Set.of("t1", "t2"), 2),
                new ScalingPolicy(Scaling.Method.STANDARD, ScalingPolicy.WhenConstant.SHIFT_ONLY),
                new RepairPolicy(RepairPolicy.Duplicates.MEAN, RepairPolicy.Gaps.FORWARD_FILL,
                        new Frequency(1, TimeUnit.MONTHS)));
        StructType scalerSchema = new StructType().add("unique_id", DataTypes.StringType)
                .add("scaling", DataTypes.StringType).add("center", DataTypes.DoubleType)
                .add("scale", DataTypes.DoubleType);
        List<Row> scalerRows = List.of(RowFactory.create("a", "STANDARD", 10.0, 2.0),
                RowFactory.create("b", "STANDARD", -3.5, 0.25));
        ModelProvenance provenance = new ModelProvenance("r1", spec.displayName(), "mine", "{\"a\":1}",
                RuntimeVersions.current("test"), "local[2]", "2026-11-24T00:00:00Z",
                new DataFingerprint("file:/data", "csv", "unique_id STRING,ds DATE,y DOUBLE", "DATE", 100, 98, 3, 2),
                new TrainingReport("r1", 2, 80, 20, 3, 0.1, "rounds",
                        List.of(new EpochStats(1, 0.5, Double.NaN, 80, 0.2, 3, 0.01)), 0.4, 0, 1, "completed 1 of 1 epochs"), 0, 1);
        LinearAutoregression linear = new LinearAutoregression(new double[][] {{1, 2, 3, 4, 5, 6.5},
            {-1, 0, 0.25, 0, 0, 1e-9}}, new double[] {0.5, -0.125});
        TrainedModel model = new TrainedModel(NetworkFactory.build(spec), recipe,
                spark.createDataFrame(scalerRows, scalerSchema), linear, provenance);

        new ModelStore(spark, uri).save(model);
        assertTrue(Files.exists(dir.resolve("m1/model.zip")) && Files.exists(dir.resolve("m1/model.json"))
                && Files.isDirectory(dir.resolve("m1/scalers")), "written through viewfs into the mounted directory");
        TrainedModel loaded = new ModelStore(spark, uri).load();

        assertEquals(recipe, loaded.recipe());
        assertEquals(provenance, loaded.provenance());
        assertArrayEquals(linear.weights(), loaded.linear().weights());
        assertArrayEquals(linear.bias(), loaded.linear().bias());
        // scalers written without the covariate columns (as a model saved before covariates) load with them null
        assertEquals(List.of(RowFactory.create("a", "STANDARD", 10.0, 2.0, null, null),
                RowFactory.create("b", "STANDARD", -3.5, 0.25, null, null)),
                loaded.scalers().orderBy("unique_id").collectAsList());
        assertArrayEquals(model.network().params().toFloatVector(), loaded.network().params().toFloatVector());

        SeriesWindows cutter = new SeriesWindows(window, recipe.split());
        List<Window> windows = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            double[] values = new double[12];
            for (int t = 0; t < values.length; t++) {
                values[t] = Math.sin(0.3 * t + k) + 0.05 * k;
            }
            windows.add(cutter.future(new SeriesWindows.Series("s" + k, values, new Scaling(Scaling.Method.STANDARD,
                    0.1 * k, 1 + 0.01 * k), 0, new Frequency(1, TimeUnit.STEP))));
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<String> simple = List.of(Baselines.NAIVE, Baselines.SEASONAL_NAIVE, Baselines.LINEAR);
        List<Row> before = ForecastRows.predictions(spark, NetworkForecaster.withBaselines(sc, model, simple),
                model.horizon(), sc.parallelize(windows, 3), 0).orderBy("model", "unique_id", "step").collectAsList();
        List<Row> after = ForecastRows.predictions(spark, NetworkForecaster.withBaselines(sc, loaded, simple),
                loaded.horizon(), sc.parallelize(windows, 3), 0).orderBy("model", "unique_id", "step").collectAsList();
        assertEquals(40 * 3 * 2, before.size(), "model, naive and linear rows for 2 steps");
        assertEquals(before, after);
    }
}
