package io.rnnforecast.plots;

import io.rnnforecast.train.EpochStats;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.List;

/** Training loss and validation MSE per epoch, both on the scaled axis the model trains on. */
final class LearningCurveChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 560;
    /** Beyond this ratio between the largest and smallest value the y axis is logarithmic. */
    private static final double LOG_RATIO = 10;

    private LearningCurveChart() {
    }

    static XYChart of(String runId, String model, String loss, List<EpochStats> epochs) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("the model has no training epochs");
        }
        double[] x = epochs.stream().mapToDouble(EpochStats::epoch).toArray();
        double[] training = epochs.stream().mapToDouble(EpochStats::trainingLoss).toArray();
        double[] validation = epochs.stream().mapToDouble(EpochStats::validationMse).toArray();
        boolean hasValidation = java.util.Arrays.stream(validation).allMatch(v -> Double.isFinite(v) && v > 0);
        double[] all = hasValidation ? concat(training, validation) : training;
        double lo = java.util.Arrays.stream(all).min().orElseThrow();
        double hi = java.util.Arrays.stream(all).max().orElseThrow();
        boolean log = lo > 0 && hi / lo > LOG_RATIO;
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, "Learning curve: run " + runId + ", " + model,
                "epoch", "loss on the scaled axis" + (log ? " (log scale)" : ""));
        Marker marker = ChartStyle.markerIf(epochs.size() <= 60, SeriesMarkers.CIRCLE);
        ChartStyle.look(chart.addSeries("training loss (" + loss + ", mean over minibatches)", x, training),
                ChartStyle.MODEL, ChartStyle.SOLID, marker);
        if (hasValidation) {
            ChartStyle.look(chart.addSeries("validation MSE (after the epoch)", x, validation), ChartStyle.NAIVE,
                    ChartStyle.SOLID, marker);
        }
        var s = chart.getStyler();
        s.setYAxisLogarithmic(log);
        if (log) {
            // a curve often spans only one or two decades: decade labels alone could be one or none
            s.setYAxisLogarithmicDecadeOnly(false);
            s.setYAxisTickLabelsFormattingFunction(ChartStyle.logLabels(lo, hi));
        }
        s.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        s.setXAxisDecimalPattern("0");
        s.setXAxisMin(x[0] - 0.25);
        s.setXAxisMax(x[x.length - 1] + 0.25);
        return chart;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
