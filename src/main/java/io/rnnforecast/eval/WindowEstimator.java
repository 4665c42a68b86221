package io.rnnforecast.eval;

import io.rnnforecast.window.Window;
import org.apache.spark.api.java.JavaRDD;

/** Fits a {@link WindowForecaster} on the training windows (on the executors; only its parameters reach the driver). */
@FunctionalInterface
public interface WindowEstimator {
    WindowForecaster fit(JavaRDD<Window> trainingWindows);
}
