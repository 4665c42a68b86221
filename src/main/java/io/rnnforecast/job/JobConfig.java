package io.rnnforecast.job;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.rnnforecast.api.DataSpec;
import io.rnnforecast.api.ForecastSettings;
import io.rnnforecast.api.RnnForecastModel;
import io.rnnforecast.api.RnnForecaster;
import io.rnnforecast.api.SeriesInput;
import io.rnnforecast.api.SyntheticSeries;
import io.rnnforecast.config.Settings;
import io.rnnforecast.output.CatalogSpec;
import io.rnnforecast.output.ResultTables;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The validated, immutable job configuration: the learning settings ({@link ForecastSettings}, what the API's
 * {@link RnnForecaster} Params stand for, parsed by the same section records) and the job's own sections (Spark,
 * data generation and location, model directory, output, catalog). {@code source} is the resolved configuration
 * (recorded with every model and run); {@code explicitKeys} are the keys the user set (--conf file and --set), which
 * a trained model's settings are checked against.
 */
public record JobConfig(SparkSettings spark, DataSpec data, ForecastSettings learning, String modelDir,
                        String outputRoot, boolean plots, CatalogSpec catalog, Config source,
                        Set<String> explicitKeys) {

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
        return new JobConfig(SparkSettings.from(s), DataSpec.from(s), ForecastSettings.from(s),
                s.nonEmpty("train.model-dir"), s.nonEmpty("output.root"), s.bool("output.plots"), CatalogSpec.from(s),
                resolved, Set.copyOf(explicitKeys));
    }

    static JobConfig from(Config resolved) {
        return from(resolved, Set.of());
    }

    public String runId() {
        return learning.runId();
    }

    public boolean generates() {
        return data.generates();
    }

    /** The synthetic dataset {@code generate} writes (data.generator). */
    public SyntheticSeries synthetic() {
        return new SyntheticSeries(data, learning);
    }

    public JobConfig withRunId(String id) {
        Config withId = source.withValue("run-id", com.typesafe.config.ConfigValueFactory.fromAnyRef(id));
        return from(withId, explicitKeys);
    }

    /** The result tables under output.root, registered in the catalog when it is enabled. */
    public ResultTables resultTables(SparkSession spark) {
        return new ResultTables(spark, outputRoot, catalog);
    }

    /** data.path in data.format, as the API reads it; with data.static-path's columns joined on by id. */
    public SeriesInput input(SparkSession spark) {
        return data.hasStaticTable() ? SeriesInput.read(spark, data.path(), data.format(), data.staticPath(),
                data.columns().id()) : SeriesInput.read(spark, data.path(), data.format());
    }

    /**
     * The estimator these settings describe: every learning key, the split's ids with those the configured
     * generator reserves (the sine's test series) added, checkpoints under train.model-dir, and this whole
     * configuration recorded with the model.
     */
    public RnnForecaster forecaster() {
        RnnForecaster forecaster = RnnForecaster.fromConfig(source).setCheckpointDir(modelDir)
                .setRecordedConfig(toJson());
        setIntervalsIfGiven(forecaster::setSetting);
        if (generates()) {
            SyntheticSeries synthetic = synthetic();
            for (String split : new String[] {"validation", "test"}) {
                Set<String> ids = new TreeSet<>(split.equals("test") ? learning.split().testIds()
                        : learning.split().validationIds());
                if (ids.addAll(synthetic.reservedFor(split))) {
                    forecaster.setSetting("split." + split + "-ids", ids.toArray(String[]::new));
                }
            }
        }
        return forecaster;
    }

    /**
     * A saved model with this configuration's evaluation settings (columns, season, forecasts past the end, dataset
     * name, run id), after checking the user set none of the settings it fixes to other values.
     */
    public RnnForecastModel configure(RnnForecastModel model) {
        model.checkSettings(source, explicitKeys, modelDir);
        for (String key : new String[] {"data.columns.id", "data.columns.ds", "data.columns.y", "data.columns.label",
                "data.name", "run-id", "evaluate.season", "evaluate.future", "evaluate.baselines",
                "evaluate.combine-with"}) {
            model.setSetting(key, source.getValue(key).unwrapped());
        }
        // the intervals the model was trained with, unless the user asks for others
        setIntervalsIfGiven(model::setSetting);
        return model;
    }

    /**
     * Sets the interval keys the user gave, even to their defaults: intervals asked for explicitly make a missing
     * validation part or calibration an error rather than a warning.
     */
    private void setIntervalsIfGiven(java.util.function.BiConsumer<String, Object> set) {
        for (String key : new String[] {"evaluate.intervals.levels", "evaluate.intervals.method",
                "evaluate.intervals.scale-horizons", "evaluate.intervals.earlier-cutoffs",
                "evaluate.intervals.calibration-horizons"}) {
            if (explicitKeys.contains(key)) {
                set.accept(key, source.getValue(key).unwrapped());
            }
        }
    }

    /** The resolved configuration as JSON, recorded with every model and run. */
    public String toJson() {
        return source.root().render(ConfigRenderOptions.concise().setFormatted(false));
    }
}
