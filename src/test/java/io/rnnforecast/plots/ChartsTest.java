package io.rnnforecast.plots;

import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.TimeUnit;
import io.rnnforecast.train.EpochStats;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The charts render headless to PNGs of their documented size from hand-made inputs. With
 * -Dplots.preview=DIR the PNGs are also saved there, to look at.
 */
class ChartsTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** The PNG decoded (and saved under -Dplots.preview); for the other chart tests too. */
    static BufferedImage decoded(String name, byte[] png) throws IOException {
        String preview = System.getProperty("plots.preview");
        if (preview != null) {
            Files.createDirectories(Path.of(preview));
            Files.write(Path.of(preview, name), png);
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, name + " is not a PNG ImageIO reads");
        return image;
    }

    @Test
    void learningCurveWithAWideRangeOnALogAxis() throws IOException {
        List<EpochStats> epochs = new ArrayList<>();
        for (int e = 1; e <= 20; e++) {
            epochs.add(new EpochStats(e, 0.2 * Math.pow(0.7, e), 0.25 * Math.pow(0.72, e), 8000, 1.5, 13, 0.01));
        }
        var chart = LearningCurveChart.of("demo-run", "lstm-2x20", "MSE", epochs);
        assertEquals(true, chart.getStyler().isYAxisLogarithmic());
        BufferedImage image = decoded("learning-curve.png", ChartStyle.png(chart));
        assertEquals(LearningCurveChart.WIDTH, image.getWidth());
        assertEquals(LearningCurveChart.HEIGHT, image.getHeight());
    }

    @Test
    void forecastsOfThreeMonthlySeriesStackInOneImage() throws IOException {
        Frequency monthly = new Frequency(1, TimeUnit.MONTHS);
        long start = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
        List<ForecastTrace> traces = new ArrayList<>();
        String[] roles = {"best", "median", "worst"};
        for (int k = 0; k < 3; k++) {
            int input = 12;
            int horizon = 3;
            long[] inputKeys = new long[input];
            double[] values = new double[input];
            for (int i = 0; i < input; i++) {
                inputKeys[i] = monthly.advance(start, 24 + i);
                values[i] = 100 + 10 * Math.sin(i / 2.0) + k * 5;
            }
            long[] horizonKeys = new long[horizon];
            double[] actual = new double[horizon];
            double[] model = new double[horizon];
            double[] naive = new double[horizon];
            for (int i = 0; i < horizon; i++) {
                horizonKeys[i] = monthly.advance(start, 36 + i);
                actual[i] = 100 + 10 * Math.sin((input + i) / 2.0) + k * 5;
                model[i] = actual[i] + (k + 0.5) * (i % 2 == 0 ? 2 : -2);
                naive[i] = values[input - 1];
            }
            traces.add(new ForecastTrace(new SkillRanking.Pick(roles[k], "store-" + k, 1.0 + k, 4.0), monthly,
                    inputKeys, values, horizonKeys, actual, model, naive));
        }
        assertEquals("2023-01", Instant.ofEpochSecond(traces.get(0).horizonKeys()[0]).atOffset(ZoneOffset.UTC)
                .toLocalDate().toString().substring(0, 7));
        BufferedImage image = decoded("forecasts.png", ChartStyle.png(ForecastChart.of("demo-run", "gru-1x16",
                traces)));
        assertEquals(ForecastChart.WIDTH, image.getWidth());
        assertEquals(3 * ForecastChart.HEIGHT, image.getHeight());
    }

    @Test
    void logAxisLabelsOneTwoFiveOverFewDecadesElsePowersOfTen() {
        var narrow = ChartStyle.logLabels(1e-4, 0.1);
        assertEquals("0.0002", narrow.apply(2 * Math.pow(10, -4)));
        assertEquals("0.05", narrow.apply(0.05));
        assertEquals("", narrow.apply(3e-4));
        var wide = ChartStyle.logLabels(1e-7, 0.1);
        assertEquals("1e-7", wide.apply(1e-7));
        assertEquals("0.01", wide.apply(0.01));
        assertEquals("", wide.apply(2e-5));
    }

    @Test
    void errorDistributionOfTwoModels() throws IOException {
        double[] edges = new double[21];
        for (int i = 0; i <= 20; i++) {
            edges[i] = -7 + i * 0.3;   // six decades, as single-point errors spread
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        long[] model = new long[20];
        long[] naive = new long[20];
        for (int i = 0; i < 20; i++) {
            model[i] = Math.round(300 * Math.exp(-Math.pow((i - 6) / 3.0, 2)));
            naive[i] = Math.round(250 * Math.exp(-Math.pow((i - 13) / 3.5, 2)));
        }
        counts.put("lstm-2x20", model);
        counts.put("naive", naive);
        BufferedImage image = decoded("error-distribution.png", ChartStyle.png(ErrorChart.of("demo-run",
                "lstm-2x20", new ErrorHistogram(edges, counts, Map.of("lstm-2x20", 0L, "naive", 2L),
                        Map.of("lstm-2x20", 0.0012, "naive", 0.011)))));
        assertEquals(ErrorChart.WIDTH, image.getWidth());
        assertEquals(ErrorChart.HEIGHT, image.getHeight());
    }
}
