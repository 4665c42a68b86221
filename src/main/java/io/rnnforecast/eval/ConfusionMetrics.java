package io.rnnforecast.eval;

/**
 * Classification metrics from a confusion matrix {@code counts[actual][predicted]}: accuracy, and per class
 * precision tp / (tp + fp), recall tp / (tp + fn), F1 their harmonic mean and support (tp + fn). A class never
 * predicted has no precision (null), one never present no recall (null); macro F1 averages F1 over the classes
 * that are present or predicted, a class with no true positive counting 0 (scikit-learn's f1_score(average =
 * 'macro') with its default labels and zero_division = 0); F1 is null for a class neither present nor predicted.
 */
public record ConfusionMetrics(long n, double accuracy, Double[] precision, Double[] recall, Double[] f1,
                               long[] support, double macroF1) {

    public static ConfusionMetrics of(long[][] counts) {
        int c = counts.length;
        long n = 0;
        long correct = 0;
        long[] predicted = new long[c];
        long[] support = new long[c];
        for (int a = 0; a < c; a++) {
            for (int p = 0; p < c; p++) {
                n += counts[a][p];
                predicted[p] += counts[a][p];
                support[a] += counts[a][p];
            }
            correct += counts[a][a];
        }
        Double[] precision = new Double[c];
        Double[] recall = new Double[c];
        Double[] f1 = new Double[c];
        double f1Sum = 0;
        int present = 0;
        for (int k = 0; k < c; k++) {
            long tp = counts[k][k];
            precision[k] = predicted[k] == 0 ? null : tp / (double) predicted[k];
            recall[k] = support[k] == 0 ? null : tp / (double) support[k];
            if (support[k] == 0 && predicted[k] == 0) {
                continue;
            }
            f1[k] = tp == 0 ? 0.0 : 2 * precision[k] * recall[k] / (precision[k] + recall[k]);
            present++;
            f1Sum += f1[k];
        }
        return new ConfusionMetrics(n, n == 0 ? Double.NaN : correct / (double) n, precision, recall, f1, support,
                present == 0 ? Double.NaN : f1Sum / present);
    }
}
