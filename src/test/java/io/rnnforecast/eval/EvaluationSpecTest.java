package io.rnnforecast.eval;

import com.typesafe.config.ConfigFactory;
import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** evaluate.baselines: known names only, naive and seasonal_naive required, the forecasters in the list's order. */
class EvaluationSpecTest {

    private static EvaluationSpec spec(String baselines) {
        return spec(baselines, "[]");
    }

    private static EvaluationSpec spec(String baselines, String combineWith) {
        return intervals(baselines, combineWith, "[80, 95]", "conformal");
    }

    private static EvaluationSpec intervals(String baselines, String combineWith, String levels, String method) {
        return EvaluationSpec.from(new Settings(ConfigFactory.parseString("evaluate { future = true, season = 0,"
                + " baselines = " + baselines + ", combine-with = " + combineWith + ", intervals { levels = "
                + levels + ", method = " + method + ", scale-horizons = 4, earlier-cutoffs = true,"
                + " calibration-horizons = 1 } }")));
    }

    @Test
    void intervalLevelsArePercentagesEachOnceAndTheMethodKnown() {
        IntervalSpec on = spec("[naive, seasonal_naive]").intervals();
        assertEquals(List.of(80, 95), on.levels());
        assertTrue(on.on());
        assertTrue(!intervals("[naive, seasonal_naive]", "[]", "[]", "conformal").intervals().on());
        assertTrue(!intervals("[naive, seasonal_naive]", "[]", "[80]", "none").intervals().on());
        for (String bad : new String[] {"[0, 95]", "[80, 100]", "[-5]", "[80.5]"}) {
            assertTrue(assertThrows(ConfigProblem.class, () -> intervals("[naive, seasonal_naive]", "[]", bad,
                    "conformal")).getMessage().contains("Invalid value for evaluate.intervals.levels"), bad);
        }
        assertTrue(assertThrows(ConfigProblem.class, () -> intervals("[naive, seasonal_naive]", "[]", "[95, 80, 95]",
                "conformal")).getMessage().contains("evaluate.intervals.levels names a level twice"));
        assertTrue(assertThrows(ConfigProblem.class, () -> intervals("[naive, seasonal_naive]", "[]", "[80]",
                "quantile")).getMessage().contains("evaluate.intervals.method"));
    }

    /** method = quantiles needs each level's bounds (100 -/+ L) / 200 among the network's quantiles. */
    @Test
    void quantileIntervalsNeedTheBoundsOfEveryLevel() {
        IntervalSpec quantiles = intervals("[naive, seasonal_naive]", "[]", "[80, 95]", "quantiles").intervals();
        assertTrue(quantiles.on());
        assertEquals(null, quantiles.quantilesMissing(List.of(0.025, 0.1, 0.5, 0.9, 0.975)));
        String missing = quantiles.quantilesMissing(List.of(0.1, 0.5, 0.9));
        assertTrue(missing.contains("needs the quantiles [0.025, 0.1, 0.9, 0.975]") && missing.endsWith(
                "missing [0.025, 0.975]"), missing);
        assertTrue(quantiles.quantilesMissing(List.of()).contains("model.quantiles is empty"));
        // conformal never needs quantiles
        assertEquals(null, spec("[naive, seasonal_naive]").intervals().quantilesMissing(List.of()));
        assertEquals(0.1, io.rnnforecast.model.Quantiles.centralBounds(80)[0], 0.0);
        assertEquals(0.975, io.rnnforecast.model.Quantiles.centralBounds(95)[1], 0.0);
        assertEquals(0.25, io.rnnforecast.model.Quantiles.centralBounds(50)[0], 0.0);
    }

    @Test
    void baselinesAreCheckedAndBuiltInOrder() {
        EvaluationSpec spec = spec("[naive, seasonal_naive, theta, ses, holt, damped, comb, naive2]");
        List<WindowForecaster> models = Baselines.of(spec.baselines(), null);
        assertEquals(List.of("naive", "seasonal_naive", "theta", "ses", "holt", "damped", "comb", "naive2"),
                models.stream().map(WindowForecaster::name).toList());
        // comb beside its three members is their mean; alone it fits them itself
        assertTrue(models.get(6) instanceof CombinedForecaster);
        assertTrue(!(Baselines.of(List.of("naive", "comb"), null).get(1) instanceof CombinedForecaster));
        // linear only where the model has one
        assertEquals(2, Baselines.of(spec("[naive, seasonal_naive, linear]").baselines(), null).size());
        assertTrue(assertThrows(ConfigProblem.class, () -> spec("[naive, seasonal_naive, arima]")).getMessage()
                .contains("arima (allowed: naive | seasonal_naive | linear | naive2 | ses | holt | damped | theta"
                        + " | comb)"));
        assertTrue(assertThrows(ConfigProblem.class, () -> spec("[naive, theta]")).getMessage()
                .contains("must include seasonal_naive"));
        assertTrue(assertThrows(ConfigProblem.class, () -> spec("[naive, seasonal_naive, ses, ses]")).getMessage()
                .contains("twice"));
        // combinations: of listed baselines only, each once
        assertEquals(List.of("theta"), spec("[naive, seasonal_naive, theta]", "[theta]").combineWith());
        assertTrue(assertThrows(ConfigProblem.class, () -> spec("[naive, seasonal_naive]", "[theta]")).getMessage()
                .contains("evaluate.combine-with: theta (a baseline of evaluate.baselines: naive | seasonal_naive)"));
        assertTrue(assertThrows(ConfigProblem.class, () -> spec("[naive, seasonal_naive]", "[naive, naive]"))
                .getMessage().contains("twice"));
    }
}
