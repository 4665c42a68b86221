package io.rnnforecast.window;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassTargetsTest {

    @Test
    void perStepLabelsAreOneHotOverClassesThenTime() {
        // 4 steps labelled 2, 0, 1, 2 of 3 classes: [classes, time] row-major, class c's steps contiguous
        float[] out = new float[12];
        new ClassTargets(3, true).write(new float[4], 0, 4, new float[] {2, 0, 1, 2}, 0, 4, out, 0);
        assertArrayEquals(new float[] {
                0, 1, 0, 0,
                0, 0, 1, 0,
                1, 0, 0, 1}, out);
    }

    @Test
    void aBlockCutsOneHotMinibatchesOfEitherShape() {
        // two windows of 3 steps; per-step labels stored as class indices
        WindowBlock steps = new WindowBlock(2, 3, 3, new float[] {1, 2, 3, 4, 5, 6}, new float[] {0, 1, 1, 1, 0, 0});
        DataSet d = steps.rows(0, 2, new ClassTargets(2, true));
        assertArrayEquals(new long[] {2, 2, 3}, d.getLabels().shape());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0}, d.getLabels().ravel().toFloatVector());

        WindowBlock series = new WindowBlock(2, 3, 1, new float[] {1, 2, 3, 4, 5, 6}, new float[] {2, 0});
        DataSet s = series.rows(0, 2, new ClassTargets(3, false));
        assertArrayEquals(new long[] {2, 3}, s.getLabels().shape());
        assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, s.getLabels().ravel().toFloatVector());
    }

    @Test
    void refusesIndicesOutsideTheClassesAndWrongLengths() {
        ClassTargets two = new ClassTargets(2, false);
        assertThrows(IllegalArgumentException.class, () -> two.write(new float[3], 0, 3, new float[] {2}, 0, 1,
                new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> two.write(new float[3], 0, 3, new float[] {0.5f}, 0, 1,
                new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> new ClassTargets(2, true).write(new float[3], 0, 3,
                new float[] {0, 1}, 0, 2, new float[6], 0));
        assertThrows(IllegalArgumentException.class, () -> new ClassTargets(1, true));
    }
}
