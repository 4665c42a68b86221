package io.rnnforecast.plots;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.Map;

/** The per-series MSE histograms of the model and the naive baseline, as outlines on one log-scaled x axis. */
final class ErrorChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 560;

    private ErrorChart() {
    }

    static XYChart of(String runId, String model, ErrorHistogram h) {
        long series = h.counts().values().stream().mapToLong(c -> java.util.Arrays.stream(c).sum()).max()
                .orElse(0) + h.zeros().values().stream().mapToLong(Long::longValue).max().orElse(0);
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, "Per-series test MSE: run " + runId + ", " + model
                        + " vs naive (" + series + " series)",
                "MSE of a series over its test horizon (data units squared, log scale)", "number of series");
        for (Map.Entry<String, long[]> e : h.counts().entrySet()) {
            String name = e.getKey();
            long zeros = h.zeros().getOrDefault(name, 0L);
            String label = name + " (median " + ChartStyle.num(h.medians().getOrDefault(name, Double.NaN)) + ")"
                    + (zeros > 0 ? ", " + zeros + " with MSE 0 not shown" : "");
            Color color = name.equals(model) ? ChartStyle.MODEL : ChartStyle.NAIVE;
            ChartStyle.look(chart.addSeries(label, outlineX(h.edges()), outlineY(e.getValue())), color,
                    name.equals(model) ? ChartStyle.SOLID : ChartStyle.DASHED, SeriesMarkers.NONE);
        }
        long highest = h.counts().values().stream().flatMapToLong(java.util.Arrays::stream).max().orElse(1);
        var s = chart.getStyler();
        s.setYAxisMax(highest * 1.25);   // headroom for the legend above the highest bin
        s.setXAxisLogarithmic(true);
        s.setXAxisLogarithmicDecadeOnly(false);
        s.setXAxisTickLabelsFormattingFunction(ChartStyle.logLabels(Math.pow(10, h.edges()[0]),
                Math.pow(10, h.edges()[h.edges().length - 1])));
        s.setYAxisMin(0.0);
        s.setYAxisDecimalPattern("0");
        s.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        return chart;
    }

    /** A histogram's outline: from 0 at the first edge, along each bin's top, back to 0 at the last edge. */
    private static double[] outlineX(double[] log10Edges) {
        int bins = log10Edges.length - 1;
        double[] x = new double[2 * bins + 2];
        x[0] = Math.pow(10, log10Edges[0]);
        for (int i = 0; i < bins; i++) {
            x[2 * i + 1] = Math.pow(10, log10Edges[i]);
            x[2 * i + 2] = Math.pow(10, log10Edges[i + 1]);
        }
        x[x.length - 1] = Math.pow(10, log10Edges[bins]);
        return x;
    }

    private static double[] outlineY(long[] counts) {
        double[] y = new double[2 * counts.length + 2];
        for (int i = 0; i < counts.length; i++) {
            y[2 * i + 1] = counts[i];
            y[2 * i + 2] = counts[i];
        }
        return y;
    }
}
