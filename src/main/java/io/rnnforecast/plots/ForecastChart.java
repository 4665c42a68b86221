package io.rnnforecast.plots;

import io.rnnforecast.series.TimeUnit;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/**
 * One picked series per chart: the input window the model saw, then from the cutoff the horizon's actual values,
 * the model's forecast with its prediction intervals shaded, and the naive one. The x axis is real time (UTC) for
 * dates and timestamps, else the step.
 */
final class ForecastChart {
    static final int WIDTH = 1100;
    static final int HEIGHT = 400;

    private ForecastChart() {
    }

    static List<XYChart> of(String runId, String model, List<ForecastTrace> traces) {
        List<XYChart> charts = new ArrayList<>();
        for (ForecastTrace t : traces) {
            charts.add(chart(runId, model, t));
        }
        return charts;
    }

    private static XYChart chart(String runId, String model, ForecastTrace t) {
        boolean time = t.frequency().unit() != TimeUnit.STEP;
        SkillRanking.Pick p = t.pick();
        String title = String.format("%s skill: series %s, skill %s = 1 - MAE %s / naive MAE %s (run %s)",
                p.role(), p.uniqueId(), ChartStyle.num(p.skill()), ChartStyle.num(p.maeModel()),
                ChartStyle.num(p.maeNaive()), runId);
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, title, time ? "time (UTC)" : "step (ds)", "y (data units)");
        int last = t.input().length - 1;
        // the horizon's lines start at the cutoff (last observed value) so they continue the input line
        long cutoff = t.inputKeys()[last];
        double observed = t.input()[last];
        boolean few = t.horizonKeys().length <= 30;
        ChartStyle.look(chart.addSeries("input (last " + t.input().length + " observed)", xs(t.inputKeys(), time),
                ys(t.input())), ChartStyle.INPUT, ChartStyle.SOLID, SeriesMarkers.NONE);
        List<?> horizonX = xs(prepend(cutoff, t.horizonKeys()), time);
        bands(chart, model, t, cutoff, observed, time);
        // the actual values last, on top: a good forecast would otherwise hide them
        ChartStyle.look(chart.addSeries("naive forecast", horizonX, ys(prepend(observed, t.naive()))),
                ChartStyle.NAIVE, ChartStyle.DASHED, ChartStyle.markerIf(few, SeriesMarkers.SQUARE));
        ChartStyle.look(chart.addSeries(model + " forecast", horizonX, ys(prepend(observed, t.model()))),
                ChartStyle.MODEL, ChartStyle.SOLID, ChartStyle.markerIf(few, SeriesMarkers.DIAMOND));
        ChartStyle.look(chart.addSeries("actual", horizonX, ys(prepend(observed, t.actual()))), ChartStyle.ACTUAL,
                ChartStyle.SOLID, ChartStyle.markerIf(few, SeriesMarkers.CIRCLE));
        AnnotationLine cutoffLine = new AnnotationLine(time ? cutoff * 1000.0 : cutoff, true, false);
        chart.addAnnotation(cutoffLine);
        var s = chart.getStyler();
        s.setAnnotationLineColor(new java.awt.Color(0xaaaaaa));
        s.setAnnotationLineStroke(ChartStyle.DASHED);
        if (time) {
            s.setTimezone(TimeZone.getTimeZone("UTC"));
            s.setDatePattern(datePattern(t));
        } else {
            s.setXAxisDecimalPattern("0");
        }
        return chart;
    }

    /**
     * The model's intervals as shaded bands, widest first (lighter), fanning out from the cutoff's observed value
     * (so a one-step horizon is a visible wedge); an unbounded interval (too few calibration scores) is not drawn.
     */
    private static void bands(XYChart chart, String model, ForecastTrace t, long cutoff, double observed,
                              boolean time) {
        int shade = 0;
        for (ForecastTrace.Band b : t.bands()) {
            boolean bounded = java.util.Arrays.stream(b.lo()).allMatch(Double::isFinite)
                    && java.util.Arrays.stream(b.hi()).allMatch(Double::isFinite);
            if (!bounded) {
                continue;
            }
            // the outline: cutoff, hi over the horizon, then lo back
            int h = t.horizonKeys().length;
            long[] keys = new long[2 * h + 1];
            double[] values = new double[2 * h + 1];
            keys[0] = cutoff;
            values[0] = observed;
            for (int i = 0; i < h; i++) {
                keys[1 + i] = t.horizonKeys()[i];
                values[1 + i] = b.hi()[i];
                keys[2 * h - i] = t.horizonKeys()[i];
                values[2 * h - i] = b.lo()[i];
            }
            Color fill = new Color(ChartStyle.MODEL.getRed(), ChartStyle.MODEL.getGreen(), ChartStyle.MODEL.getBlue(),
                    shade++ == 0 ? 45 : 80);
            XYSeries band = chart.addSeries(model + " " + b.level() + "% interval", xs(keys, time), ys(values));
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(fill);
            band.setLineColor(fill);
            band.setMarker(SeriesMarkers.NONE);
        }
    }

    /**
     * Whole dates when the series steps by days or months, else down to the minute. Even monthly data shows the
     * day: XChart spaces date ticks evenly in time, not on month starts, so "2022-11" could label 2022-11-20.
     */
    private static String datePattern(ForecastTrace t) {
        return t.frequency().unit() == TimeUnit.MONTHS || t.frequency().unit() == TimeUnit.BUSINESS_DAYS
                || t.frequency().every() % 86_400 == 0 ? "yyyy-MM-dd"
                : "MM-dd HH:mm";
    }

    private static List<?> xs(long[] keys, boolean time) {
        List<Object> out = new ArrayList<>(keys.length);
        for (long k : keys) {
            out.add(time ? new Date(k * 1000) : (Object) (double) k);
        }
        return out;
    }

    private static List<Double> ys(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    private static long[] prepend(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    private static double[] prepend(double first, double[] rest) {
        double[] out = new double[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
