package io.rnnforecast.train;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.series.ErrorScale;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.TimeUnit;
import io.rnnforecast.window.Window;
import io.rnnforecast.window.WindowBlock;
import io.rnnforecast.window.WindowNormalization;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class TrainingBlocksTest {
    private static final Frequency STEP = new Frequency(1L, TimeUnit.STEP);

    /** 1,000 windows of 3 inputs and 1 target whose values identify them: series s, end e -> s + e / 1000. */
    private static List<Window> windows() {
        List<Window> out = new ArrayList<>();
        for (int s = 0; s < 250; s++) {
            for (int e = 3; e < 7; e++) {
                float v = s + e / 1000f;
                out.add(new Window("s" + s, e, e == 6, new float[] {v, v, v}, new float[] {-v}, new double[] {-v},
                        new double[] {v, v, v}, Scaling.IDENTITY, WindowNormalization.Norm.IDENTITY, 0, STEP,
                        ErrorScale.NONE));
            }
        }
        return out;
    }

    private static List<WindowBlock> layout(List<Window> windows, int partitions, long seed) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
        JavaRDD<Window> rdd = sc.parallelize(windows, partitions);
        TrainingBlocks blocks = TrainingBlocks.layout(rdd, 3, 1, 100, seed);
        List<WindowBlock> out = blocks.blocks().collect();
        blocks.release();
        return out;
    }

    @Test
    void theLayoutDependsOnTheDataAndTheSeedNotOnPartitionsOrOrder() {
        List<Window> ordered = windows();
        List<Window> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(3));
        List<WindowBlock> a = layout(ordered, 1, 42);
        List<WindowBlock> b = layout(shuffled, 7, 42);
        assertEquals(10, a.size(), "1,000 windows in blocks of ~100");
        assertEquals(1000, a.stream().mapToInt(WindowBlock::size).sum());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).inputs(), b.get(i).inputs(), "block " + i);
            assertArrayEquals(a.get(i).targets(), b.get(i).targets(), "block " + i);
            // each row's target is minus its input: rows were packed whole
            for (int r = 0; r < a.get(i).size(); r++) {
                assertEquals(-a.get(i).inputs()[3 * r], a.get(i).targets()[r]);
            }
        }
        List<WindowBlock> otherSeed = layout(ordered, 1, 43);
        assertNotEquals(java.util.Arrays.toString(a.get(0).inputs()), java.util.Arrays.toString(otherSeed.get(0).inputs()));
    }
}
