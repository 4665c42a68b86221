package io.rnnforecast.train;

import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.model.NormalEquations;
import io.rnnforecast.window.Window;
import org.apache.spark.api.java.JavaRDD;

/**
 * Fits the {@code linear} baseline on the training windows: X'X and X'Y summed on the executors (one pass, a tree
 * aggregation of (input+1)^2 + (input+1) x horizon doubles per partition), solved on the driver.
 */
public final class LinearBaselineFit {
    private LinearBaselineFit() {
    }

    public static LinearAutoregression fit(JavaRDD<Window> trainingWindows, int input, int horizon) {
        NormalEquations sums = trainingWindows.treeAggregate(new NormalEquations(input, horizon),
                (acc, w) -> acc.add(w.input(), w.target()), NormalEquations::merge);
        return sums.solve();
    }
}
