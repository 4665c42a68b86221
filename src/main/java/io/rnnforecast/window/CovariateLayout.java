package io.rnnforecast.window;

import java.io.Serializable;

/**
 * How a window's covariates are laid out for the network: {@code historic} channels known up to the forecast
 * origin, then {@code future} channels known for the horizon too. With any future covariate the window runs on
 * into the horizon: {@code input + horizon} steps, where y and the historic covariates are 0 and a last channel,
 * the horizon flag, is 1 (so the network tells "y is 0" from "y is not known yet"); the direct strategy reads
 * the forecast from the last step, which has then seen every future value. Without future covariates the window
 * is its input steps alone. Per step the network reads {@link #features()} values: y, the historic covariates,
 * the future covariates, the flag. Spark-free.
 */
public record CovariateLayout(int historic, int future) implements Serializable {
    public static final CovariateLayout NONE = new CovariateLayout(0, 0);

    /**
     * The layout of {@code spec}'s covariates: its historic columns, then its future columns, calendar channels and
     * static channels (known for the horizon: they never change).
     */
    public static CovariateLayout of(io.rnnforecast.ingest.CovariateSpec spec) {
        return new CovariateLayout(spec.historic().size(), spec.future().size() + spec.calendarChannels()
                + spec.statics().channels());
    }

    public CovariateLayout {
        if (historic < 0 || future < 0) {
            throw new IllegalArgumentException("covariate counts must be >= 0, got " + historic + ", " + future);
        }
    }

    /** The covariate channels a window stores (historic, then future). */
    public int channels() {
        return historic + future;
    }

    public boolean any() {
        return channels() > 0;
    }

    /** Whether the window runs on into the horizon (some covariate is known for it). */
    public boolean extendsIntoHorizon() {
        return future > 0;
    }

    /** The steps the network reads for a window of {@code input} values forecasting {@code horizon}. */
    public int steps(int input, int horizon) {
        return input + (extendsIntoHorizon() ? horizon : 0);
    }

    /** Values per step the network reads: y, the covariates and, when it runs into the horizon, the flag. */
    public int features() {
        return 1 + channels() + (extendsIntoHorizon() ? 1 : 0);
    }

    /**
     * Steps a window's covariate channels span as a block stores them: {@link #steps}, or 0 without covariates.
     */
    public int storedSteps(int input, int horizon) {
        return any() ? steps(input, horizon) : 0;
    }

    /**
     * Values the least-squares baseline regresses on ({@link Window#regressors}): the input, each historic
     * channel's input steps, each future channel's every step.
     */
    public int regressors(int input, int horizon) {
        return input + historic * input + future * steps(input, horizon);
    }

    /** Whether covariate channel {@code c} is known for the horizon. */
    public boolean isFuture(int c) {
        return c >= historic;
    }
}
