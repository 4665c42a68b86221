package io.rnnforecast.plots;

import io.rnnforecast.SparkTestSession;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Best, median and worst by skill = 1 - mae_model / mae_naive (series_metrics.skill), on series_metrics rows made by hand. */
class SkillRankingTest {
    private static final StructType METRICS = new StructType()
            .add("model", DataTypes.StringType)
            .add("unique_id", DataTypes.StringType)
            .add("step", DataTypes.IntegerType)
            .add("mae", DataTypes.DoubleType);

    /** Step-0 rows {id, mae_model, mae_naive} for model "m", plus step-1 rows that must be ignored. */
    private static Dataset<Row> metrics(Object[]... series) {
        List<Row> rows = new ArrayList<>();
        for (Object[] s : series) {
            rows.add(RowFactory.create("m", s[0], 0, s[1]));
            rows.add(RowFactory.create("naive", s[0], 0, s[2]));
            // per-step rows with the ranking reversed: only step 0 (all steps) counts
            rows.add(RowFactory.create("m", s[0], 1, (Double) s[2] * 7));
            rows.add(RowFactory.create("naive", s[0], 1, (Double) s[1] / 7));
        }
        return SparkTestSession.get().createDataFrame(rows, METRICS);
    }

    private static List<String> picked(Dataset<Row> metrics) {
        return SkillRanking.bestMedianWorst(SkillRanking.skills(metrics, "m")).stream()
                .map(p -> p.role() + ":" + p.uniqueId()).toList();
    }

    @Test
    void fiveSeries() {
        // skills: a 1 - 1/4 = 0.75, b 1 - 2/2 = 0, c 1 - 3/1 = -2, d 1 - 0.5/1 = 0.5, e 1 - 0.9/10 = 0.91;
        // z has naive MAE 0 (no skill) and y has no naive row: both left out.
        // Ascending: c -2, b 0, d 0.5, a 0.75, e 0.91 -> median at index (5 - 1) / 2 = 2: d.
        Dataset<Row> m = metrics(new Object[] {"a", 1.0, 4.0}, new Object[] {"b", 2.0, 2.0},
                new Object[] {"c", 3.0, 1.0}, new Object[] {"d", 0.5, 1.0}, new Object[] {"e", 0.9, 10.0},
                new Object[] {"z", 1.0, 0.0})
                .union(SparkTestSession.get().createDataFrame(List.of(RowFactory.create("m", "y", 0, 0.001)),
                        METRICS));
        List<SkillRanking.Pick> picks = SkillRanking.bestMedianWorst(SkillRanking.skills(m, "m"));
        assertEquals(List.of("best:e", "median:d", "worst:c"),
                picks.stream().map(p -> p.role() + ":" + p.uniqueId()).toList());
        assertEquals(0.91, picks.get(0).skill(), 1e-12);
        assertEquals(0.5, picks.get(1).maeModel(), 0);
        assertEquals(1.0, picks.get(1).maeNaive(), 0);
        assertEquals(-2.0, picks.get(2).skill(), 1e-12);
    }

    /**
     * 20,001 series with skills drawn from 500 values (many ties): the picks equal a sort of every series by hand
     * (ascending skill, then id; the median at index 10,000), so the banded median is exact.
     */
    @Test
    void manySeriesWithTiesGiveTheExactMedian() {
        java.util.Random random = new java.util.Random(7);
        int n = 20_001;
        Object[][] series = new Object[n][];
        for (int i = 0; i < n; i++) {
            series[i] = new Object[] {String.format("s%05d", random.nextInt(1_000_000)) + "-" + i,
                    1.0 + random.nextInt(500) / 100.0, 2.0};
        }
        List<Object[]> sorted = new ArrayList<>(List.of(series));
        java.util.Comparator<Object[]> bySkill = java.util.Comparator
                .comparingDouble(s -> 1 - (Double) s[1] / (Double) s[2]);
        sorted.sort(bySkill.thenComparing(s -> (String) s[0]));
        Object[] worst = sorted.get(0);
        Object[] median = sorted.get((n - 1) / 2);
        Object[] best = sorted.stream().filter(s -> s[1].equals(sorted.get(n - 1)[1]))
                .min(java.util.Comparator.comparing(s -> (String) s[0])).orElseThrow();
        assertEquals(List.of("best:" + best[0], "median:" + median[0], "worst:" + worst[0]), picked(metrics(series)));
    }

    @Test
    void fourSeriesTakeTheLowerMedian() {
        // ascending: c -2, b 0, d 0.5, a 0.75 -> index (4 - 1) / 2 = 1: b
        assertEquals(List.of("best:a", "median:b", "worst:c"), picked(metrics(new Object[] {"a", 1.0, 4.0},
                new Object[] {"b", 2.0, 2.0}, new Object[] {"c", 3.0, 1.0}, new Object[] {"d", 0.5, 1.0})));
    }

    @Test
    void tiesGoToTheSmallerIdAndCoincidingPicksAreJoined() {
        // p and q both have skill 0.5: best is p (smaller id), worst r (skill 0); ascending r, p, q -> median p
        assertEquals(List.of("best = median:p", "worst:r"), picked(metrics(new Object[] {"q", 1.0, 2.0},
                new Object[] {"p", 2.0, 4.0}, new Object[] {"r", 1.0, 1.0})));
        assertEquals(List.of("best = median = worst:only"), picked(metrics(new Object[] {"only", 1.0, 3.0})));
        assertEquals(List.of(), picked(metrics(new Object[] {"flat", 1.0, 0.0})));
    }
}
