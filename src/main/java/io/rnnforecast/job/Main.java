package io.rnnforecast.job;

import io.rnnforecast.api.ClusterEvents;
import io.rnnforecast.api.CodeVersion;
import io.rnnforecast.api.RunIds;
import io.rnnforecast.api.SeriesData;
import io.rnnforecast.output.CatalogSpec;
import io.rnnforecast.output.RunRecord;
import io.rnnforecast.output.Metastore;
import io.rnnforecast.output.ResultCatalog;
import io.rnnforecast.output.ResultViews;
import io.rnnforecast.config.ConfigProblem;
import com.typesafe.config.ConfigRenderOptions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_csv;
import static org.apache.spark.sql.functions.to_json;

/**
 * The job's entry point: {@code generate}, {@code check}, {@code train}, {@code evaluate}, {@code run} (generate,
 * train and evaluate in one driver), {@code predict} (forecast new data with a saved model), {@code sql} (query
 * the result tables), {@code catalog} (the Spark settings of the result catalog) and {@code config} (print the
 * resolved configuration).
 */
@Command(name = "rnn-forecast", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Trains recurrent forecasting models on Spark with parameter averaging and writes evaluation"
                + " tables to Parquet.",
        subcommands = {Main.Generate.class, Main.Check.class, Main.Train.class, Main.Evaluate.class, Main.Run.class,
                Main.Predict.class, Main.Sql.class, Main.CatalogSettings.class, Main.ShowConfig.class})
public final class Main {
    static final int CONFIG_ERROR = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (0 success, 1 failure, 2 bad configuration or usage). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("rnn-forecast: " + describe(e));
            return e instanceof ConfigProblem ? CONFIG_ERROR : 1;
        });
        return cli.execute(args);
    }

    private static String describe(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append("\n  caused by: ").append(cause.getMessage());
            }
        }
        return e instanceof ConfigProblem || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                ? message.toString() : e.getClass().getSimpleName() + ": " + message;
    }

    /** Options every command takes. */
    static class ConfigOptions {
        @Option(names = {"-c", "--conf"}, paramLabel = "FILE", description = "HOCON file with settings (see conf/).")
        File file;

        @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
                description = "Override one key, e.g. --set model.units=64 (repeatable; wins over --conf).")
        List<String> overrides = new ArrayList<>();

        JobConfig load() {
            return ConfigLoader.load(file, overrides);
        }
    }

    /** A command that runs inside a SparkSession. */
    abstract static class SparkCommand implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions options = new ConfigOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Executors lost and tasks failed while this command ran. */
        ClusterEvents events;

        @Override
        public Integer call() {
            JobConfig config = options.load();
            // Only commands that read or write the result tables start their session with the catalog.
            Metastore metastore = Metastore.of(usesCatalog() ? config.catalog() : CatalogSpec.disabled());
            if (metastore.mode() != Metastore.Mode.NONE) {
                org.slf4j.LoggerFactory.getLogger(Main.class).info("result catalog: database {} in the {}",
                        config.catalog().database(), metastore.describe());
            }
            SparkSession spark = SparkSessions.start(config.spark(), metastore);
            events = ClusterEvents.attach(spark);
            try {
                if (writesTables() && metastore.mode() != Metastore.Mode.NONE) {
                    // Before any work: a metastore another JVM holds, or tables registered for another output root,
                    // fail now rather than after training.
                    ResultCatalog.open(spark, config.catalog(), config.resultTables(spark));
                }
                run(spark, config, spec.commandLine().getOut());
                return 0;
            } finally {
                spark.stop();
                metastore.release();
            }
        }

        /** Whether the command writes result tables (and so registers them in the catalog). */
        boolean writesTables() {
            return false;
        }

        boolean usesCatalog() {
            return writesTables();
        }

        abstract void run(SparkSession spark, JobConfig config, PrintWriter out);
    }

    @Command(name = "generate", description = "Write a synthetic dataset (data.generator) to data.path.")
    static final class Generate extends SparkCommand {
        @Override
        void run(SparkSession spark, JobConfig config, PrintWriter out) {
            long n = config.synthetic().write(spark);
            out.printf("wrote %,d series to %s%n", n, config.data().path());
        }
    }

    @Command(name = "check", description = "Read data.path through the ingestion rules and print where every row and"
            + " series went (nothing is written).")
    static final class Check extends SparkCommand {
        @Option(names = "--rejects", description = "Reject rows to show (default ${DEFAULT-VALUE}).")
        int rejects = 20;

        @Override
        void run(SparkSession spark, JobConfig config, PrintWriter out) {
            long t0 = System.nanoTime();
            try (SeriesData ingested = config.forecaster().ingest(config.input(spark))) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                var counts = ingested.counts();
                out.printf("%s%n%s%ningested in %.1f s (%,.0f rows/s)%n", config.data().path(), counts, seconds,
                        counts.rowsRead() / seconds);
                out.println(ingested.rejects().orderBy("reason", "unique_id").showString(rejects, 0, false));
            }
        }
    }

    @Command(name = "train", description = "Train on data.path and save the model to train.model-dir.")
    static final class Train extends SparkCommand {
        @Override
        void run(SparkSession spark, JobConfig config, PrintWriter out) {
            JobConfig withId = withRunId(config);
            try (SeriesData ingested = withId.forecaster().ingest(withId.input(spark))) {
                TrainStep.run(withId, ingested);
            }
            out.printf("model saved to %s%n", config.modelDir());
        }
    }

    @Command(name = "evaluate", description = "Evaluate the model in train.model-dir on the test split of data.path"
            + " (windows, split and scaling as the model was trained) and write the result tables under output.root.")
    static final class Evaluate extends SparkCommand {
        @Override
        boolean writesTables() {
            return true;
        }

        @Override
        void run(SparkSession spark, JobConfig config, PrintWriter out) {
            Dataset<Row> summary = EvaluateStep.run(spark, config, events);
            Report.print(out, config, summary);
        }
    }

    @Command(name = "run", description = "generate (unless data.generator = none), train and evaluate in one driver"
            + " (the quick start).")
    static final class Run extends SparkCommand {
        @Override
        boolean writesTables() {
            return true;
        }

        @Override
        void run(SparkSession spark, JobConfig config, PrintWriter out) {
            JobConfig withId = withRunId(config);
            Phases phases = new Phases();
            if (withId.generates()) {
                phases.time("generate", () -> withId.synthetic().write(spark));
            }
            // One ingestion: the series, their scalers and the trained network go to evaluation in memory.
            SeriesData ingested = phases.time("ingest", () -> withId.forecaster().ingest(withId.input(spark)));
            try (ingested) {
                var trained = phases.time("train", () -> TrainStep.run(withId, ingested));
                var summary = phases.time("evaluate", () -> EvaluateStep.write(spark, withId, trained, ingested,
                        RunRecord.Command.RUN, java.time.Instant.parse(trained.provenance().startedAt()),
                        events.mark()));
                Report.print(out, withId, summary);
            }
            out.println(phases);
        }
    }

    @Command(name = "predict", description = "Forecast the horizon past the end of every series in data.path with the"
            + " model in train.model-dir (its windows, scaling and repair rules) and write the forecasts, rejects and"
            + " runs rows of a new run id under output.root.")
    static final class Predict extends SparkCommand {
        @Override
        boolean writesTables() {
            return true;
        }

        @Option(names = "--show", description = "Forecast rows to print (default ${DEFAULT-VALUE}).")
        int show = 10;

        @Override
        void run(SparkSession spark, JobConfig config, PrintWriter out) {
            JobConfig withId = withRunId(config);
            PredictStep.Outcome outcome = PredictStep.run(spark, withId, events);
            Report.printPredict(out, withId, outcome, show);
        }
    }

    @Command(name = "sql", description = "Run a Spark SQL query over the result tables (summary, series_metrics,"
            + " forecasts, rejects, runs, epochs): the catalog's tables in output.database (the current database),"
            + " or, with catalog.enabled = false, temporary views of the same names over the Parquet paths.")
    static final class Sql extends SparkCommand {
        @CommandLine.Parameters(paramLabel = "QUERY", description = "e.g. \"SELECT * FROM summary\"")
        String query;

        @Option(names = "--rows", description = "Rows to show (default ${DEFAULT-VALUE}).")
        int rows = 50;

        @Option(names = "--csv", description = "Print the rows as CSV with a header line (for scripts) instead of a"
                + " table.")
        boolean csv;

        @Override
        boolean usesCatalog() {
            return true;
        }

        @Override
        void run(SparkSession spark, JobConfig config, PrintWriter out) {
            if (config.catalog().enabled()) {
                ResultCatalog catalog = ResultCatalog.open(spark, config.catalog(), config.resultTables(spark));
                catalog.registerExisting();
                catalog.use();
            } else {
                ResultViews.register(spark, config.outputRoot());
            }
            Dataset<Row> result = spark.sql(query);
            if (!csv) {
                out.println(result.showString(rows, 0, false));
                return;
            }
            // Spark's own CSV encoder (to_csv), one line per row, quoted as RFC 4180 says (a quote doubled, which
            // Python's csv module, R's read.csv and spreadsheets read; Spark's default escapes it with a
            // backslash). to_csv writes a map or array by its object's toString (UnsafeMapData@67748053, measured
            // on summary.coverage): those columns go out as JSON, {"80":0.812,"95":0.956}.
            out.println(String.join(",", result.columns()));
            Column[] fields = Arrays.stream(result.schema().fields())
                    .map(f -> f.dataType() instanceof MapType || f.dataType() instanceof ArrayType
                            || f.dataType() instanceof StructType
                            ? to_json(col(quoted(f.name()))).as(f.name()) : col(quoted(f.name())))
                    .toArray(Column[]::new);
            for (Row line : result.select(to_csv(struct(fields), Map.of("quote", "\"", "escape", "\"")))
                    .limit(rows).collectAsList()) {
                out.println(line.getString(0));
            }
        }
    }

    /** A column name as col() reads it: backquoted, so names with dots or spaces are taken whole. */
    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    @Command(name = "catalog", description = "Print the Spark settings that open the result catalog, one key=value"
            + " a line: --conf options for spark-sql, spark-shell, spark-submit or the Thrift server.")
    static final class CatalogSettings implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions options = new ConfigOptions();

        @Option(names = "--derby-server", description = "Through the Derby network server at catalog.derby-server,"
                + " even if none listens yet (submit/thrift-server.sh starts one).")
        boolean throughServer;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            JobConfig config = options.load();
            if (!config.catalog().enabled()) {
                throw new ConfigProblem("catalog.enabled is false: the result tables are Parquet paths only, under "
                        + config.outputRoot());
            }
            for (var e : Metastore.of(config.catalog(), throughServer).sparkConf().entrySet()) {
                spec.commandLine().getOut().println(e.getKey() + "=" + e.getValue());
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "config", description = "Print the resolved configuration (HOCON) and exit.")
    static final class ShowConfig implements Callable<Integer> {
        @CommandLine.Mixin
        ConfigOptions options = new ConfigOptions();

        @Option(names = "--defaults", description = "Print the bundled defaults, with their comments.")
        boolean defaults;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var source = defaults ? ConfigLoader.defaults() : options.load().source();
            spec.commandLine().getOut().println(source.root().render(ConfigRenderOptions.defaults()
                    .setOriginComments(false).setComments(defaults).setJson(false)));
            return 0;
        }
    }

    /** The configuration with a fresh run id when it has none. */
    private static JobConfig withRunId(JobConfig config) {
        return config.runId().isEmpty() ? config.withRunId(RunIds.orFresh("")) : config;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rnn-forecast " + CodeVersion.get()};
        }
    }
}
