package io.rnnforecast.plots;

import io.rnnforecast.eval.Baselines;
import io.rnnforecast.eval.Prediction;
import io.rnnforecast.eval.PredictionIntervals;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Interval calibration: per level and horizon step, the share of the test points inside their interval (empirical
 * coverage) against the level itself (nominal, a grey line), for the model (solid) and naive (dashed). The
 * coverage is aggregated on the executors: one row per model, level and step reaches the driver.
 */
final class CalibrationChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    /** One colour per level, in level order. */
    private static final Color[] LEVEL_COLORS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xd62728), new Color(0x8c564b)};

    private CalibrationChart() {
    }

    /** One measured point: empirical coverage of {@code model}'s {@code level}% intervals at {@code step}. */
    record Coverage(String model, int level, int step, double coverage, long n) {
    }

    /** The coverage of {@code models}' intervals per level and step, from Prediction rows with lo/hi maps. */
    static List<Coverage> coverage(Dataset<Row> predictions, List<String> models) {
        if (!Arrays.asList(predictions.columns()).contains(PredictionIntervals.LO)) {
            return List.of();
        }
        Dataset<Row> points = predictions.where(col(Prediction.Y).isNotNull()
                        .and(col(Prediction.MODEL).isin(models.toArray())).and(col(PredictionIntervals.LO).isNotNull()))
                .select(col(Prediction.MODEL), col(Prediction.STEP), col(Prediction.Y),
                        explode(col(PredictionIntervals.LO)).as(new String[] {"level", "lo"}),
                        col(PredictionIntervals.HI));
        Column covered = when(col(Prediction.Y).geq(col("lo"))
                .and(col(Prediction.Y).leq(col(PredictionIntervals.HI).apply(col("level")))), 1.0).otherwise(0.0);
        List<Coverage> out = new ArrayList<>();
        for (Row r : points.groupBy(col(Prediction.MODEL), col("level"), col(Prediction.STEP))
                .agg(avg(covered), count(lit(1))).collectAsList()) {
            out.add(new Coverage(r.getString(0), r.getInt(1), r.getInt(2), r.getDouble(3), r.getLong(4)));
        }
        return out;
    }

    static XYChart of(String runId, String model, List<Coverage> points) {
        TreeSet<Integer> levels = new TreeSet<>();
        points.forEach(p -> levels.add(p.level()));
        long n = points.stream().filter(p -> p.model().equals(model)).mapToLong(Coverage::n).max().orElse(0);
        XYChart chart = ChartStyle.xy(WIDTH, HEIGHT, String.format("Interval calibration: %s, %,d test points a step"
                + " (run %s)", model, n, runId), "horizon step", "empirical coverage (grey: nominal)");
        int k = 0;
        for (int level : levels) {
            Color color = LEVEL_COLORS[k++ % LEVEL_COLORS.length];
            for (String m : List.of(model, Baselines.NAIVE)) {
                TreeMap<Integer, Double> byStep = new TreeMap<>();
                points.stream().filter(p -> p.model().equals(m) && p.level() == level)
                        .forEach(p -> byStep.put(p.step(), p.coverage()));
                if (byStep.isEmpty()) {
                    continue;
                }
                List<Double> x = byStep.keySet().stream().map(Integer::doubleValue).toList();
                ChartStyle.look(chart.addSeries(m + " " + level + "%", x, new ArrayList<>(byStep.values())), color,
                        m.equals(model) ? ChartStyle.SOLID : ChartStyle.DASHED,
                        m.equals(model) ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
            }
            chart.addAnnotation(new AnnotationLine(level / 100.0, false, false));
        }
        var s = chart.getStyler();
        s.setAnnotationLineColor(new Color(0x999999));
        s.setAnnotationLineStroke(ChartStyle.DASHED);
        s.setXAxisDecimalPattern("0");
        s.setYAxisMax(1.0);
        return chart;
    }
}
