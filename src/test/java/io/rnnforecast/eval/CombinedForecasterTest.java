package io.rnnforecast.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which forecasters a combination needs run beside it (to calibrate only the models a calibration lacks). */
class CombinedForecasterTest {
    /** A forecaster known by name only: never opened here. */
    private record Named(String name) implements WindowForecaster {
        @Override
        public Open open() {
            throw new UnsupportedOperationException(name);
        }
    }

    @Test
    void aCombinationNeedsItsMembersTransitivelyInListOrder() {
        CombinedForecaster ensemble = new CombinedForecaster("ens", List.of("m1", "m2"),
                CombinedForecaster.Combiner.MEDIAN);
        CombinedForecaster withTheta = new CombinedForecaster("ens+theta", List.of("ens", "theta"),
                CombinedForecaster.Combiner.MEAN);
        List<WindowForecaster> models = List.of(ensemble, new Named("m1"), new Named("m2"), new Named("naive"),
                new Named("theta"), withTheta);
        assertEquals(List.of("ens", "m1", "m2", "theta", "ens+theta"),
                CombinedForecaster.needed(models, List.of("ens+theta")).stream().map(WindowForecaster::name).toList());
        assertEquals(List.of("naive", "theta"), CombinedForecaster.needed(models, List.of("theta", "naive")).stream()
                .map(WindowForecaster::name).toList());
    }
}
