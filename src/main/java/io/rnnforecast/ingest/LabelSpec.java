package io.rnnforecast.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * How the class column of a labelled dataset is read (the classification tasks): {@code classes} are the known
 * classes in index order (a trained model's), and rows with any other label are dropped as {@code unknown_label};
 * empty: the classes are the distinct labels of the data, sorted (training). Rows with a null label are dropped as
 * {@code null_label}. At most {@link #MAX_CLASSES} classes.
 */
public record LabelSpec(List<String> classes) implements Serializable {
    public static final int MAX_CLASSES = 1000;
    public static final LabelSpec LEARN = new LabelSpec(List.of());

    public LabelSpec {
        classes = List.copyOf(classes);
        if (classes.size() > MAX_CLASSES) {
            throw new IllegalArgumentException("at most " + MAX_CLASSES + " classes, got " + classes.size());
        }
    }

    public boolean learns() {
        return classes.isEmpty();
    }
}
