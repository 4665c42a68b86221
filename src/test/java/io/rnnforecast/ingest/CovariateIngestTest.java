package io.rnnforecast.ingest;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.series.RejectReason;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.ScalingPolicy;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Historic and future covariates through the one reader: types, nulls, repair on y's grid, per-series scalers. */
class CovariateIngestTest {
    /**
     * a: temp missing at step 2 (historic: interpolated between 10 and 14), a duplicated step 4 (keep-last keeps
     * temp 20 and promo 1). b: its step-2 row has no promo (a future covariate: the row is dropped and counted,
     * y and temp at step 2 interpolated like any gap). c: temp never given (rejected: nothing to repair from).
     */
    private static final List<String> ROWS = List.of(
            "a,0,1,10,0", "a,1,2,12,0", "a,2,3,,1", "a,3,4,14,0", "a,4,5,18,0", "a,4,6,20,1", "a,5,7,22,0",
            "b,0,1,5,1", "b,1,2,6,0", "b,2,3,7,", "b,3,4,8,0", "b,4,5,9,1",
            "c,0,1,,0", "c,1,2,,1", "c,2,3,,0", "c,3,4,,1");

    @TempDir
    Path dir;

    private String csv(List<String> rows) throws Exception {
        Path file = dir.resolve("covariates.csv");
        List<String> all = new ArrayList<>(List.of("unique_id,ds,y,temp,promo"));
        all.addAll(rows);
        Files.write(file, all);
        return file.toString();
    }

    /** Scalers fitted on all but the last 2 values (the held-out tail). */
    private static IngestSpec spec() {
        return new IngestSpec(SourceFormat.CSV, SeriesColumns.DEFAULT,
                new RepairPolicy(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE, null),
                new ScalingPolicy(Scaling.Method.NONE, ScalingPolicy.WhenConstant.REJECT_SERIES), 3, 2, 2, 1)
                .withCovariates(new CovariateSpec(List.of("temp"), List.of("promo")));
    }

    static Map<String, AssembledSeries> byId(SeriesIngest.Ingested in) {
        Map<String, AssembledSeries> out = new HashMap<>();
        for (Row r : in.series().collectAsList()) {
            AssembledSeries a = AssembledSeries.fromRow(r);
            out.put(a.uniqueId(), a);
        }
        return out;
    }

    @Test
    void repairsHistoricGapsDropsRowsWithoutTheirFutureValueAndScalesEachCovariatePerSeries() throws Exception {
        SeriesIngest.Ingested in = new SeriesIngest(SparkTestSession.get(), spec()).read(csv(ROWS));
        Map<String, AssembledSeries> s = byId(in);
        assertEquals(2, s.size(), s.keySet().toString());
        AssembledSeries a = s.get("a");
        assertArrayEquals(new double[] {1, 2, 3, 4, 6, 7}, a.values());
        assertArrayEquals(new double[] {10, 12, 13, 14, 20, 22}, a.covariates()[0]);
        assertArrayEquals(new double[] {0, 0, 1, 0, 1, 0}, a.covariates()[1]);
        // standard scaler on the first 6 - 2 = 4 steps: temp 10, 12, 13, 14 -> mean 12.25, population std
        double mean = (10 + 12 + 13 + 14) / 4.0;
        double var = (Math.pow(10 - mean, 2) + Math.pow(12 - mean, 2) + Math.pow(13 - mean, 2)
                + Math.pow(14 - mean, 2)) / 4;
        assertEquals(mean, a.covariateScaling()[0].center(), 1e-12);
        assertEquals(Math.sqrt(var), a.covariateScaling()[0].scale(), 1e-12);
        // promo 0, 0, 1, 0: mean 0.25, std sqrt(0.1875)
        assertEquals(0.25, a.covariateScaling()[1].center(), 1e-12);
        assertEquals(Math.sqrt(0.1875), a.covariateScaling()[1].scale(), 1e-12);
        assertEquals((20 - mean) / Math.sqrt(var), a.scaledCovariates()[0][4], 1e-12);

        AssembledSeries b = s.get("b");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, b.values());
        assertArrayEquals(new double[] {5, 6, 7, 8, 9}, b.covariates()[0]);
        // the dropped row's promo is a gap between 0 and 0
        assertArrayEquals(new double[] {1, 0, 0, 0, 1}, b.covariates()[1]);

        assertEquals(1L, in.counts().rowsDropped().get(RejectReason.NULL_FUTURE_COVARIATE.key()),
                in.counts().toString());
        assertEquals(1L, in.counts().seriesRejected().get(RejectReason.NULL_COVARIATE.key()),
                in.counts().toString());
        assertTrue(in.counts().balanced(), in.counts().toString());
        List<Row> rejects = in.rejects().where("unique_id = 'c'").collectAsList();
        assertEquals(RejectReason.NULL_COVARIATE.key(), rejects.get(0).getAs("reason"));
    }

    @Test
    void rowsWithoutYPastTheEndTellTheFutureCovariatesOfTheStepsToForecast() throws Exception {
        // e: y at steps 0..4, then steps 5 and 6 with promo only (temp, historic, is not read there); step 7 comes
        // after a missing step 6 of f, so f reaches one step past its end only. Step 2 of e has no y: a gap.
        List<String> rows = List.of(
                "e,0,1,10,0", "e,1,2,11,1", "e,2,,12,0", "e,3,4,13,1", "e,4,5,14,0", "e,5,,,1", "e,6,,,0",
                "f,0,1,10,0", "f,1,2,11,1", "f,2,3,12,0", "f,3,4,13,1", "f,4,5,14,0", "f,5,,,1", "f,7,,,1");
        IngestSpec needsTwo = spec().requiringFutureSteps(2);
        SeriesIngest.Ingested in = new SeriesIngest(SparkTestSession.get(), needsTwo).read(csv(rows));
        Map<String, AssembledSeries> s = byId(in);
        AssembledSeries e = s.get("e");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, e.values());
        assertArrayEquals(new double[] {10, 11, 12, 13, 14}, e.covariates()[0]);
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 1, 0}, e.covariates()[1]);
        assertEquals(7, e.observations(), "every row of the series, with or without y");
        assertEquals(1, e.filled(), "step 2 had no y");
        // f's future covariates reach one step past its end, not the two a forecast of this horizon needs
        assertEquals(1, s.size());
        assertEquals(1L, in.counts().seriesRejected().get(RejectReason.MISSING_FUTURE_COVARIATE.key()),
                in.counts().toString());
        assertTrue(in.counts().balanced(), in.counts().toString());
        // without the requirement f is read, its covariate one step longer than its values
        AssembledSeries f = byId(new SeriesIngest(SparkTestSession.get(), spec()).read(csv(rows))).get("f");
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 1}, f.covariates()[1]);
    }

    @Test
    void perSeriesColumnsMustHoldOneValueAndAreFittedAcrossSeries() throws Exception {
        Path file = dir.resolve("statics.csv");
        Files.write(file, List.of("unique_id,ds,y,size,region",
                "p,0,1,10,north", "p,1,2,10,north", "p,2,3,,north", "p,3,4,10,",
                "q,0,1,20,south", "q,1,2,20,south", "q,2,3,20,south", "q,3,4,20,south",
                "r,0,1,30,north", "r,1,2,30,west", "r,2,3,30,north",
                "u,0,1,,east", "u,1,2,,east", "u,2,3,,east"));
        IngestSpec read = spec().withCovariates(new CovariateSpec(List.of(), List.of(), List.of(),
                new StaticCovariates(List.of("size"), List.of("region"))));
        SeriesIngest.Ingested in = new SeriesIngest(SparkTestSession.get(), read).read(file.toString());
        Map<String, AssembledSeries> s = byId(in);
        // p: a missing size or region in some rows is fine, the others agree
        assertArrayEquals(new double[] {10}, s.get("p").statics());
        assertArrayEquals(new String[] {"north"}, s.get("p").categories());
        assertEquals(2, s.size(), s.keySet().toString());
        assertEquals(1L, in.counts().seriesRejected().get(RejectReason.STATIC_NOT_CONSTANT.key()),
                in.counts().toString());
        assertEquals(1L, in.counts().seriesRejected().get(RejectReason.NULL_STATIC.key()), in.counts().toString());
        // fitted over the used series p (10) and q (20): mean 15, population std 5; regions sorted
        StaticCovariates fitted = AssembledSeries.fitStatics(in.series(), read.covariates().statics());
        assertEquals(List.of(15.0), fitted.centers());
        assertEquals(List.of(5.0), fitted.scales());
        assertEquals(List.of(List.of("north", "south")), fitted.categories());
        assertArrayEquals(new double[] {1, 0, 1}, fitted.encode(new double[] {20}, new String[] {"south"}), 0);
    }

    @Test
    void aCovariateConstantInTheTrainingPartIsShiftedNotDivided() throws Exception {
        SeriesIngest.Ingested in = new SeriesIngest(SparkTestSession.get(), spec()).read(csv(List.of(
                "d,0,1,3,0", "d,1,2,3,0", "d,2,3,3,0", "d,3,4,3,1", "d,4,5,3,1")));
        AssembledSeries d = byId(in).get("d");
        assertEquals(3, d.covariateScaling()[0].center(), 0);
        assertEquals(1, d.covariateScaling()[0].scale(), 0);
        assertEquals(0, d.covariateScaling()[1].center(), 0);
        assertEquals(1, d.covariateScaling()[1].scale(), 0);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1}, d.scaledCovariates()[1]);
    }

    @Test
    void badCovariateColumnsAreNamedWithAnOffendingValue() throws Exception {
        String text = csv(List.of("a,0,1,10,0", "a,1,2,warm,0", "a,2,3,12,1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SeriesIngest(SparkTestSession.get(), spec()).read(text));
        assertTrue(e.getMessage().contains("covariate column 'temp' must be numeric, found 'warm'"), e.getMessage());

        IngestSpec missing = spec().withCovariates(new CovariateSpec(List.of("humidity"), List.of()));
        String ok = csv(ROWS);
        ConfigProblem p = assertThrows(ConfigProblem.class, () -> new SeriesIngest(SparkTestSession.get(),
                missing).read(ok));
        assertTrue(p.getMessage().contains("no covariate column 'humidity'"), p.getMessage());
        assertTrue(p.getMessage().contains(CovariateSpec.HISTORIC), p.getMessage());
    }

    @Test
    void aColumnHasOneRole() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CovariateSpec(List.of("promo"), List.of("promo")));
        assertTrue(e.getMessage().contains("'promo' is listed twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> spec().withCovariates(
                new CovariateSpec(List.of("y"), List.of())));
        assertTrue(e.getMessage().contains("'y' is the id, ds or y column"), e.getMessage());
    }

    @Test
    void withoutCovariatesTheSeriesCarryNone() throws Exception {
        IngestSpec plain = spec().withCovariates(CovariateSpec.NONE);
        AssembledSeries a = byId(new SeriesIngest(SparkTestSession.get(), plain).read(csv(ROWS))).get("a");
        assertNull(a.covariates());
        assertNull(a.scaledCovariates());
    }
}
