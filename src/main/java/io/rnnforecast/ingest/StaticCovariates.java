package io.rnnforecast.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-series covariates ({@code data.covariates.static}, {@code data.covariates.categorical}): columns of the long
 * table that hold one value per series (checked at ingestion: a series whose rows disagree is rejected). The
 * {@code numeric} ones are standardized across series ({@code centers}, {@code scales}: the mean and population
 * standard deviation over the training data's series; per series they would all be 0); each {@code categorical}
 * one is one-hot encoded over the {@code categories} found in training (a category unseen there is all zeros).
 * Both are fitted once, when the model is trained, and kept in its recipe. They enter the network as channels
 * repeated on every step (known for the horizon: they never change). Spark-free.
 *
 * <p>One-hot and not an embedding: with at most {@link #MAX_CATEGORIES} categories a column it costs that many
 * input channels, and the first recurrent layer's input weights for them are exactly a learned embedding added to
 * every step's input (W x one-hot = a column of W).
 */
public record StaticCovariates(List<String> numeric, List<String> categorical, List<Double> centers,
                               List<Double> scales, List<List<String>> categories) implements Serializable {
    public static final String NUMERIC = "data.covariates.static";
    public static final String CATEGORICAL = "data.covariates.categorical";
    /** More categories than this in a column is refused: an id column by mistake, or a case for embeddings. */
    public static final int MAX_CATEGORIES = 100;
    public static final StaticCovariates NONE = new StaticCovariates(List.of(), List.of());

    public StaticCovariates {
        numeric = numeric == null ? List.of() : List.copyOf(numeric);
        categorical = categorical == null ? List.of() : List.copyOf(categorical);
        centers = centers == null ? List.of() : List.copyOf(centers);
        scales = scales == null ? List.of() : List.copyOf(scales);
        categories = categories == null ? List.of() : categories.stream().map(List::copyOf).toList();
        if (!centers.isEmpty() && (centers.size() != numeric.size() || scales.size() != numeric.size())
                || !categories.isEmpty() && categories.size() != categorical.size()) {
            throw new IllegalArgumentException("static covariates: " + centers.size() + " centers, " + scales.size()
                    + " scales for " + numeric + "; " + categories.size() + " category lists for " + categorical);
        }
    }

    /** Not yet fitted. */
    public StaticCovariates(List<String> numeric, List<String> categorical) {
        this(numeric, categorical, List.of(), List.of(), List.of());
    }

    public boolean any() {
        return !numeric.isEmpty() || !categorical.isEmpty();
    }

    /** Whether the scalers and categories are known (a trained model's). */
    public boolean fitted() {
        return (numeric.isEmpty() || !centers.isEmpty()) && (categorical.isEmpty() || !categories.isEmpty());
    }

    /** Every column, numeric first. */
    public List<String> names() {
        List<String> all = new ArrayList<>(numeric);
        all.addAll(categorical);
        return all;
    }

    /** The network's channels for them: one per numeric column, one per category (0 for unfitted categories). */
    public int channels() {
        return numeric.size() + categories.stream().mapToInt(List::size).sum();
    }

    /** These columns with the scalers and categories fitted on the training data. */
    public StaticCovariates fitted(List<Double> fittedCenters, List<Double> fittedScales,
                                   List<List<String>> found) {
        for (int i = 0; i < found.size(); i++) {
            if (found.get(i).size() > MAX_CATEGORIES) {
                throw new IllegalArgumentException(CATEGORICAL + ": column '" + categorical.get(i) + "' has more than "
                        + MAX_CATEGORIES + " categories; is it the right column (an id)?");
            }
        }
        return new StaticCovariates(numeric, categorical, fittedCenters, fittedScales, found);
    }

    /**
     * A series' channel values: each numeric value standardized, then each categorical column's one-hot vector
     * over its categories (all zeros for one not seen in training).
     */
    public double[] encode(double[] values, String[] labels) {
        double[] out = new double[channels()];
        for (int i = 0; i < numeric.size(); i++) {
            out[i] = (values[i] - centers.get(i)) / scales.get(i);
        }
        int at = numeric.size();
        for (int c = 0; c < categories.size(); c++) {
            int k = categories.get(c).indexOf(labels[c]);
            if (k >= 0) {
                out[at + k] = 1;
            }
            at += categories.get(c).size();
        }
        return out;
    }
}
