package io.rnnforecast.model.layers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Test classes that run in double precision, ND4J's default types included, as FusedGradientCheckTest does. */
interface DoublePrecisionTests {

    @BeforeAll
    static void doublePrecision() {
        FusedGradientCheckTest.doublePrecision();
    }

    @AfterAll
    static void restore() {
        FusedGradientCheckTest.restore();
    }
}
