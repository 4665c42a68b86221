package io.rnnforecast.series;

import io.rnnforecast.config.Keyed;
import io.rnnforecast.config.Settings;

import java.io.Serializable;

/**
 * How each series is scaled (the {@code scaling} section): the method, and what to do with a series whose training
 * part has zero spread (reject it, or only subtract the center).
 */
public record ScalingPolicy(Scaling.Method method, WhenConstant whenConstant) implements Serializable {

    public enum WhenConstant implements Keyed {
        REJECT_SERIES, SHIFT_ONLY
    }

    public static final ScalingPolicy NONE = new ScalingPolicy(Scaling.Method.NONE, WhenConstant.REJECT_SERIES);

    public static ScalingPolicy from(Settings s) {
        return new ScalingPolicy(s.oneOf("scaling.method", Scaling.Method.class),
                s.oneOf("scaling.constant", WhenConstant.class));
    }
}
