package io.rnnforecast.job;

import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.window.TargetBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheSourcesModel() {
        JobConfig c = ConfigLoader.load(null, List.of());
        assertEquals(2, c.learning().model().layers());
        assertEquals(List.of(20, 20), c.learning().model().units());
        assertEquals(0.001, c.learning().model().learningRate());
        assertEquals(50, c.learning().window().input());
        assertEquals(1, c.learning().window().horizon());
        assertEquals(0.2, c.learning().split().validation());
        assertEquals(0.1, c.learning().split().test());
        assertEquals("work/data/geron", c.data().path());
    }

    @Test
    void overridesWinOverTheFileAndSubstitutionsFollowThem() throws Exception {
        Path file = dir.resolve("my.conf");
        Files.writeString(file, "workdir = /data/x\nmodel { units = 64, layers = 3 }\n");
        JobConfig c = ConfigLoader.load(file.toFile(), List.of("model.units=32", "data.generator=damped-sine",
                "output.root=hdfs://nn:8020/tables", "split.test-ids=[a, b]"));
        assertEquals(List.of(32, 32, 32), c.learning().model().units());
        assertEquals(3, c.learning().model().layers());
        assertEquals("/data/x/data/damped-sine", c.data().path());
        assertEquals("hdfs://nn:8020/tables", c.outputRoot());
        assertEquals(java.util.Set.of("a", "b"), c.learning().split().testIds());
    }

    @Test
    void unknownKeyIsRejectedByName() {
        var e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of("model.unitz=3")));
        assertTrue(e.getMessage().contains("Unknown configuration key: model.unitz"), e.getMessage());
    }

    @Test
    void unknownKeyInAFileNamesTheFile() throws Exception {
        Path file = dir.resolve("typo.conf");
        Files.writeString(file, "train { epoch = 3 }\n");
        var e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(file.toFile(), List.of()));
        assertTrue(e.getMessage().contains("train.epoch") && e.getMessage().contains("typo.conf"), e.getMessage());
    }

    @Test
    void outOfRangeValueNamesTheKeyAndTheRange() {
        var e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of("model.layers=17")));
        assertEquals("Invalid value for model.layers: 17 (allowed: 0..16)", e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of("model.cell=transformer")));
        assertTrue(e.getMessage().startsWith("Invalid value for model.cell: transformer (allowed: "), e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of("train.epochs=many")));
        assertTrue(e.getMessage().startsWith("Invalid value for train.epochs: many (allowed: a whole number"),
                e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null,
                List.of("split.validation=0.6", "split.test=0.5")));
        assertTrue(e.getMessage().contains("split.validation + split.test"), e.getMessage());
    }

    @Test
    void theCombinationRuleIsReadCheckedAndRefusedWithDl4jsMaster() {
        var t = ConfigLoader.load(null, List.of("train.outer.learning-rate=0.7", "train.outer.momentum=0.9",
                "train.learning-rate-scaling=sqrt", "train.warmup-rounds=50")).learning().training();
        assertEquals(new io.rnnforecast.train.OuterOptimizer.Spec(0.7, 0.9, true, true), t.outer());
        assertEquals(new io.rnnforecast.train.WorkerLearningRate.Spec(
                io.rnnforecast.train.WorkerLearningRate.Rule.SQRT, 50, true, false), t.learningRate());
        // the default: auto, which keeps what the user set of the averaging frequency and the warm-up
        assertEquals(new io.rnnforecast.train.WorkerLearningRate.Spec(
                io.rnnforecast.train.WorkerLearningRate.Rule.AUTO, 0, false, true),
                ConfigLoader.load(null, List.of("train.averaging-frequency=20")).learning().training().learningRate());
        var e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of("train.outer.momentum=1")));
        assertTrue(e.getMessage().startsWith("Invalid value for train.outer.momentum: 1"), e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null,
                List.of("train.learning-rate-scaling=cubic")));
        assertEquals("Invalid value for train.learning-rate-scaling: cubic (allowed: none | linear | sqrt | auto)",
                e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null,
                List.of("train.engine=dl4j", "train.outer.momentum=0.5")));
        assertTrue(e.getMessage().contains("train.engine = dl4j averages only"), e.getMessage());
        // dl4j alone: dl4j-spark's plain averaging, whatever the rule's defaults are
        var dl4j = ConfigLoader.load(null, List.of("train.engine=dl4j")).learning().training();
        assertTrue(dl4j.outer().averages() && dl4j.learningRate().changesNothing());
    }

    @Test
    void choicesAreListedFromTheirEnums() {
        String[][] cases = {
                {"data.format=json", "Invalid value for data.format: json (allowed: parquet | csv)"},
                {"data.generator=walk", "Invalid value for data.generator: walk (allowed: geron | damped-sine | sine"
                        + " | geron-trend | families | promo | none)"},
                {"data.duplicates=first", "Invalid value for data.duplicates: first (allowed: keep-last | mean |"
                        + " reject-series)"},
                {"model.cell=transformer", "Invalid value for model.cell: transformer (allowed: lstm | gru |"
                        + " simple-rnn | ln-simple-rnn | peephole-lstm | jordan | dl4j-lstm | linear)"},
                {"scaling.constant=drop", "Invalid value for scaling.constant: drop (allowed: reject-series |"
                        + " shift-only)"},
                {"split.mode=random", "Invalid value for split.mode: random (allowed: series | time)"},
                {"train.engine=horovod", "Invalid value for train.engine: horovod (allowed: rounds | barrier | dl4j)"}};
        for (String[] c : cases) {
            var e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of(c[0])));
            assertEquals(c[1], e.getMessage());
        }
        JobConfig c = ConfigLoader.load(null, List.of("model.cell=simple-rnn", "data.duplicates=reject-series",
                "train.engine=dl4j", "data.format=csv", "data.generator=damped-sine"));
        assertEquals(io.rnnforecast.model.ModelSpec.Cell.SIMPLE_RNN, c.learning().model().cell());
        assertEquals(io.rnnforecast.series.RepairPolicy.Duplicates.REJECT_SERIES, c.data().repair().duplicates());
        assertEquals(io.rnnforecast.train.TrainingSpec.Engine.DL4J, c.learning().training().engine());
        assertEquals(io.rnnforecast.ingest.SourceFormat.CSV, c.data().format());
        assertEquals(io.rnnforecast.generate.GeneratorKind.DAMPED_SINE, c.data().generator());
    }

    @Test
    void theKeysTheUserSetAreKnown() {
        JobConfig c = ConfigLoader.load(null, List.of("split.seed=7", "model.units=8"));
        assertEquals(java.util.Set.of("split.seed", "model.units"), c.explicitKeys());
    }

    @Test
    void sparkConfPassesThroughUnchecked() {
        JobConfig c = ConfigLoader.load(null, List.of("spark.conf={\"spark.sql.shuffle.partitions\": 7}"));
        assertEquals("7", c.spark().conf().get("spark.sql.shuffle.partitions"));
    }

    @Test
    void everyShippedConfFileIsValid() {
        File[] files = new File("conf").listFiles((d, n) -> n.endsWith(".conf"));
        assertTrue(files != null && files.length > 0);
        for (File f : files) {
            ConfigLoader.load(f, List.of());
        }
    }

    @Test
    void theCatalogDefaultsToDerbyUnderTheWorkdirAndNeedsALocalDirectoryForIt() {
        var c = ConfigLoader.load(null, List.of("workdir=file:///data/x/")).catalog();
        assertTrue(c.enabled());
        assertEquals("rnn_forecast", c.database());
        assertEquals(Path.of("/data/x/catalog"), c.localDir());
        assertEquals("127.0.0.1", c.derbyHost());
        assertEquals(1527, c.derbyPort());
        var e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of("workdir=hdfs://nn/x")));
        assertTrue(e.getMessage().startsWith("catalog.dir must be a local directory for the Derby metastore, not"
                + " hdfs://nn/x/catalog"), e.getMessage());
        // with a Hive metastore, or without a catalog, the workdir may be anywhere
        ConfigLoader.load(null, List.of("workdir=hdfs://nn/x", "catalog.metastore-uri=thrift://ms:9083"));
        ConfigLoader.load(null, List.of("workdir=hdfs://nn/x", "catalog.enabled=false"));
        String[][] cases = {
                {"output.database=my-db", "Invalid value for output.database: my-db (allowed: letters, digits and"
                        + " '_' (at most 128))"},
                {"catalog.derby-server=localhost", "Invalid value for catalog.derby-server: localhost (allowed:"
                        + " host:port, or empty for embedded Derby only)"},
                {"catalog.metastore-uri=http://ms:9083", "catalog.metastore-uri must be thrift://host:port"
                        + " (comma-separated for several): http://ms:9083"}};
        for (String[] bad : cases) {
            e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of(bad[0])));
            assertEquals(bad[1], e.getMessage());
        }
    }

    @Test
    void commandLineExitsWithTwoAndTheMessageBeforeStartingSpark() {
        Refused.assertRefused("Invalid value for window.horizon: -1 (allowed: 1..10000)", "train", "--set",
                "window.horizon=-1");
        // auto is seasonal-naive only where a base can be added: resolved to none for the other strategies
        assertEquals(TargetBase.NONE, ConfigLoader.load(null, List.of("window.target-base=auto",
                "model.strategy=seq2seq")).learning().window().targetBase());
        assertEquals(TargetBase.AUTO, ConfigLoader.load(null, List.of("window.target-base=auto"))
                .learning().window().targetBase());
        Refused.assertRefused("window.target-base = seasonal-naive needs model.strategy = direct and task = forecast,"
                + " got seq2seq and forecast", "train", "--set", "window.target-base=seasonal-naive", "--set",
                "model.strategy=seq2seq");
    }

    @Test
    void ensembleLookbacksAreReadAndRefusedNamingTheKey() {
        assertEquals(List.of(), ConfigLoader.load(null, List.of()).learning().ensemble().lookbacks());
        var learning = ConfigLoader.load(null, List.of("window.input=30", "model.ensemble.members=3",
                "model.ensemble.lookbacks=[10, 20, 30]")).learning();
        assertEquals(List.of(10, 20, 30), learning.ensemble().lookbacks());
        assertEquals(10, learning.ensemble().member(learning.model(), 0).stepsRead());
        var e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of("window.input=30",
                "model.ensemble.lookbacks=[10, 31]")));
        assertEquals("Invalid value for model.ensemble.lookbacks: [10,31] (allowed: whole numbers in 1..30)",
                e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of("window.input=30",
                "model.ensemble.members=2", "model.ensemble.lookbacks=[30, 10]", "model.strategy=seq2seq")));
        assertTrue(e.getMessage().startsWith("model.ensemble.lookbacks = [30, 10], member 2: a lookback of 10 of"
                + " the window's 30 steps needs a recurrent cell, model.strategy = direct"), e.getMessage());
    }

    @Test
    void quantileListsAreReadAscendingAndBadOnesRefusedNamingTheKey() {
        assertEquals(List.of(), ConfigLoader.load(null, List.of()).learning().model().quantiles());
        var m = ConfigLoader.load(null, List.of("model.quantiles=[0.9, 0.1, 0.5]")).learning().model();
        assertEquals(List.of(0.1, 0.5, 0.9), m.quantiles());
        assertEquals(3, m.outputSize());
        assertEquals(List.of(0.25, 0.75), ConfigLoader.load(null, List.of("model.quantiles=[\"0.75\", 0.25]"))
                .learning().model().quantiles());
        String[][] cases = {
                {"model.quantiles=[0.1, 1.0]", "Invalid value for model.quantiles: [0.1, 1.0] (allowed: distinct"
                        + " numbers strictly between 0 and 1, e.g. [0.1, 0.5, 0.9]; 1.0 is not)"},
                {"model.quantiles=[0, 0.5]", "Invalid value for model.quantiles: [0.0, 0.5] (allowed: distinct"
                        + " numbers strictly between 0 and 1, e.g. [0.1, 0.5, 0.9]; 0.0 is not)"},
                {"model.quantiles=[-0.2]", "Invalid value for model.quantiles: [-0.2] (allowed: distinct numbers"
                        + " strictly between 0 and 1, e.g. [0.1, 0.5, 0.9]; -0.2 is not)"},
                {"model.quantiles=[0.5, 0.1, 0.5]", "Invalid value for model.quantiles: [0.1, 0.5, 0.5] (allowed:"
                        + " distinct numbers strictly between 0 and 1; 0.5 is given twice)"},
                {"model.quantiles=[low, high]", "Invalid value for model.quantiles: [\"low\",\"high\"] (allowed: a"
                        + " list of numbers, e.g. [0.1, 0.5, 0.9])"},
                {"model.quantiles=0.5", "Invalid value for model.quantiles: 0.5 (allowed: a list of numbers, e.g."
                        + " [0.1, 0.5, 0.9])"}};
        for (String[] c : cases) {
            var e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null, List.of(c[0])));
            assertEquals(c[1], e.getMessage());
        }
        // direct forecasting only, the pinball loss only
        var e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null,
                List.of("model.quantiles=[0.1, 0.9]", "model.strategy=seq2seq")));
        assertEquals("model.quantiles = [0.1, 0.9] needs model.strategy = direct (one output vector of horizon x"
                + " quantiles values), got model.strategy = seq2seq", e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null,
                List.of("model.quantiles=[0.1, 0.9]", "model.strategy=iterative")));
        assertTrue(e.getMessage().contains("model.strategy = iterative"), e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null,
                List.of("model.quantiles=[0.1, 0.9]", "task=classify-series", "data.generator=families")));
        assertTrue(e.getMessage().startsWith("model.quantiles = [0.1, 0.9] forecasts quantiles: it needs task ="
                + " forecast"), e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null,
                List.of("model.quantiles=[0.1, 0.9]", "model.loss=mae")));
        assertTrue(e.getMessage().startsWith("model.loss does not apply with model.quantiles"), e.getMessage());
        e = assertThrows(ConfigProblem.class, () -> ConfigLoader.load(null,
                List.of("model.quantiles=[0.1, 0.9]", "model.ensemble.members=3", "model.ensemble.losses=[mse, mae]")));
        assertTrue(e.getMessage().startsWith("model.ensemble.losses does not apply with model.quantiles"),
                e.getMessage());
        assertEquals(List.of(0.1, 0.9), ConfigLoader.load(null, List.of("model.quantiles=[0.1, 0.9]",
                "model.ensemble.members=3")).learning().model().quantiles());
        // the command line: exit code 2 and the message, before Spark starts
        Refused.assertRefused("Invalid value for model.quantiles: [0.1, 1.5]", "train", "--set",
                "model.quantiles=[0.1, 1.5]");
    }
}
