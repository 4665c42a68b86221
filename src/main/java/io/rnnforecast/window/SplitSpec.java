package io.rnnforecast.window;

import io.rnnforecast.config.Keyed;
import io.rnnforecast.config.Settings;

import java.io.Serializable;
import java.util.Set;

/**
 * How series are divided into training, validation and test.
 * <ul>
 * <li>{@link Mode#SERIES}: a series goes wholly to one split, decided by a hash of (seed, id), so the assignment is
 * the same on every executor and in every run. Ids listed explicitly override the hash.</li>
 * <li>{@link Mode#TIME}: every series takes part in all three: its last {@code cutoffs} horizons are test windows
 * (rolling origins, one horizon apart), the horizon before them is the validation window, and the training windows
 * lie wholly before that.</li>
 * </ul>
 */
public record SplitSpec(Mode mode, double validation, double test, long seed, Set<String> validationIds,
                        Set<String> testIds, int cutoffs) implements Serializable {

    public enum Mode implements Keyed {
        SERIES, TIME
    }

    public SplitSpec {
        if (validation < 0 || test < 0 || validation + test >= 1) {
            throw new IllegalArgumentException("split.validation + split.test must be below 1 (some series must"
                    + " train) and neither negative, got " + validation + " + " + test);
        }
        if (cutoffs < 1) {
            throw new IllegalArgumentException("cutoffs must be >= 1, got " + cutoffs);
        }
        validationIds = Set.copyOf(validationIds);
        testIds = Set.copyOf(testIds);
    }

    /** The split section. */
    public static SplitSpec from(Settings s) {
        return Settings.checked(() -> new SplitSpec(s.oneOf("split.mode", Mode.class),
                s.doubleIn("split.validation", 0, 0.99), s.doubleIn("split.test", 0, 0.99), s.anyLong("split.seed"),
                s.stringSet("split.validation-ids"), s.stringSet("split.test-ids"), s.intIn("split.cutoffs", 1, 1000)));
    }

    /** A series split by hash with no explicit ids. */
    public static SplitSpec bySeries(double validation, double test, long seed) {
        return new SplitSpec(Mode.SERIES, validation, test, seed, Set.of(), Set.of(), 1);
    }

    /** Values at the end of each series that are never trained on (and so never used to fit a scaler). */
    public int heldOutTail(int horizon) {
        return mode == Mode.TIME ? horizon * (1 + cutoffs) : horizon;
    }

    /**
     * Values at the end of each series that the test forecasts (the in-sample part, for MASE's scale, is everything
     * before): the last {@code cutoffs} horizons in time mode; in series mode a test series' last horizon.
     */
    public int scoredTail(int horizon) {
        return mode == Mode.TIME ? horizon * cutoffs : horizon;
    }

    /**
     * The shortest series that is used. Without padding: the shortest that yields a full training window (after the
     * held-out horizons of a time split). With padding ({@link WindowSpec#pads()}): the shortest that can be
     * forecast, {@code fewestObserved} values before the test part (it may be too short to train on: the model is
     * global, and its forecast is still the series' own).
     */
    public int minLength(WindowSpec windows) {
        if (!windows.pads()) {
            return mode == Mode.TIME ? windows.length() + heldOutTail(windows.horizon()) : windows.length();
        }
        return windows.fewestObserved() + scoredTail(windows.horizon());
    }

    /**
     * Whether a series of {@code n} values gives a validation window (time split): when a full training window fits
     * before its validation horizon. A shorter one (only with padding) trains on everything before its test part
     * instead, so validation never takes a horizon from a series that cannot spare it; its scaler is fitted on that
     * part too ({@link #trainedPart}).
     */
    public boolean validates(int n, WindowSpec windows) {
        return mode == Mode.TIME && (!windows.pads() || n >= windows.length() + heldOutTail(windows.horizon()));
    }

    /** The values at the start of a series of {@code n} that may be trained on (and fit its scaler). */
    public int trainedPart(int n, WindowSpec windows) {
        if (mode == Mode.SERIES) {
            return n - windows.horizon();
        }
        return n - (validates(n, windows) ? heldOutTail(windows.horizon()) : scoredTail(windows.horizon()));
    }
}
