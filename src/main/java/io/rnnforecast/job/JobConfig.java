package io.rnnforecast.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.config.Keyed;
import io.rnnforecast.config.Settings;
import io.rnnforecast.generate.SeriesGenerator;
import io.rnnforecast.ingest.DataSpec;
import io.rnnforecast.ingest.IngestSpec;
import io.rnnforecast.ingest.LabelSpec;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.output.CatalogSpec;
import io.rnnforecast.output.ResultTables;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.train.TrainingSpec;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.WindowSpec;

import io.rnnforecast.eval.EvaluationSpec;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The validated, immutable job configuration: one record per section, each parsing and checking its own keys
 * ({@code DataSpec.from}, {@code WindowSpec.from}, ...). {@code source} is the resolved configuration (recorded
 * with every model and run); {@code explicitKeys} are the keys the user set (--conf file and --set), which a
 * trained model's settings are checked against.
 */
public record JobConfig(String runId, SparkSettings spark, DataSpec data, WindowSpec window, SplitSpec split,
                        ScalingPolicy scaling, ModelSpec model, TrainingSpec training, String modelDir,
                        String outputRoot, boolean plots, CatalogSpec catalog, EvaluationSpec evaluation,
                        Resume resume, Config source, Set<String> explicitKeys) {

    /** train.resume: continue an interrupted run id from its checkpoint, or always start from scratch. */
    public enum Resume implements Keyed {
        AUTO, NEVER
    }

    /** The spark section. */
    public record SparkSettings(String master, String appName, Map<String, String> conf) {
        static SparkSettings from(Settings s) {
            Map<String, String> conf = new LinkedHashMap<>();
            for (Map.Entry<String, ConfigValue> e : s.config().getConfig("spark.conf").entrySet()) {
                conf.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped()));
            }
            return new SparkSettings(s.string("spark.master"), s.nonEmpty("spark.app-name"), conf);
        }
    }

    static JobConfig from(Config resolved, Set<String> explicitKeys) {
        Settings s = new Settings(resolved, explicitKeys);
        String runId = s.string("run-id");
        if (!runId.isEmpty() && !runId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw Settings.invalid("run-id", runId, "letters, digits, '.', '_' and '-' (at most 100)");
        }
        WindowSpec window = WindowSpec.from(s);
        SplitSpec split = SplitSpec.from(s);
        ModelSpec model = ModelSpec.from(s, window);
        if (model.task().classifies() && split.mode() != SplitSpec.Mode.SERIES) {
            throw Settings.invalid("split.mode", split.mode().key(), "series with task = " + model.task().key()
                    + " (a classifier is tested on series it never saw)");
        }
        return new JobConfig(runId, SparkSettings.from(s), DataSpec.from(s), window, split,
                ScalingPolicy.from(s), model, TrainingSpec.from(s), s.nonEmpty("train.model-dir"),
                s.nonEmpty("output.root"), s.bool("output.plots"), CatalogSpec.from(s), EvaluationSpec.from(s),
                s.oneOf("train.resume", Resume.class), resolved,
                Set.copyOf(explicitKeys));
    }

    static JobConfig from(Config resolved) {
        return from(resolved, Set.of());
    }

    public boolean generates() {
        return data.generates();
    }

    /** The generator {@code generate} uses; its series are exactly one window long. */
    public SeriesGenerator generator() {
        if (!generates()) {
            throw new ConfigProblem("data.generator is none: nothing to generate");
        }
        if (data.generator().labelled() != model.task().classifies()) {
            throw new ConfigProblem("Invalid value for data.generator: " + data.generator().key() + " ("
                    + (data.generator().labelled() ? "it writes labels, for task = label-steps (geron-trend) or"
                    + " classify-series (families), and task is " + model.task().key()
                    : "task = " + model.task().key() + " needs a labelled generator: geron-trend for label-steps,"
                    + " families for classify-series, or none for your own labelled data at data.path") + ")");
        }
        return data.generator().create(window.input(), window.horizon());
    }

    /** The split, with the ids the configured generator reserves (the sine's test series) added to the listed ones. */
    public SplitSpec effectiveSplit() {
        if (!generates()) {
            return split;
        }
        SeriesGenerator generator = generator();
        var validationIds = new HashSet<>(split.validationIds());
        var testIds = new HashSet<>(split.testIds());
        validationIds.addAll(generator.idsReservedFor("validation"));
        testIds.addAll(generator.idsReservedFor("test"));
        return new SplitSpec(split.mode(), split.validation(), split.test(), split.seed(), validationIds, testIds,
                split.cutoffs());
    }

    /** evaluate.future: also forecast past the end of every series. */
    public boolean futureForecasts() {
        return evaluation.future();
    }

    public JobConfig withRunId(String id) {
        return new JobConfig(id, spark, data, window, split, scaling, model, training, modelDir, outputRoot,
                plots, catalog, evaluation, resume, source, explicitKeys);
    }

    /** The result tables under output.root, registered in the catalog when it is enabled. */
    public ResultTables resultTables(org.apache.spark.sql.SparkSession spark) {
        return new ResultTables(spark, outputRoot, catalog);
    }

    /** How the reader turns data.path into regular, scaled series for training. */
    public IngestSpec ingestSpec() {
        if (model.task().classifies()) {
            return TrainedModel.classificationIngest(data.format(), data.columns(), data.repair(), scaling, window,
                    LabelSpec.LEARN);
        }
        return new IngestSpec(data.format(), data.columns(), data.repair(), scaling, split.minLength(window),
                split.heldOutTail(window.horizon()), split.scoredTail(window.horizon()), evaluation.season());
    }

    /** The settings a model trained with this configuration fixes for every later use of it. */
    public TrainedModel.Recipe recipe() {
        return new TrainedModel.Recipe(model, window, effectiveSplit(), scaling, data.repair());
    }

    /** The resolved configuration as JSON, recorded with every model and run. */
    public String toJson() {
        return source.root().render(ConfigRenderOptions.concise().setFormatted(false));
    }
}
