package io.rnnforecast.window;

import java.util.ArrayList;
import java.util.List;

/** Cuts one series into windows according to a {@link WindowSpec}. Spark-free so it is testable by hand. */
public final class WindowCutter {
    private final WindowSpec spec;

    public WindowCutter(WindowSpec spec) {
        this.spec = spec;
    }

    /** Windows in time order; none when the series is shorter than input + horizon. */
    public List<Window> cut(String uniqueId, double[] values) {
        int n = values.length;
        int available = n < spec.length() ? 0 : (n - spec.length()) / spec.stride() + 1;
        int count = Math.min(available, spec.maxPerSeries());
        List<Window> windows = new ArrayList<>(count);
        for (int k = count - 1; k >= 0; k--) {
            int end = n - spec.horizon() - k * spec.stride();
            windows.add(new Window(uniqueId, end, k == 0,
                    slice(values, end - spec.input(), spec.input()), slice(values, end, spec.horizon())));
        }
        return windows;
    }

    private static float[] slice(double[] values, int from, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = (float) values[from + i];
        }
        return out;
    }
}
