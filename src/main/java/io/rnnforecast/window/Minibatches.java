package io.rnnforecast.window;

import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Packs windows into DL4J minibatches: features {@code [batch, 1, input]} (DL4J's recurrent layout, one feature per
 * step) and labels {@code [batch, horizon]}. Spark-free; the batch layer calls it inside executors.
 */
public final class Minibatches {
    private Minibatches() {
    }

    public static DataSet of(List<Window> windows) {
        return of(windows, false);
    }

    /** With {@code masks}, padded windows' steps are masked ({@link WindowBlock#rows(int, int, LabelLayout, boolean)}). */
    public static DataSet of(List<Window> windows, boolean masks) {
        return of(windows, masks, CovariateLayout.NONE);
    }

    /** Windows whose covariates ({@link Window#covariates()}) are laid out as {@code covariates}. */
    public static DataSet of(List<Window> windows, boolean masks, CovariateLayout covariates) {
        Window first = windows.get(0);
        int covariateSteps = covariates.any() ? first.covariates()[0].length : 0;
        return WindowBlock.ofWindows(windows, first.input().length, first.target().length, covariates,
                        covariateSteps)
                .rows(0, windows.size(), Targets.HORIZON, masks);
    }

    /** Groups an iterator of windows into lists of at most {@code size}. */
    public static Iterator<List<Window>> grouped(Iterator<Window> windows, int size) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return windows.hasNext();
            }

            @Override
            public List<Window> next() {
                List<Window> batch = new ArrayList<>(size);
                while (windows.hasNext() && batch.size() < size) {
                    batch.add(windows.next());
                }
                return batch;
            }
        };
    }
}
