package io.rnnforecast.api;

import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.job.ConfigLoader;
import org.apache.spark.ml.param.Param;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimator's Params: the configuration's keys, defaults and documentation, and its rules. */
class RnnForecasterParamsTest {

    @Test
    void defaultsAndDocumentationAreTheBundledConfigurations() {
        RnnForecaster forecaster = new RnnForecaster();
        // rnnforecast.conf: window.input = 50, model.cell = "lstm", model.units = 20, model.learning-rate = 0.001
        assertEquals(50, forecaster.getSetting("window.input"));
        assertEquals("lstm", forecaster.getSetting("model.cell"));
        assertArrayEquals(new int[] {20}, (int[]) forecaster.getSetting("model.units"));
        assertEquals(0.001, forecaster.getSetting("model.learning-rate"));
        assertEquals(42L, forecaster.getSetting("model.seed"));
        Param<?> input = forecaster.getParam("windowInput");
        assertTrue(input.doc().startsWith("Observed values fed to the model."), input.doc());
        assertTrue(forecaster.explainParam(forecaster.getParam("idCol")).contains("default: unique_id"));
        List<String> names = Arrays.stream(forecaster.params()).map(Param::name).toList();
        assertTrue(names.containsAll(List.of("idCol", "timeCol", "valueCol", "windowHorizon", "modelStrategy",
                "splitCutoffs", "trainEpochs", "checkpointDir")), names.toString());
        assertEquals(names.stream().sorted().toList(), names, "Spark ML lists Params by name");
    }

    @Test
    void settersAndTheConfigurationMakeTheSameSettings() {
        List<String> overrides = List.of("window.input=30", "window.horizon=7", "model.units=[32, 16]",
                "model.cell=gru", "split.mode=time", "split.cutoffs=2", "scaling.method=standard",
                "train.epochs=5", "model.seed=1234567890123");
        ForecastSettings fromCommandLine = ConfigLoader.load(null, overrides).learning();
        ForecastSettings fromSetters = new RnnForecaster().setInput(30).setHorizon(7).setUnits(32, 16)
                .setCell("gru").setSplitMode("time").setCutoffs(2).setScaling("standard").setEpochs(5)
                .setSeed(1234567890123L).settings();
        assertEquals(fromCommandLine, fromSetters);
        assertEquals(List.of(32, 16), fromSetters.model().units());
        ForecastSettings fromConfig = RnnForecaster.fromConfig(ConfigLoader.load(null, overrides).source())
                .settings();
        assertEquals(fromCommandLine, fromConfig);
    }

    @Test
    void intervalLevelsAreAListOfWholeNumbersLikeOnTheCommandLine() {
        RnnForecaster forecaster = new RnnForecaster();
        assertArrayEquals(new int[] {80, 95}, (int[]) forecaster.getSetting("evaluate.intervals.levels"));
        assertTrue(forecaster.getParam("evaluateIntervalsLevels").doc().startsWith("Central prediction intervals"));
        // one level stays a list (unlike model.units, whose single width is written back as a number)
        ForecastSettings one = forecaster.setIntervalLevels(90).settings();
        assertEquals(List.of(90), one.evaluation().intervals().levels());
        assertEquals(ConfigLoader.load(null, List.of("evaluate.intervals.levels=[90]")).learning().evaluation(),
                one.evaluation());
        assertTrue(!new RnnForecaster().setIntervalLevels().settings().evaluation().intervals().on());
        var e = assertThrows(ConfigProblem.class, () -> new RnnForecaster().setIntervalLevels(50, 100).settings());
        assertTrue(e.getMessage().startsWith("Invalid value for evaluate.intervals.levels"), e.getMessage());
        // none to calibrate on: refused when asked for, off by default
        e = assertThrows(ConfigProblem.class, () -> new RnnForecaster().setSetting("split.validation", 0.0)
                .setIntervalLevels(80).settings());
        assertTrue(e.getMessage().contains("needs a validation part"), e.getMessage());
        assertTrue(!new RnnForecaster().setSetting("split.validation", 0.0).settings().evaluation().intervals().on());
    }

    /**
     * Typesafe Config reads "0.0" as the integer 0, so a key whose default is written 0.0 must still be a double
     * Param: fractional values given through the configuration keep their fraction on the way to the settings
     * (train.outer.momentum = 0.5 once trained with 0). Every key written with a decimal point in the bundled file
     * is checked, found by its line in the file.
     */
    @Test
    void keysWrittenWithADecimalPointAreDoubleParams() throws Exception {
        List<String> lines;
        try (var in = RnnForecaster.class.getResourceAsStream("/rnnforecast.conf")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        com.typesafe.config.Config file = com.typesafe.config.ConfigFactory.parseResources("rnnforecast.conf");
        int checked = 0;
        for (String key : SettingParams.keys()) {
            // walked by hand: getValue would resolve the file's substitutions
            com.typesafe.config.ConfigValue value = file.root();
            for (String part : com.typesafe.config.ConfigUtil.splitPath(key)) {
                value = ((com.typesafe.config.ConfigObject) value).get(part);
            }
            int line = value.origin().lineNumber();
            if (lines.get(line - 1).matches("\\s*[a-z-]+\\s*=\\s*-?\\d+\\.\\d+\\s*(#.*)?")) {
                checked++;
                assertTrue(new RnnForecaster().getParam(SettingParams.paramName(key))
                        instanceof org.apache.spark.ml.param.DoubleParam, key);
            }
        }
        assertTrue(checked >= 9, "keys with a decimal default found: " + checked);
        var overrides = List.of("train.outer.momentum=0.5", "model.dropout=0.25", "model.gradient-clip=1.5",
                "train.early-stopping.min-delta=0.0001", "train.outer.learning-rate=0.7");
        ForecastSettings fromConfig = RnnForecaster.fromConfig(ConfigLoader.load(null, overrides).source())
                .settings();
        assertEquals(0.5, fromConfig.training().outer().momentum());
        assertEquals(0.7, fromConfig.training().outer().learningRate());
        assertEquals(0.25, fromConfig.model().dropout());
        assertEquals(1.5, fromConfig.model().gradientClip());
        assertEquals(0.0001, fromConfig.training().earlyStopping().minDelta());
        assertEquals(ConfigLoader.load(null, overrides).learning(), fromConfig);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        var e = assertThrows(ConfigProblem.class, () -> new RnnForecaster().setInput(0).settings());
        assertEquals("Invalid value for window.input: 0 (allowed: 1..100000)", e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> new RnnForecaster().setCell("transformer").settings());
        assertTrue(e.getMessage().startsWith("Invalid value for model.cell: transformer (allowed: lstm | gru"),
                e.getMessage());
        // a rule across keys, as the command line states it
        e = assertThrows(ConfigProblem.class, () -> new RnnForecaster().setCell("linear").setLayers(2).settings());
        assertTrue(e.getMessage().contains("model.layers"), e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> new RnnForecaster().setSetting("model.unitz", 3));
        assertTrue(e.getMessage().startsWith("Unknown setting model.unitz"), e.getMessage());
    }

    @Test
    void quantilesAreAListOfNumbersLikeOnTheCommandLine() {
        RnnForecaster forecaster = new RnnForecaster();
        assertArrayEquals(new double[0], (double[]) forecaster.getSetting("model.quantiles"), 0.0);
        assertTrue(forecaster.getParam("modelQuantiles").doc().startsWith("Quantile forecasts"),
                forecaster.getParam("modelQuantiles").doc());
        List<String> overrides = List.of("model.quantiles=[0.1, 0.5, 0.9]", "window.horizon=3");
        ForecastSettings fromCommandLine = ConfigLoader.load(null, overrides).learning();
        ForecastSettings fromSetters = new RnnForecaster().setQuantiles(0.9, 0.5, 0.1).setHorizon(3).settings();
        assertEquals(fromCommandLine, fromSetters);
        assertEquals(List.of(0.1, 0.5, 0.9), fromSetters.model().quantiles());
        assertEquals(9, fromSetters.model().outputSize());
        assertEquals(fromCommandLine, RnnForecaster.fromConfig(ConfigLoader.load(null, overrides).source())
                .settings());
        var e = assertThrows(ConfigProblem.class, () -> new RnnForecaster().setQuantiles(0.5, 1.5).settings());
        assertTrue(e.getMessage().startsWith("Invalid value for model.quantiles: [0.5, 1.5]"), e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> new RnnForecaster().setQuantiles(0.5).setStrategy("iterative")
                .settings());
        assertTrue(e.getMessage().contains("model.quantiles") && e.getMessage().contains("model.strategy"),
                e.getMessage());
    }
}
