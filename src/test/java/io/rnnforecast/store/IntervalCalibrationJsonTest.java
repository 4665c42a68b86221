package io.rnnforecast.store;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * calibration.json keeps the interval scale's span and the windows per series; one saved before they existed reads
 * as 0 (the whole part) and 1 (the validation windows alone).
 */
class IntervalCalibrationJsonTest {
    @Test
    void theScaleSpanRoundTripsAndAnOldFileReadsAsTheWholeInSamplePart() throws Exception {
        IntervalCalibration c = new IntervalCalibration(List.of(80), Map.of("naive", new IntervalCalibration.Steps(
                new long[] {9, 9}, Map.of(80, new double[] {1.5, 2.5}))), List.of("seasonal_naive"), 52, 3);
        IntervalCalibration back = ModelStore.JSON.readValue(ModelStore.JSON.writeValueAsString(c),
                IntervalCalibration.class);
        assertEquals(52, back.scaleSteps());
        assertEquals(3, back.horizons());
        assertArrayEquals(new double[] {1.5, 2.5}, back.models().get("naive").halfWidths().get(80), 0.0);

        // as written before the span: levels, models, unscored only
        String old = "{\"levels\":[80],\"models\":{\"naive\":{\"n\":[9,9],\"halfWidths\":{\"80\":[1.5,2.5]}}},"
                + "\"unscored\":[]}";
        IntervalCalibration legacy = ModelStore.JSON.readValue(old, IntervalCalibration.class);
        assertEquals(0, legacy.scaleSteps());
        assertEquals(1, legacy.horizons(), "calibrated on the validation windows alone");
        assertEquals(List.of(80), legacy.levels());

        // calibrations over different spans do not mix
        IntervalCalibration other = new IntervalCalibration(List.of(80), Map.of(), List.of(), 0, 3);
        assertThrows(IllegalArgumentException.class, () -> c.with(other));
        // nor calibrations on different windows per series
        assertThrows(IllegalArgumentException.class, () -> c.with(new IntervalCalibration(List.of(80), Map.of(),
                List.of(), 52, 1)));
    }
}
