package io.rnnforecast.plots;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** The look shared by the run plots (white background, grid, fixed colours per role) and PNG encoding. */
final class ChartStyle {
    static final Color MODEL = new Color(0x1f77b4);
    static final Color NAIVE = new Color(0xff7f0e);
    static final Color ACTUAL = new Color(0x222222);
    static final Color INPUT = new Color(0x7f7f7f);
    static final BasicStroke SOLID = new BasicStroke(2f);
    static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private ChartStyle() {
    }

    static XYChart xy(int width, int height, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).theme(Styler.ChartTheme.Matlab).build();
        var s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xcfcfcf));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setMarkerSize(7);
        s.setLocale(Locale.ROOT);
        s.setChartPadding(12);
        return chart;
    }

    /** Styles a series: its colour, stroke and marker ({@code SeriesMarkers.NONE} for a plain line). */
    static XYSeries look(XYSeries series, Color color, BasicStroke stroke, Marker marker) {
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(color);
        series.setLineStyle(stroke);
        series.setMarkerColor(color);
        series.setMarker(marker);
        return series;
    }

    /** {@code marker} where points are few enough to tell apart, else none. */
    static Marker markerIf(boolean few, Marker marker) {
        return few ? marker : SeriesMarkers.NONE;
    }

    static byte[] png(XYChart chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Charts of the same size stacked in one column. */
    static byte[] png(List<XYChart> column) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(column, column.size(), 1, out, BitmapEncoder.BitmapFormat.PNG);
        return out.toByteArray();
    }

    /**
     * Labels for a log axis spanning {@code lo..hi}: 1, 2 and 5 of each decade over at most 3 decades, only the
     * powers of ten beyond (all nine per decade would overlap); other ticks stay unlabelled.
     */
    static java.util.function.Function<Double, String> logLabels(double lo, double hi) {
        boolean wide = Math.log10(hi / lo) > 3;
        return v -> {
            int exponent = (int) Math.floor(Math.log10(v) + 1e-9);
            double lead = v / Math.pow(10, exponent);
            long digit = Math.round(lead);
            if (Math.abs(lead - digit) > 1e-6 || !(digit == 1 || !wide && (digit == 2 || digit == 5))) {
                return "";
            }
            return exponent >= -4 && exponent <= 4 ? java.math.BigDecimal.valueOf(digit).scaleByPowerOfTen(exponent)
                    .stripTrailingZeros().toPlainString() : digit + "e" + exponent;
        };
    }

    /** Three significant digits, in a fixed locale (a decimal comma would read as a list). */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
