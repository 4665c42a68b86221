package io.rnnforecast.window;

import java.io.Serializable;
import java.util.Set;

/**
 * Deterministic split by series id: a series goes wholly to one split, decided by a hash of (seed, id), so the
 * assignment is the same on every executor and in every run. Ids listed explicitly override the hash.
 */
public record SplitSpec(double validation, double test, long seed, Set<String> validationIds, Set<String> testIds)
        implements Serializable {

    public SplitSpec {
        if (validation < 0 || test < 0 || validation + test >= 1) {
            throw new IllegalArgumentException("split fractions must be >= 0 and sum below 1: validation="
                    + validation + ", test=" + test);
        }
        validationIds = Set.copyOf(validationIds);
        testIds = Set.copyOf(testIds);
    }
}
