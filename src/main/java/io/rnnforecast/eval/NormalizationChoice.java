package io.rnnforecast.eval;

import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.window.Split;
import io.rnnforecast.window.Window;
import io.rnnforecast.window.WindowNormalization;
import io.rnnforecast.window.WindowSpec;
import io.rnnforecast.windowrdd.WindowedSeries;
import org.apache.spark.api.java.JavaRDD;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code window.normalization = auto}: the normalization under which the least-squares {@code linear} baseline,
 * fitted on the training windows, forecasts the validation windows (the training windows where there are none)
 * with the lowest MSE on the series-scaled axis (the one axis every normalization shares). One linear fit and one
 * scoring pass per candidate, on the executors: a cheap proxy for training the network three times. Why a proxy
 * is needed: no single normalization won everywhere (last-value on R's real series, none on Géron's stationary
 * ones: see the README's defaults table).
 *
 * @param chosen the winner
 * @param mse    each candidate's validation MSE (series-scaled axis)
 */
public record NormalizationChoice(WindowNormalization chosen, Map<WindowNormalization, Double> mse) {

    /** @param windowsOf the windows cut with a given window spec (the fitted data, another normalization each). */
    public static NormalizationChoice choose(WindowSpec window, Function<WindowSpec, WindowedSeries> windowsOf) {
        Map<WindowNormalization, Double> mse = new EnumMap<>(WindowNormalization.class);
        WindowNormalization best = null;
        for (WindowNormalization candidate : WindowNormalization.CHOICES) {
            WindowedSeries windows = windowsOf.apply(window.withNormalization(candidate));
            LinearAutoregression linear = Baselines.fitLinear(windows.windows(Split.TRAIN), window.input(),
                    window.horizon(), windows.covariates());
            // one pass over the validation windows; a second over the training ones only where there are none
            double error = scaledMse(windows.windows(Split.VALIDATION), linear);
            if (Double.isNaN(error)) {
                error = scaledMse(windows.windows(Split.TRAIN), linear);
            }
            mse.put(candidate, error);
            if (best == null || error < mse.get(best)) {
                best = candidate;
            }
        }
        return new NormalizationChoice(best, mse);
    }

    /** The linear forecasts' MSE against the actual values, both on the series-scaled axis; NaN without windows. */
    static double scaledMse(JavaRDD<Window> windows, LinearAutoregression linear) {
        double[] sums = windows.aggregate(new double[2], (acc, w) -> {
            double[] f = WindowForecaster.Forecast.fromNetworkAxis(w, linear.forecast(w), null).scaled();
            for (int s = 0; s < f.length; s++) {
                double e = f[s] - w.scaling().apply(w.actual()[s]);
                acc[0] += e * e;
            }
            acc[1] += f.length;
            return acc;
        }, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
        return sums[1] == 0 ? Double.NaN : sums[0] / sums[1];
    }
}
