package io.rnnforecast.windowrdd;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.ingest.IngestSpec;
import io.rnnforecast.ingest.SourceFormat;
import io.rnnforecast.ingest.SeriesColumns;
import io.rnnforecast.ingest.SeriesIngest;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.Window;
import io.rnnforecast.window.WindowSpec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowedSeriesTest {
    @TempDir
    Path dir;

    /** Series a: 0..7, b: 100..105, c: 10..11 (too short), written in shuffled order with custom column names. */
    private WindowedSeries handMade(SplitSpec split) {
        SparkSession spark = SparkTestSession.get();
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            rows.add(RowFactory.create("a", t, (double) t));
        }
        for (int t = 0; t < 6; t++) {
            rows.add(RowFactory.create("b", t, 100.0 + t));
        }
        rows.add(RowFactory.create("c", 0, 10.0));
        rows.add(RowFactory.create("c", 1, 11.0));
        Collections.shuffle(rows, new Random(3));
        StructType schema = new StructType().add("series", DataTypes.StringType).add("step", DataTypes.IntegerType)
                .add("value", DataTypes.DoubleType);
        String path = dir.resolve("hand").toString();
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(path);
        var spec = new IngestSpec(SourceFormat.PARQUET, new SeriesColumns("series", "step", "value"), new RepairPolicy(
                RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE, null), new ScalingPolicy(Scaling.Method.NONE, ScalingPolicy.WhenConstant.REJECT_SERIES), 
                4, 1);
        var ingested = new SeriesIngest(spark, spec).read(path);
        assertEquals(java.util.Map.of("too_short", 1L), ingested.counts().seriesRejected());
        return new WindowedSeries(ingested.series(), new WindowSpec(3, 1, 2, 10), split);
    }

    @Test
    void windowsAreCutPerSeriesInTimeOrderAndSplitById() {
        WindowedSeries data = handMade(new SplitSpec(SplitSpec.Mode.SERIES, 0, 0, 1, Set.of(), Set.of("b"), 1));
        List<Window> train = new ArrayList<>(data.windows(Split.TRAIN).collect());
        train.sort(Comparator.comparingInt(Window::end));
        // a (8 values, length 4, stride 2): ends 3, 5, 7; c is shorter than one window
        assertEquals(List.of(3, 5, 7), train.stream().map(Window::end).toList());
        assertTrue(train.stream().allMatch(w -> w.uniqueId().equals("a")));
        assertArrayEquals(new float[] {4, 5, 6}, train.get(2).input());
        assertArrayEquals(new float[] {7}, train.get(2).target());

        List<Window> test = new ArrayList<>(data.windows(Split.TEST).collect());
        test.sort(Comparator.comparingInt(Window::end));
        // b (6 values): ends 3, 5
        assertEquals(List.of(3, 5), test.stream().map(Window::end).toList());
        assertArrayEquals(new float[] {102, 103, 104}, test.get(1).input());
        assertArrayEquals(new float[] {105}, test.get(1).target());
        assertEquals(0, data.windows(Split.VALIDATION).count());
    }

    @Test
    void minibatchesHoldEveryWindowInDl4jsRecurrentLayout() {
        WindowedSeries data = handMade(new SplitSpec(SplitSpec.Mode.SERIES, 0, 0, 1, Set.of(), Set.of("b"), 1));
        List<DataSet> batches = data.minibatches(Split.TRAIN, 2).collect();
        assertEquals(3, batches.stream().mapToInt(DataSet::numExamples).sum());
        for (DataSet b : batches) {
            assertEquals(3, b.getFeatures().rank());
            assertEquals(1, b.getFeatures().size(1));
            assertEquals(3, b.getFeatures().size(2));
            assertEquals(b.getFeatures().size(0), b.getLabels().size(0));
            for (int i = 0; i < b.numExamples(); i++) {
                // every window of series a is consecutive integers: the label is last input + 1
                assertEquals(b.getFeatures().getDouble(i, 0, 2) + 1, b.getLabels().getDouble(i, 0), 0);
            }
        }
    }
}
