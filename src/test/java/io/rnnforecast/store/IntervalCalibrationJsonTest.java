package io.rnnforecast.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** calibration.json keeps the interval scale's span; one saved before the span existed reads as 0 (whole part). */
class IntervalCalibrationJsonTest {
    @Test
    void theScaleSpanRoundTripsAndAnOldFileReadsAsTheWholeInSamplePart() throws Exception {
        IntervalCalibration c = new IntervalCalibration(List.of(80), Map.of("naive", new IntervalCalibration.Steps(
                new long[] {9, 9}, Map.of(80, new double[] {1.5, 2.5}))), List.of("seasonal_naive"), 52);
        IntervalCalibration back = ModelStore.JSON.readValue(ModelStore.JSON.writeValueAsString(c),
                IntervalCalibration.class);
        assertEquals(52, back.scaleSteps());
        assertArrayEquals(new double[] {1.5, 2.5}, back.models().get("naive").halfWidths().get(80), 0.0);

        // as written before the span: levels, models, unscored only
        String old = "{\"levels\":[80],\"models\":{\"naive\":{\"n\":[9,9],\"halfWidths\":{\"80\":[1.5,2.5]}}},"
                + "\"unscored\":[]}";
        IntervalCalibration legacy = ModelStore.JSON.readValue(old, IntervalCalibration.class);
        assertEquals(0, legacy.scaleSteps());
        assertEquals(List.of(80), legacy.levels());

        // calibrations over different spans do not mix
        IntervalCalibration other = new IntervalCalibration(List.of(80), Map.of(), List.of(), 0);
        assertThrows(IllegalArgumentException.class, () -> c.with(other));
    }
}
