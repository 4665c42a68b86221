package io.rnnforecast.model.layers;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/** Bulk copies between ND4J arrays (native memory) and Java primitive arrays, in C (row-major) order. */
public final class NdArrays {
    private NdArrays() {
    }

    /** True when the array's elements lie contiguously in C order at its data buffer's address. */
    static boolean isDenseC(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.offset() == a.data().offset()
                && !a.isEmpty();
    }

    private static INDArray denseC(INDArray a, DataType dt) {
        if (a.dataType() != dt) {
            a = a.castTo(dt);
        }
        return isDenseC(a) ? a : a.dup('c');
    }

    static float[] read(INDArray a, float[] buf) {
        INDArray c = denseC(a, DataType.FLOAT);
        int n = Math.toIntExact(c.length());
        if (buf == null || buf.length < n) {
            buf = new float[n];
        }
        new FloatPointer(c.data().addressPointer()).get(buf, 0, n);
        return buf;
    }

    /** {@code a}'s values in C order as doubles (cast first if needed), into {@code buf} when it is large enough. */
    public static double[] read(INDArray a, double[] buf) {
        INDArray c = denseC(a, DataType.DOUBLE);
        int n = Math.toIntExact(c.length());
        if (buf == null || buf.length < n) {
            buf = new double[n];
        }
        new DoublePointer(c.data().addressPointer()).get(buf, 0, n);
        return buf;
    }

    /** Writes the first {@code a.length()} values of src into a (C order). */
    static void write(float[] src, INDArray a) {
        int n = Math.toIntExact(a.length());
        if (a.dataType() == DataType.FLOAT && isDenseC(a)) {
            new FloatPointer(a.data().addressPointer()).put(src, 0, n);
        } else {
            float[] exact = n == src.length ? src : java.util.Arrays.copyOf(src, n);
            a.assign(org.nd4j.linalg.factory.Nd4j.create(exact, a.shape(), 'c').castTo(a.dataType()));
        }
    }

    static void write(double[] src, INDArray a) {
        int n = Math.toIntExact(a.length());
        if (a.dataType() == DataType.DOUBLE && isDenseC(a)) {
            new DoublePointer(a.data().addressPointer()).put(src, 0, n);
        } else {
            double[] exact = n == src.length ? src : java.util.Arrays.copyOf(src, n);
            a.assign(org.nd4j.linalg.factory.Nd4j.create(exact, a.shape(), 'c').castTo(a.dataType()));
        }
    }
}
