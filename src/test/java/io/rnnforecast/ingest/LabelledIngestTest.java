package io.rnnforecast.ingest;

import io.rnnforecast.SparkTestSession;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.ScalingPolicy;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The label column through the one reader: classes, dropped rows, and labels on the repaired grid. */
class LabelledIngestTest {
    /**
     * a: 5 steps, step 2 duplicated (labels up then down, keep-last keeps down), no gap. b: step 2 missing (filled:
     * its label is step 1's), one null label (dropped). c: one row labelled "sideways", unknown to a model trained
     * on up/down.
     */
    private static final List<String> ROWS = List.of(
            "a,0,1,up", "a,1,2,up", "a,2,3,up", "a,2,4,down", "a,3,5,down", "a,4,6,up",
            "b,0,1,down", "b,1,2,up", "b,3,4,down", "b,4,5,down", "b,5,6,", "b,6,7,up",
            "c,0,1,up", "c,1,2,down", "c,2,3,sideways", "c,3,4,down");

    @TempDir
    Path dir;

    private String csv() throws Exception {
        Path file = dir.resolve("labelled.csv");
        List<String> all = new ArrayList<>(List.of("unique_id,ds,y,class"));
        all.addAll(ROWS);
        Files.write(file, all);
        return file.toString();
    }

    private static IngestSpec spec(LabelSpec labels) {
        return new IngestSpec(SourceFormat.CSV, new SeriesColumns("unique_id", "ds", "y", "class"),
                new RepairPolicy(RepairPolicy.Duplicates.MEAN, RepairPolicy.Gaps.INTERPOLATE, null),
                new ScalingPolicy(Scaling.Method.NONE, ScalingPolicy.WhenConstant.REJECT_SERIES), 3, 0, 0, 0, labels);
    }

    private static Map<String, AssembledSeries> byId(SeriesIngest.Ingested in) {
        Map<String, AssembledSeries> out = new java.util.HashMap<>();
        for (Row r : in.series().collectAsList()) {
            AssembledSeries a = AssembledSeries.fromRow(r);
            out.put(a.uniqueId(), a);
        }
        return out;
    }

    @Test
    void learnsTheSortedClassesAndAlignsLabelsWithTheRepairedValues() throws Exception {
        SeriesIngest.Ingested in = new SeriesIngest(SparkTestSession.get(), spec(LabelSpec.LEARN)).read(csv());
        assertEquals(List.of("down", "sideways", "up"), in.classes());
        Map<String, AssembledSeries> s = byId(in);
        // a: the duplicated step 2 averages its values (mean) but keeps its last row's label
        assertArrayEquals(new double[] {1, 2, 3.5, 5, 6}, s.get("a").values());
        assertArrayEquals(new int[] {2, 2, 0, 0, 2}, s.get("a").labels());
        // b: the null-label row is dropped, so steps 2 and 5 are gaps: values interpolated, labels carried forward
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7}, s.get("b").values());
        assertArrayEquals(new int[] {0, 2, 2, 0, 0, 0, 2}, s.get("b").labels());
        assertEquals(1L, in.counts().rowsDropped().get(io.rnnforecast.series.RejectReason.NULL_LABEL.key()), in.counts().toString());
        assertTrue(in.counts().balanced(), in.counts().toString());
    }

    @Test
    void aModelsClassesDropUnknownLabelsAsCountedRejects() throws Exception {
        SeriesIngest.Ingested in = new SeriesIngest(SparkTestSession.get(), spec(new LabelSpec(List.of("down",
                "up")))).read(csv());
        assertEquals(List.of("down", "up"), in.classes());
        assertEquals(1L, in.counts().rowsDropped().get(io.rnnforecast.series.RejectReason.UNKNOWN_LABEL.key()), in.counts().toString());
        // c without its step 2 has a gap there, filled from step 1's label (down = 0)
        assertArrayEquals(new int[] {1, 0, 0, 0}, byId(in).get("c").labels());
        assertTrue(in.counts().balanced(), in.counts().toString());
    }

    @Test
    void aMissingLabelColumnOrASingleClassIsAClearError() throws Exception {
        IngestSpec missing = new IngestSpec(SourceFormat.CSV, new SeriesColumns("unique_id", "ds", "y", "label"),
                spec(LabelSpec.LEARN).repair(), spec(LabelSpec.LEARN).scaling(), 3, 0, 0, 0, LabelSpec.LEARN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SeriesIngest(SparkTestSession.get(), missing).read(csv()));
        assertTrue(e.getMessage().contains("'label'"), e.getMessage());

        Path one = dir.resolve("one.csv");
        Files.write(one, List.of("unique_id,ds,y,class", "a,0,1,up", "a,1,2,up", "a,2,3,up"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new SeriesIngest(SparkTestSession.get(), spec(LabelSpec.LEARN)).read(one.toString()));
        assertTrue(e.getMessage().contains("at least 2 classes"), e.getMessage());
    }
}
