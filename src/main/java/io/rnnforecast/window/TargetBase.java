package io.rnnforecast.window;

import io.rnnforecast.config.Keyed;

/**
 * What the network's output is added to: nothing (it forecasts the values), or the window's own seasonal naive
 * forecast, so the network forecasts the residual from it and an output of 0 is the seasonal naive forecast. A
 * global network on hourly series otherwise has to learn "copy the value 24 steps back" from scratch: on M4 Hourly
 * the LSTM without a base scored MASE 1.843 against seasonal naive's 1.193 (bench/m4-compare.sh). The base comes
 * from the window's own (normalized) input, so it needs nothing beyond what the window holds, and the linear
 * baseline (least squares over the same inputs) is unchanged by it up to rounding.
 */
public enum TargetBase implements Keyed {
    NONE,
    /**
     * {@code input[T - m + s mod m]} for horizon step s (0-based), m the series' evaluation season
     * ({@code evaluate.season}, else its frequency's); m = 1, or a window with fewer than m observed values, gives
     * the naive forecast (the last observed value).
     */
    SEASONAL_NAIVE,
    /**
     * {@link #SEASONAL_NAIVE} for a series with a season (m > 1), none for one without; none for a strategy other
     * than direct (the recipe resolves it so).
     */
    AUTO;

    /** The lag the window's base repeats (0: no base) for a series of season {@code season}. */
    public int lag(int season, int observed) {
        if (this == NONE || this == AUTO && season <= 1) {
            return 0;
        }
        return season > 1 && season <= observed ? season : 1;
    }

    /** The base of horizon step {@code step} (0-based) of a window whose network input is {@code input}. */
    public static float of(float[] input, int lag, int step) {
        return lag == 0 ? 0f : input[input.length - lag + step % lag];
    }
}
