package io.rnnforecast.model.layers;

import java.util.Random;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Géron's synthetic series (Hands-On ML, ch. 15): n_steps = 51, time = linspace(0, 1, 51),
 * y = 0.5 sin((time - o1)(f1*10 + 10)) + 0.2 sin((time - o2)(f2*20 + 20)) + 0.1 (u - 0.5);
 * features = the first 50 steps as [n, 1, 50], label = step 51 as [n, 1].
 */
public final class GeronData {
    private GeronData() {
    }

    public static DataSet generate(int n, long seed, DataType dt) {
        final int steps = 51;
        Random r = new Random(seed);
        float[] x = new float[n * 50];
        float[] y = new float[n];
        for (int s = 0; s < n; s++) {
            double f1 = r.nextDouble(), f2 = r.nextDouble(), o1 = r.nextDouble(), o2 = r.nextDouble();
            for (int t = 0; t < steps; t++) {
                double time = t / (double) (steps - 1);
                double v = 0.5 * Math.sin((time - o1) * (f1 * 10 + 10)) + 0.2 * Math.sin((time - o2) * (f2 * 20 + 20))
                        + 0.1 * (r.nextDouble() - 0.5);
                if (t < 50) {
                    x[s * 50 + t] = (float) v;
                } else {
                    y[s] = (float) v;
                }
            }
        }
        INDArray f = Nd4j.create(x, new long[] {n, 1, 50}, 'c').castTo(dt);
        INDArray l = Nd4j.create(y, new long[] {n, 1}, 'c').castTo(dt);
        return new DataSet(f, l);
    }
}
