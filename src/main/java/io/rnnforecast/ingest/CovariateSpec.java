package io.rnnforecast.ingest;

import io.rnnforecast.config.Settings;

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
 * after y, {@link #names()}).
 */
public record CovariateSpec(List<String> historic, List<String> future) implements Serializable {
    public static final String HISTORIC = "data.covariates.historic";
    public static final String FUTURE = "data.covariates.future";
    public static final CovariateSpec NONE = new CovariateSpec(List.of(), List.of());

    public CovariateSpec {
        historic = historic == null ? List.of() : List.copyOf(historic);
        future = future == null ? List.of() : List.copyOf(future);
        Set<String> seen = new HashSet<>();
        for (String name : names(historic, future)) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("data.covariates: a column name is empty");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("data.covariates: column '" + name + "' is listed twice"
                        + " (historic " + historic + ", future " + future + "); a column has one role");
            }
        }
    }

    public static CovariateSpec from(Settings s) {
        return Settings.checked(() -> new CovariateSpec(s.config().getStringList(HISTORIC),
                s.config().getStringList(FUTURE)));
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

    public int count() {
        return historic.size() + future.size();
    }

    public boolean any() {
        return count() > 0;
    }

    /** Whether covariate {@code i} (of {@link #names()}) is known for the horizon. */
    public boolean isFuture(int i) {
        return i >= historic.size();
    }

    /** Refuses a covariate that is also the id, ds, y or label column. */
    public void checkAgainst(SeriesColumns columns) {
        for (String name : names()) {
            if (name.equals(columns.id()) || name.equals(columns.ds()) || name.equals(columns.y())) {
                throw new IllegalArgumentException("data.covariates: '" + name + "' is the id, ds or y column"
                        + " (data.columns); a covariate is another column of the long table");
            }
        }
    }
}
