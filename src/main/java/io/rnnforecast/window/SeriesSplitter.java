package io.rnnforecast.window;

import io.rnnforecast.series.SeriesRandom;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/** Assigns series ids to splits as {@link SplitSpec} describes. */
public final class SeriesSplitter implements Serializable {
    private final SplitSpec spec;

    public SeriesSplitter(SplitSpec spec) {
        this.spec = spec;
    }

    public Split assign(String uniqueId) {
        if (spec.testIds().contains(uniqueId)) {
            return Split.TEST;
        }
        if (spec.validationIds().contains(uniqueId)) {
            return Split.VALIDATION;
        }
        if (!spec.testIds().isEmpty() || !spec.validationIds().isEmpty()) {
            return Split.TRAIN;
        }
        double u = unitHash(uniqueId);
        if (u < spec.test()) {
            return Split.TEST;
        }
        return u < spec.test() + spec.validation() ? Split.VALIDATION : Split.TRAIN;
    }

    /** A uniform draw in [0,1) from (seed, id): FNV-1a over the UTF-8 bytes, then SplitMix64 mixing. */
    double unitHash(String uniqueId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : uniqueId.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return (SeriesRandom.mix64(h ^ SeriesRandom.mix64(spec.seed())) >>> 11) * 0x1.0p-53;
    }
}
