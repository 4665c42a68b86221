package io.rnnforecast.model;

import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.job.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model section as users write it: widths, output, linear, dropout, clipping and decay, and the errors. */
class ModelSpecConfigTest {
    @TempDir
    Path dir;

    private static ModelSpec model(String... overrides) {
        return ConfigLoader.load(null, List.of(overrides)).learning().model();
    }

    private static String refused(String... overrides) {
        return assertThrows(ConfigProblem.class, () -> model(overrides)).getMessage();
    }

    @Test
    void covariatesWidenTheInputAndFutureOnesRunIntoTheHorizon() {
        ModelSpec m = model("window.horizon=10", "data.covariates.historic=[temp]",
                "data.covariates.future=[promo, price]", "data.covariates.calendar=[hour, day-of-week]");
        // y, 1 historic, 2 future + 4 calendar channels, the horizon flag; 50 input + 10 horizon steps
        assertEquals(1 + 1 + 6 + 1, m.features());
        assertEquals(60, m.steps());
        ModelSpec historic = model("data.covariates.historic=[temp]");
        assertEquals(2, historic.features());
        assertEquals(50, historic.steps());
        assertEquals(1, model().features());
        assertEquals(50, model().steps());
        assertTrue(refused("data.covariates.future=[promo]", "model.strategy=iterative")
                .contains("data.covariates need model.strategy = direct"));
        assertTrue(refused("data.covariates.calendar=[moon]").contains(
                "month | day-of-week | hour | week-of-year"));
        assertTrue(refused("data.covariates.historic=[promo]", "data.covariates.future=[promo]")
                .contains("'promo' is listed twice"));
    }

    /**
     * model.static-input = initial-state: once the per-series channels are known (fitted), the first fused layer
     * reads them as its initial state, laid after y, the historic and the other future channels, and the rest
     * per step; refused where no fused one-way first layer takes them.
     */
    @Test
    void perSeriesChannelsCanBeTheFirstLayersInitialState() {
        ModelSpec m = model("window.horizon=10", "data.covariates.historic=[temp]", "data.covariates.future=[promo]",
                "model.static-input=initial-state", "model.cell=gru");
        // as fitted: 3 category channels among 1 + 3 future ones; features y, temp, promo, 3 categories, flag
        ModelSpec fitted = m.withCovariates(new io.rnnforecast.window.CovariateLayout(1, 4), 3);
        assertEquals(7, fitted.features());
        assertEquals(3, fitted.architecture().initialStateChannels());
        assertEquals(3, fitted.architecture().initialStateFrom());
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf = NetworkFactory.configuration(fitted);
        io.rnnforecast.model.layers.FusedRecurrentLayer first =
                (io.rnnforecast.model.layers.FusedRecurrentLayer) conf.getConf(0).getLayer();
        assertEquals(3, first.getInitialStateFrom());
        assertEquals(3, first.getInitialStateInputs());
        assertEquals(4, first.stepInputs());
        assertEquals(0, ((io.rnnforecast.model.layers.FusedRecurrentLayer) conf.getConf(1).getLayer())
                .getInitialStateInputs());
        // repeated (the default) keeps them as step inputs
        assertEquals(0, model("data.covariates.future=[promo]").withCovariates(
                new io.rnnforecast.window.CovariateLayout(0, 4), 3).architecture().initialStateChannels());
        assertTrue(refused("model.static-input=initial-state", "model.cell=jordan")
                .contains("model.static-input = initial-state needs a fused recurrent first layer"));
        assertTrue(refused("model.static-input=initial-state", "model.bidirectional=true")
                .contains("bidirectional"));
        assertTrue(refused("model.static-input=first").contains("model.static-input"));
    }

    @Test
    void oneWidthForEveryLayerKeepsTheName() {
        ModelSpec m = model();
        assertEquals(List.of(20, 20), m.units());
        assertEquals(2, m.layers());
        assertEquals(ModelSpec.Output.DENSE, m.output());
        assertEquals("lstm-2x20", m.displayName());
        assertEquals("gru-3x8", model("model.cell=gru", "model.layers=3", "model.units=8").displayName());
        // the same stack written as a list has the same name
        assertEquals("lstm-2x20", model("model.units=[20, 20]").displayName());
        assertEquals(0, m.dropout());
        assertEquals(0, m.gradientClip());
        assertFalse(m.learningRateDecay().enabled());
    }

    @Test
    void aListGivesTheDepthAndEachWidth() {
        ModelSpec m = model("model.cell=gru", "model.units=[32, 16, 8]");
        assertEquals(3, m.layers());
        assertEquals(List.of(32, 16, 8), m.units());
        assertEquals("gru-32-16-8", m.displayName());
        // layers given as well and agreeing is fine
        assertEquals(List.of(32, 16), model("model.units=[32, 16]", "model.layers=2").units());
    }

    @Test
    void anExplicitLayerCountThatDisagreesWithTheListIsRefusedNamingBoth() throws Exception {
        String e = refused("model.units=[20, 20, 20]", "model.layers=2");
        assertTrue(e.contains("model.layers is 2") && e.contains("model.units lists 3 widths [20, 20, 20]"), e);
        Path file = dir.resolve("m.conf");
        Files.writeString(file, "model { layers = 4 }\n");
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(file.toFile(), List.of("model.units=[8]")))
                .getMessage();
        assertTrue(e.contains("model.layers is 4") && e.contains("model.units lists 1 widths [8]"), e);
    }

    @Test
    void badWidthsAreRefusedByKey() {
        assertTrue(refused("model.units=[20, 0]").contains("Invalid value for model.units: [20,0]"));
        assertTrue(refused("model.units=[20, x]").contains("model.units"));
        assertTrue(refused("model.units=5000").contains("model.units: 5000 (allowed: 1..4096)"));
        assertTrue(refused("model.layers=17").contains("model.layers"));
    }

    @Test
    void recurrentOutputAddsALayerOfHorizonUnits() {
        ModelSpec m = model("model.cell=simple-rnn", "model.units=[20, 20]", "model.output=recurrent");
        assertEquals(List.of(20, 20, 1), m.recurrentWidths());
        assertEquals("simple-rnn-20-20-1", m.displayName());
        assertEquals("simple-rnn-20-20-10", model("model.cell=simple-rnn", "model.output=recurrent",
                "window.horizon=10").displayName());
        // no hidden layer: Géron's SimpleRNN(1)
        ModelSpec single = model("model.cell=simple-rnn", "model.layers=0", "model.output=recurrent");
        assertEquals(List.of(1), single.recurrentWidths());
        assertEquals("simple-rnn-1", single.displayName());
        assertEquals("simple-rnn-1", model("model.cell=simple-rnn", "model.units=[]", "model.output=recurrent")
                .displayName());
        assertTrue(refused("model.layers=0").contains("model.layers = 0 needs model.output = recurrent"));
        assertTrue(refused("model.output=sideways").contains("model.output: sideways (allowed: dense | recurrent)"));
    }

    @Test
    void linearTakesNoRecurrentSettings() {
        ModelSpec m = model("model.cell=linear");
        assertEquals("linear-adam", m.displayName(), "not the least-squares baseline's name");
        assertEquals(List.of(), m.units());
        assertTrue(refused("model.cell=linear", "model.units=20").contains("model.units"));
        assertTrue(refused("model.cell=linear", "model.layers=1").contains("drop model.layers"));
        assertTrue(refused("model.cell=linear", "model.output=recurrent").contains("model.cell = linear"));
        assertTrue(refused("model.cell=linear", "model.dropout=0.2").contains("model.cell = linear"));
    }

    @Test
    void optionsAreParsedAndChecked() {
        ModelSpec m = model("model.dropout=0.2", "model.gradient-clip=1.5",
                "model.learning-rate-decay={every-epochs = 5, factor = 0.5}");
        assertEquals(0.2, m.dropout());
        assertEquals(1.5, m.gradientClip());
        assertEquals(new ModelSpec.StepDecay(5, 0.5), m.learningRateDecay());
        assertTrue(m.learningRateDecay().enabled());
        assertTrue(refused("model.dropout=1").contains("model.dropout: 1.0 (allowed: 0.0..0.99)"));
        assertTrue(refused("model.dropout=0.2", "model.layers=1").contains("model.dropout = 0.2 applies between"
                + " recurrent layers, and this model has 1"));
        // one hidden layer and a recurrent output are two recurrent layers: dropout has a place
        assertEquals(0.2, model("model.dropout=0.2", "model.layers=1", "model.output=recurrent").dropout());
        assertTrue(refused("model.gradient-clip=-1").contains("model.gradient-clip"));
        assertTrue(refused("model.learning-rate-decay.factor=0").contains("model.learning-rate-decay.factor"));
        assertTrue(refused("model.learning-rate-decay.every-epochs=-1")
                .contains("model.learning-rate-decay.every-epochs"));
    }

    @Test
    void bidirectionalIsOffByDefaultAndPrefixesTheCell() {
        assertFalse(model().bidirectional());
        ModelSpec m = model("model.bidirectional=true");
        assertTrue(m.bidirectional());
        assertEquals("bilstm-2x20", m.displayName());
        assertEquals(List.of(true, true), List.of(m.isBidirectional(0), m.isBidirectional(1)));
        assertEquals(40, m.recurrentOutputSize(1));
        assertEquals("conv20k4s2-bigru-32-16", model("model.bidirectional=true", "model.cell=gru",
                "model.units=[32, 16]", "model.conv1d.filters=20").displayName());
        // the recurrent output layer stays forward: its units are the forecast
        ModelSpec out = model("model.bidirectional=true", "model.cell=simple-rnn", "model.units=[20]",
                "model.output=recurrent");
        assertEquals("bisimple-rnn-20-1", out.displayName());
        assertEquals(List.of(true, false), List.of(out.isBidirectional(0), out.isBidirectional(1)));
        assertEquals(List.of(40, 1), List.of(out.recurrentOutputSize(0), out.recurrentOutputSize(1)));
        assertTrue(refused("model.bidirectional=sideways").contains("Invalid value for model.bidirectional"));
    }

    @Test
    void bidirectionalIsRefusedWhereABackwardPassCannotGo() {
        String iterative = refused("model.bidirectional=true", "model.strategy=iterative");
        assertTrue(iterative.contains("needs model.strategy = direct, got iterative")
                && iterative.contains("cannot be stepped"), iterative);
        String seq2seq = refused("model.bidirectional=true", "model.strategy=seq2seq");
        assertTrue(seq2seq.contains("got seq2seq") && seq2seq.contains("the steps after t"), seq2seq);
        assertTrue(refused("model.bidirectional=true", "model.cell=linear")
                .contains("model.bidirectional = true needs hidden recurrent layers"));
        assertTrue(refused("model.bidirectional=true", "model.cell=simple-rnn", "model.layers=0",
                "model.output=recurrent").contains("a recurrent output layer stays forward"));
    }

    /** cell = jordan from the configuration, and what it refuses: its top layer is the output. */
    @Test
    void jordanIsReadAndItsTopLayerIsTheOutput() {
        ModelSpec m = model("model.cell=jordan", "model.units=[20]", "window.horizon=10", "model.strategy=seq2seq");
        assertEquals(ModelSpec.Cell.JORDAN, m.cell());
        assertEquals("jordan-1x20-seq2seq", m.displayName());
        for (String[] bad : List.of(new String[] {"model.output=recurrent"}, new String[] {"model.bidirectional=true"},
                new String[] {"task=classify-series", "data.generator=families"})) {
            List<String> keys = new ArrayList<>(List.of("model.cell=jordan"));
            keys.addAll(List.of(bad));
            assertTrue(refused(keys.toArray(String[]::new)).contains("model.cell = jordan feeds its forecast back"),
                    String.join(" ", bad));
        }
    }

    /** Every cell, both ways or one, uniform or not, and the baselines' rows: no two share a model column name. */
    @Test
    void bidirectionalNamesCollideWithNoOtherModel() {
        List<String> names = new ArrayList<>(io.rnnforecast.eval.Baselines.NAMES);
        names.add(model("model.cell=linear").displayName());
        for (ModelSpec.Cell cell : ModelSpec.Cell.values()) {
            if (cell == ModelSpec.Cell.LINEAR) {
                continue;
            }
            for (String units : List.of("[20, 20]", "[20, 10]")) {
                for (String both : cell == ModelSpec.Cell.JORDAN ? List.of("false") : List.of("true", "false")) {
                    names.add(model("model.cell=" + cell.key(), "model.units=" + units, "model.bidirectional=" + both)
                            .displayName());
                }
            }
        }
        Set<String> distinct = new HashSet<>(names);
        assertEquals(names.size(), distinct.size(), names.toString());
    }
}
