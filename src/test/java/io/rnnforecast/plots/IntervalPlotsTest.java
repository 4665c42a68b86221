package io.rnnforecast.plots;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.eval.Prediction;
import io.rnnforecast.eval.PredictionIntervals;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.TimeUnit;
import io.rnnforecast.store.IntervalCalibration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interval plots: the forecast chart shades the model's bounded intervals (an unbounded one is left out), and
 * the calibration chart's empirical coverage per level and step is the share of points inside, by hand. With
 * -Dplots.preview=DIR the PNGs are saved there.
 */
class IntervalPlotsTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static BufferedImage decoded(String name, byte[] png) throws IOException {
        return ChartsTest.decoded(name, png);
    }

    @Test
    void theForecastChartShadesTheBoundedIntervals() throws IOException {
        Frequency steps = new Frequency(1, TimeUnit.STEP);
        int input = 10;
        int horizon = 4;
        long[] inputKeys = new long[input];
        double[] values = new double[input];
        for (int i = 0; i < input; i++) {
            inputKeys[i] = 30 + i;
            values[i] = 5 + Math.sin(i / 2.0);
        }
        long[] horizonKeys = {40, 41, 42, 43};
        double[] actual = {5.6, 5.1, 4.4, 4.2};
        double[] model = {5.4, 5.0, 4.7, 4.5};
        double[] naive = new double[horizon];
        java.util.Arrays.fill(naive, values[input - 1]);
        List<ForecastTrace.Band> bands = new ArrayList<>();
        double inf = Double.POSITIVE_INFINITY;
        bands.add(new ForecastTrace.Band(99, new double[] {-inf, -inf, -inf, -inf}, new double[] {inf, inf, inf, inf}));
        bands.add(new ForecastTrace.Band(95, new double[] {4.6, 4.0, 3.4, 3.0}, new double[] {6.2, 6.0, 6.0, 6.0}));
        bands.add(new ForecastTrace.Band(80, new double[] {5.0, 4.5, 4.0, 3.7}, new double[] {5.8, 5.5, 5.4, 5.3}));
        ForecastTrace trace = new ForecastTrace(new SkillRanking.Pick("best", "s1", 0.4, 1.0), steps, inputKeys,
                values, horizonKeys, actual, model, naive, bands);
        List<XYChart> charts = ForecastChart.of("demo-run", "lstm-1x8", List.of(trace));
        List<String> series = charts.get(0).getSeriesCollection().stream().map(s -> s.getName()).toList();
        assertTrue(series.contains("lstm-1x8 95% interval") && series.contains("lstm-1x8 80% interval"),
                series.toString());
        assertTrue(!series.contains("lstm-1x8 99% interval"), "an unbounded interval is not drawn");
        BufferedImage image = decoded("forecasts-intervals.png", ChartStyle.png(charts));
        assertEquals(ForecastChart.WIDTH, image.getWidth());
    }

    private static Row row(String model, String id, int step, double y, double yHat) {
        return RowFactory.create(model, id, 10, true, step, y, yHat, y, yHat, 9L, 9L + step, 1.0, null, null, 1.0, null);
    }

    @Test
    void calibrationIsTheShareOfPointsInsidePerModelLevelAndStep() throws IOException {
        double[] y = {0.5, 1.5, -0.2, 3};
        List<Row> rows = new ArrayList<>();
        for (String m : List.of("m", "naive")) {
            for (int step = 1; step <= 2; step++) {
                for (int i = 0; i < y.length; i++) {
                    rows.add(row(m, "s" + i, step, y[i], 0));
                }
            }
        }
        // m: half-widths 1 and 2 at step 1, 2 and 4 at step 2 (scale 1); naive: 0.1 everywhere
        IntervalCalibration calibration = new IntervalCalibration(List.of(80, 95), Map.of(
                "m", new IntervalCalibration.Steps(new long[] {9, 9}, Map.of(80, new double[] {1, 2},
                        95, new double[] {2, 4})),
                "naive", new IntervalCalibration.Steps(new long[] {9, 9}, Map.of(80, new double[] {0.1, 0.1},
                        95, new double[] {0.1, 0.1}))), List.of(), 0);
        Dataset<Row> predictions = PredictionIntervals.attach(SparkTestSession.get(),
                SparkTestSession.get().createDataFrame(rows, Prediction.SCHEMA), calibration, List.of(80, 95));
        List<CalibrationChart.Coverage> coverage = new ArrayList<>(CalibrationChart.coverage(predictions,
                List.of("m", "naive")));
        coverage.sort(Comparator.comparing(CalibrationChart.Coverage::model).thenComparing(
                CalibrationChart.Coverage::level).thenComparing(CalibrationChart.Coverage::step));
        // |y| = 0.5 1.5 0.2 3: inside +-1: 2 of 4; +-2: 3; +-4: 4; +-0.1: none
        assertEquals(List.of(
                new CalibrationChart.Coverage("m", 80, 1, 0.5, 4), new CalibrationChart.Coverage("m", 80, 2, 0.75, 4),
                new CalibrationChart.Coverage("m", 95, 1, 0.75, 4), new CalibrationChart.Coverage("m", 95, 2, 1.0, 4),
                new CalibrationChart.Coverage("naive", 80, 1, 0.0, 4),
                new CalibrationChart.Coverage("naive", 80, 2, 0.0, 4),
                new CalibrationChart.Coverage("naive", 95, 1, 0.0, 4),
                new CalibrationChart.Coverage("naive", 95, 2, 0.0, 4)), coverage);
        XYChart chart = CalibrationChart.of("demo-run", "m", coverage);
        assertEquals(4, chart.getSeriesCollection().size());
        BufferedImage image = decoded("calibration.png", ChartStyle.png(chart));
        assertEquals(CalibrationChart.WIDTH, image.getWidth());
        assertEquals(CalibrationChart.HEIGHT, image.getHeight());
        // without intervals there is nothing to draw
        assertEquals(List.of(), CalibrationChart.coverage(SparkTestSession.get().createDataFrame(rows,
                Prediction.SCHEMA), List.of("m")));
    }
}
