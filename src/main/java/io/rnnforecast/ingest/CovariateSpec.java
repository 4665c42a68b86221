package io.rnnforecast.ingest;

import io.rnnforecast.config.Settings;
import io.rnnforecast.series.CalendarFeature;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The numeric columns of the long table read beside y ({@code data.covariates}), by what is known when:
 * {@code historic} ones up to each forecast origin only (the window's input steps), {@code future} ones for the
 * horizon too (planned prices and promotions, calendar flags: the window's input and target steps). Each is
 * repaired like y and scaled per series ({@link io.rnnforecast.ingest.AssembledSeries}); their names are part of a
 * model's recipe, so a model refuses data without them. Order: historic, then future (the network's input channels
 * after y, {@link #names()}); then the {@code calendar} features derived from each step's date
 * ({@link CalendarFeature}, known ahead by construction; two channels each); then the per-series
 * {@code statics} ({@link StaticCovariates}).
 */
public record CovariateSpec(List<String> historic, List<String> future, List<CalendarFeature> calendar,
                            StaticCovariates statics) implements Serializable {
    public static final String HISTORIC = "data.covariates.historic";
    public static final String FUTURE = "data.covariates.future";
    public static final CovariateSpec NONE = new CovariateSpec(List.of(), List.of());

    /** Columns only, no calendar features. */
    public CovariateSpec(List<String> historic, List<String> future) {
        this(historic, future, List.of());
    }

    /** No static covariates. */
    public CovariateSpec(List<String> historic, List<String> future, List<CalendarFeature> calendar) {
        this(historic, future, calendar, StaticCovariates.NONE);
    }

    public CovariateSpec {
        historic = historic == null ? List.of() : List.copyOf(historic);
        future = future == null ? List.of() : List.copyOf(future);
        calendar = calendar == null ? List.of() : List.copyOf(calendar);
        statics = statics == null ? StaticCovariates.NONE : statics;
        if (calendar.stream().distinct().count() != calendar.size()) {
            throw new IllegalArgumentException(CalendarFeature.KEY + ": a feature is listed twice in " + calendar);
        }
        Set<String> seen = new HashSet<>();
        for (String name : columns(historic, future, statics)) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("data.covariates: a column name is empty");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("data.covariates: column '" + name + "' is listed twice"
                        + " (historic " + historic + ", future " + future + ", static " + statics.numeric()
                        + ", categorical " + statics.categorical() + "); a column has one role");
            }
        }
    }

    public static CovariateSpec from(Settings s) {
        List<CalendarFeature> calendar = s.listOf(CalendarFeature.KEY, CalendarFeature.class);
        return Settings.checked(() -> new CovariateSpec(s.config().getStringList(HISTORIC),
                s.config().getStringList(FUTURE), calendar, new StaticCovariates(
                s.config().getStringList(StaticCovariates.NUMERIC),
                s.config().getStringList(StaticCovariates.CATEGORICAL))));
    }

    /** The same covariates with their per-series ones fitted ({@link StaticCovariates#fitted}). */
    public CovariateSpec withStatics(StaticCovariates fitted) {
        return new CovariateSpec(historic, future, calendar, fitted);
    }

    /** The channels the calendar features take: a sine and a cosine each. */
    public int calendarChannels() {
        return 2 * calendar.size();
    }

    /** Every covariate column, historic first: the order of their channels and of their values in a series. */
    public List<String> names() {
        return names(historic, future);
    }

    private static List<String> names(List<String> historic, List<String> future) {
        List<String> all = new ArrayList<>(historic);
        all.addAll(future);
        return all;
    }

    /** Every column read: the per-step ones ({@link #names()}), then the per-series ones. */
    public List<String> columns() {
        return columns(historic, future, statics);
    }

    private static List<String> columns(List<String> historic, List<String> future, StaticCovariates statics) {
        List<String> all = names(historic, future);
        all.addAll(statics.names());
        return all;
    }

    /** The numeric columns read, in the order of a row's covariate array: the per-step ones, the static ones. */
    public List<String> numericColumns() {
        List<String> all = names();
        all.addAll(statics.numeric());
        return all;
    }

    public int count() {
        return historic.size() + future.size();
    }

    /** Whether any covariate is read or derived (columns or calendar features). */
    public boolean any() {
        return count() > 0 || !calendar.isEmpty() || statics.any();
    }

    /** Whether covariate {@code i} (of {@link #names()}) is known for the horizon. */
    public boolean isFuture(int i) {
        return i >= historic.size();
    }

    /** Refuses a covariate that is also the id, ds, y or label column. */
    public void checkAgainst(SeriesColumns columns) {
        for (String name : columns()) {
            if (name.equals(columns.id()) || name.equals(columns.ds()) || name.equals(columns.y())) {
                throw new IllegalArgumentException("data.covariates: '" + name + "' is the id, ds or y column"
                        + " (data.columns); a covariate is another column of the long table");
            }
        }
    }
}
