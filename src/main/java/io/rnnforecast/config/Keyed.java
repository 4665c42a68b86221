package io.rnnforecast.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum whose constants are written in configuration as lower-case keys ("keep-last", "simple-rnn"). The allowed
 * values a message lists come from the enum itself, so adding a constant is the only change a new choice needs.
 */
public interface Keyed {

    /** The configuration spelling: the constant's name in lower case with '-' for '_' unless the enum says else. */
    default String key() {
        return ((Enum<?>) this).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The constant spelled {@code key}, or null. */
    static <E extends Enum<E> & Keyed> E find(Class<E> type, String key) {
        for (E e : type.getEnumConstants()) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        return null;
    }

    /** "a | b | c" */
    static <E extends Enum<E> & Keyed> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Keyed::key).collect(Collectors.joining(" | "));
    }
}
