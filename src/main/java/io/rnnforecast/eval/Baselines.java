package io.rnnforecast.eval;

import io.rnnforecast.config.Keyed;
import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.model.NormalEquations;
import io.rnnforecast.series.classical.ClassicalMethod;
import io.rnnforecast.window.CovariateLayout;
import io.rnnforecast.window.Window;
import org.apache.spark.api.java.JavaRDD;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The baselines every forecasting model is evaluated beside, as {@link WindowForecaster}s: {@code naive} (the last
 * observed value), {@code seasonal_naive} (the same step of the last observed season; only for series whose season is
 * above 1 and fits in the input), {@code linear} (the least-squares linear autoregression on the training
 * windows, on the network's axis) and the M4 competition's per-series classical methods ({@link ClassicalMethod}:
 * {@code naive2}, {@code ses}, {@code holt}, {@code damped}, {@code theta}, {@code comb}), each fitted on the
 * executors to the whole history of the window's series before its forecast origin ({@link Window#history()},
 * original scale) with the series' evaluation season; a window without a history (or a series too short for the
 * method's model) has none of their forecasts. {@code evaluate.baselines} picks them ({@link EvaluationSpec}).
 */
public final class Baselines {
    public static final String NAIVE = "naive";
    public static final String SEASONAL_NAIVE = "seasonal_naive";
    public static final String LINEAR = "linear";
    /** Every baseline's name: naive, seasonal_naive, linear, then the classical methods' keys. */
    public static final List<String> NAMES = names();

    private Baselines() {
    }

    /** The naive forecast: the last observed value for every step. */
    public static final WindowForecaster NAIVE_FORECASTER = new OriginalAxis(NAIVE) {
        @Override
        double[] forecast(Window w, int horizon) {
            double[] f = new double[horizon];
            Arrays.fill(f, w.lastObserved());
            return f;
        }
    };

    /** The seasonal naive forecast, or none where the series has no season that fits in the input. */
    public static final WindowForecaster SEASONAL_NAIVE_FORECASTER = new OriginalAxis(SEASONAL_NAIVE) {
        @Override
        double[] forecast(Window w, int horizon) {
            return w.seasonalNaiveForecast(horizon);
        }
    };

    /**
     * Fits the least-squares {@code linear} baseline on windows of {@code input} values and {@code horizon} targets:
     * X'X and X'Y summed on the executors, solved on the driver.
     */
    public static WindowEstimator linearEstimator(int input, int horizon) {
        return training -> linear(fitLinear(training, input, horizon));
    }

    /**
     * The baselines named {@code names} ({@link #NAMES}), in that order; {@code linear} is left out where the model
     * has none ({@code linear} null).
     */
    public static List<WindowForecaster> of(List<String> names, LinearAutoregression linear) {
        List<WindowForecaster> out = new ArrayList<>();
        for (String name : names) {
            switch (name) {
                case NAIVE -> out.add(NAIVE_FORECASTER);
                case SEASONAL_NAIVE -> out.add(SEASONAL_NAIVE_FORECASTER);
                case LINEAR -> {
                    if (linear != null) {
                        out.add(linear(linear));
                    }
                }
                default -> out.add(classical(Keyed.find(ClassicalMethod.class, name), names));
            }
        }
        return out;
    }

    /**
     * A classical method's forecaster; {@code comb} beside its three members is their mean ({@link
     * CombinedForecaster}) instead of fitting them again (measured on the 414 M4 Hourly series, one thread: all six
     * methods 9.6 ms a series with comb refitting, 5.1 ms without).
     */
    private static WindowForecaster classical(ClassicalMethod method, List<String> names) {
        List<String> members = List.of(ClassicalMethod.SES.key(), ClassicalMethod.HOLT.key(),
                ClassicalMethod.DAMPED.key());
        if (method == ClassicalMethod.COMB && names.containsAll(members)) {
            return new CombinedForecaster(method.key(), members, CombinedForecaster.Combiner.MEAN);
        }
        return new Classical(method);
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of(NAIVE, SEASONAL_NAIVE, LINEAR));
        for (ClassicalMethod m : ClassicalMethod.values()) {
            names.add(m.key());
        }
        return List.copyOf(names);
    }

    /**
     * One pass over the training windows: each partition sums its windows' X'X and X'Y in the order of their
     * layout keys, and the (input+1)^2 + (input+1) x horizon sums of each partition are merged on the driver in
     * partition order. The order of floating-point additions is then fixed by the data alone, so two fits on the
     * same series give the same coefficients to the last bit (a tree aggregation in task-completion order, and the
     * shuffle's row order within a partition, changed the 13th digit from run to run).
     */
    public static LinearAutoregression fitLinear(JavaRDD<Window> trainingWindows, int input, int horizon) {
        return fitLinear(trainingWindows, input, horizon, CovariateLayout.NONE);
    }

    /**
     * As above, on the windows' regressors ({@link Window#regressors}: the input, then the covariate steps the
     * network sees), so the baseline reads the same covariates as the network.
     */
    public static LinearAutoregression fitLinear(JavaRDD<Window> trainingWindows, int input, int horizon,
                                                 CovariateLayout covariates) {
        int regressors = covariates.regressors(input, horizon);
        List<NormalEquations> perPartition = trainingWindows.mapPartitions(windows -> {
            // only the key and the network's arrays are held: (regressors + horizon) x 4 + ~64 bytes a window
            List<Example> ordered = new ArrayList<>();
            windows.forEachRemaining(w -> ordered.add(new Example(w.layoutKey(0), w.regressors(covariates),
                    w.target())));
            ordered.sort(Example.ORDER);
            NormalEquations sums = new NormalEquations(regressors, horizon);
            for (Example e : ordered) {
                sums.add(e.input(), e.target());
            }
            return List.of(sums).iterator();
        }).collect();
        NormalEquations total = new NormalEquations(regressors, horizon);
        for (NormalEquations part : perPartition) {
            total = total.merge(part);
        }
        return total.solve().withCovariates(covariates);
    }

    /** A training window's input and target, by its layout key (ties, ~n^2 / 2^65, by content). */
    private record Example(long key, float[] input, float[] target) {
        static final java.util.Comparator<Example> ORDER = java.util.Comparator.comparingLong(Example::key)
                .thenComparing(Example::input, Arrays::compare).thenComparing(Example::target, Arrays::compare);
    }

    public static WindowForecaster linear(LinearAutoregression model) {
        return new LinearForecaster(model);
    }

    private record LinearForecaster(LinearAutoregression model) implements WindowForecaster {
        @Override
        public String name() {
            return LINEAR;
        }

        @Override
        public Open open() {
            return (batch, horizon) -> batch.stream()
                    .map(w -> Forecast.fromNetworkAxis(w, model.forecast(w), null))
                    .toArray(Forecast[]::new);
        }
    }

    /** A classical per-series method fitted to the window's history; none for a window without one. */
    private static final class Classical extends OriginalAxis {
        private final ClassicalMethod method;

        Classical(ClassicalMethod method) {
            super(method.key());
            this.method = method;
        }

        @Override
        double[] forecast(Window w, int horizon) {
            return w.history() == null ? null : method.forecast(w.history(), w.errorScale().season(), horizon);
        }
    }

    /** A baseline that forecasts each window on the original scale. */
    private abstract static class OriginalAxis implements WindowForecaster {
        private final String name;

        OriginalAxis(String name) {
            this.name = name;
        }

        abstract double[] forecast(Window w, int horizon);

        @Override
        public String name() {
            return name;
        }

        @Override
        public Open open() {
            return (batch, horizon) -> batch.stream().map(w -> {
                double[] f = forecast(w, horizon);
                return f == null ? null : Forecast.fromOriginal(w, f);
            }).toArray(Forecast[]::new);
        }
    }
}
