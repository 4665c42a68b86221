package io.rnnforecast.window;

/** The three disjoint parts every dataset is divided into. */
public enum Split {
    TRAIN, VALIDATION, TEST;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
