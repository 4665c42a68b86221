package io.rnnforecast.generate;

import java.util.List;

/**
 * A synthetic family that also writes covariates: numeric columns with one value per step (aligned with
 * {@link #values}) and one static string column per series. They exist so that a model fed exogenous inputs has
 * something to gain over one that sees only y, with the gain known by construction. Covariates, like values, are
 * pure functions of (seed, index).
 */
public interface CovariateGenerator extends SeriesGenerator {

    /** The per-step numeric columns, in the order of {@link #covariates}'s rows. */
    List<String> covariateNames();

    /** {@code [covariate][step]}: one row per {@link #covariateNames} entry, each as long as {@link #values}. */
    double[][] covariates(long seed, long index);

    /** The name of the static per-series string column. */
    String categoryColumn();

    /** The static category of series {@code index} (the same on every one of its rows). */
    String category(long seed, long index);
}
