package io.rnnforecast.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rnnforecast.config.ConfigProblem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks submit/airflow/rnn_forecast_dag.py without Airflow (not installable here): the file compiles (python3), every
 * task's application_args is a command line the job accepts, and the Spark settings match the job's needs.
 *
 * <p>How the DAG is read: it keeps what the job receives in module-level constants written as plain literals
 * (strings, adjacent string concatenation, lists, dicts, and names of earlier constants). {@link PyConstants} reads
 * them in Java with a small tokenizer that knows Python's strings, comments and brackets, so it needs no python3 and
 * refuses loudly anything outside that subset instead of guessing (a regex over the source would silently miss a
 * reformatted list or a string containing a bracket). Whether the operators really get those constants is what the
 * python3 probe checks when python3 is present (always in CI: .ci/run installs it): it runs the DAG file against
 * stub airflow modules and compares every SparkSubmitOperator's keyword arguments with the constants read here.
 */
class AirflowDagTest {
    private static final Path DAG_FILE = Path.of("submit/airflow/rnn_forecast_dag.py");
    private static final Path JAVA17_OPENS = Path.of("submit/java17-opens.sh");
    private static final Set<String> COMMANDS = Set.of("check", "train", "evaluate", "predict");
    private static final String RUN_ID_TEMPLATE = "{{ data_interval_end | ds_nodash }}";
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}");

    private static PyConstants dag;
    private static boolean python;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() throws IOException {
        dag = new PyConstants(Files.readString(DAG_FILE));
        python = pythonAvailable();
    }

    /** (1) Syntax: python3 -m py_compile, its bytecode kept out of the source tree. */
    @Test
    void dagFileCompiles() throws Exception {
        assumeTrue(python, "python3 is not on PATH (.ci/run installs it)");
        Run compiled = run(List.of("python3", "-m", "py_compile", DAG_FILE.toString()),
                Map.of("PYTHONPYCACHEPREFIX", dir.resolve("pycache").toString()));
        assertEquals(0, compiled.exit, "py_compile failed:\n" + compiled.stderr + compiled.stdout);
    }

    /** (2) Every task's arguments, templates rendered with sample values, parse as the job's command line. */
    @Test
    void everyTasksArgumentsAreACommandLineTheJobAccepts() throws Exception {
        Path userConf = userConfFile();
        Map<String, String> samples = samples(userConf);
        Set<String> subcommands = new CommandLine(new Main()).getSubcommands().keySet();
        Defaults defaults = new Defaults(ConfigLoader.defaults().resolve());
        Set<String> commands = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> task : applicationArgs().entrySet()) {
            String id = task.getKey();
            List<String> argv = task.getValue().stream().map(arg -> render(arg, samples, id)).toList();
            String command = argv.get(0);
            assertTrue(subcommands.contains(command), id + ": '" + command + "' is not a command of the job "
                    + subcommands);
            assertTrue(id.startsWith(command), id + " runs " + command);
            commands.add(command);

            CommandLine.ParseResult parsed;
            try {
                parsed = new CommandLine(new Main()).parseArgs(argv.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError(id + ": the job's command line rejects " + argv + ": " + e.getMessage(), e);
            }
            CommandLine.ParseResult sub = parsed.subcommand();
            assertNotNull(sub, id + ": no command in " + argv);
            assertEquals(command, sub.commandSpec().name());
            Main.SparkCommand job = assertInstanceOf(Main.SparkCommand.class, sub.commandSpec().userObject());
            assertEquals(userConf.toFile(), job.options.file, id + ": --conf is the user's file (params.conf)");

            List<String> overrides = job.options.overrides;
            for (String override : overrides) {
                String key = override.substring(0, Math.max(0, override.indexOf('=')));
                assertTrue(defaults.knows(key), id + ": --set " + override + ": " + key
                        + " is not a key of " + io.rnnforecast.config.BundledDefaults.RESOURCE);
            }
            load(id, () -> ConfigLoader.load(null, overrides));
            JobConfig loaded = load(id, job.options::load);
            assertFalse(loaded.runId().isEmpty(), id + ": the DAG sets the run id (else each attempt gets a new one)");
        }
        assertEquals(COMMANDS, commands, "one task per command");
    }

    /** What retries, evaluate and predict rely on: the run ids and model directories the tasks share or must not. */
    @Test
    void runIdsComeFromTheDataIntervalAndRetriedTrainingResumes() {
        Map<String, Map<String, String>> sets = new LinkedHashMap<>();
        applicationArgs().forEach((id, args) -> sets.put(id, sets(args)));
        sets.forEach((id, set) -> assertTrue(set.getOrDefault("run-id", "").startsWith(RUN_ID_TEMPLATE),
                id + ": run-id comes from " + RUN_ID_TEMPLATE + ", got " + set.get("run-id")));

        Map<String, String> train = sets.get("train");
        Map<String, String> evaluate = sets.get("evaluate");
        assertEquals("auto", train.get("train.resume"), "a retried train continues from its checkpoint");
        assertEquals(train.get("run-id"), evaluate.get("run-id"), "evaluate reports the run that trained");
        assertEquals(train.get("train.model-dir"), evaluate.get("train.model-dir"), "evaluate loads train's model");
        assertTrue(train.get("train.model-dir").endsWith("/" + train.get("run-id")),
                "one model directory (and checkpoints) per run id: " + train.get("train.model-dir"));
        // A run id's table partitions are replaced when it is written again: predict must not erase evaluate's rows.
        assertNotEquals(evaluate.get("run-id"), sets.get("predict").get("run-id"));
        assertNotNull(sets.get("predict").get("train.model-dir"), "predict names the model it uses");
    }

    /** (3) java_class is Main; both JVMs get every option of submit/java17-opens.sh. */
    @Test
    void mainClassAndJava17OptionsMatchTheJob() throws IOException {
        assertEquals(Main.class.getName(), dag.string("JAVA_CLASS"));
        Matcher opens = Pattern.compile("JAVA17_OPENS=\"([^\"]*)\"").matcher(Files.readString(JAVA17_OPENS));
        assertTrue(opens.find(), "JAVA17_OPENS=\"...\" in " + JAVA17_OPENS);
        List<String> required = List.of(opens.group(1).replace("\\\n", " ").trim().split("\\s+"));
        assertTrue(required.stream().filter(o -> o.startsWith("--add-opens=")).count() >= 10, required.toString());

        Map<String, Object> conf = dag.dict("SPARK_CONF");
        for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
            assertInstanceOf(String.class, conf.get(key), "SPARK_CONF[" + key + "]");
            Set<String> given = Set.of(((String) conf.get(key)).trim().split("\\s+"));
            List<String> missing = required.stream().filter(o -> !given.contains(o)).toList();
            assertTrue(missing.isEmpty(), key + " lacks " + missing);
        }
    }

    /**
     * The operators get exactly those constants: the DAG file run against stub airflow modules (a DAG context manager
     * and a SparkSubmitOperator that records its keyword arguments), its record printed as JSON.
     */
    @Test
    @SuppressWarnings("unchecked")
    void operatorsGetTheseConstants() throws Exception {
        assumeTrue(python, "python3 is not on PATH (.ci/run installs it)");
        Map<String, String> env = new HashMap<>();
        env.put("RNN_FORECAST_JAR", "/opt/test/rnn-forecast-spark.jar");
        env.put("RNN_FORECAST_SPARK_CONN", "spark_test");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        Run probe = run(List.of("python3", "-c", PROBE, DAG_FILE.toString()), env);
        assertEquals(0, probe.exit, "the DAG file failed against stub airflow modules:\n" + probe.stderr);
        Map<String, Object> record = new ObjectMapper().readValue(probe.stdout, Map.class);

        Map<String, Map<String, Object>> params = new HashMap<>();
        for (Map<String, Object> d : (List<Map<String, Object>>) record.get("dags")) {
            params.put((String) d.get("dag_id"), (Map<String, Object>) d.get("params"));
        }
        Map<String, String> dagOfTask = new LinkedHashMap<>();
        for (Map<String, Object> task : (List<Map<String, Object>>) record.get("tasks")) {
            String id = (String) task.get("task_id");
            assertTrue(dagOfTask.put(id, (String) task.get("dag_id")) == null, "task " + id + " twice");
            assertEquals(dag.string("JAVA_CLASS"), task.get("java_class"), id);
            assertEquals(dag.dict("SPARK_CONF"), task.get("conf"), id);
            assertEquals(applicationArgs().get(id), task.get("application_args"), id);
            assertEquals("/opt/test/rnn-forecast-spark.jar", task.get("application"), id + ": from RNN_FORECAST_JAR");
            assertEquals("spark_test", task.get("conn_id"), id + ": from RNN_FORECAST_SPARK_CONN");
            assertEquals("client", task.get("deploy_mode"), id + ": the driver reads --conf from the worker");
            assertEquals(sets(applicationArgs().get(id)).get("spark.app-name"), task.get("name"),
                    id + ": the Spark application's name is the operator's");
            List<String> templated = new ArrayList<>(applicationArgs().get(id));
            templated.add((String) task.get("name"));
            Matcher param = Pattern.compile("params\\.(\\w+)").matcher(String.join(" ", templated));
            while (param.find()) {
                assertTrue(params.get(dagOfTask.get(id)).containsKey(param.group(1)),
                        id + " uses params." + param.group(1) + ", not a param of " + dagOfTask.get(id));
            }
        }
        assertEquals(applicationArgs().keySet(), dagOfTask.keySet());
        assertEquals(Map.of("check_input", "rnn_forecast_daily", "train", "rnn_forecast_daily",
                "evaluate", "rnn_forecast_daily", "predict", "rnn_forecast_predict"), dagOfTask);
        assertEquals(Set.of(List.of("check_input", "train"), List.of("train", "evaluate")),
                Set.copyOf((List<List<String>>) record.get("edges")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> applicationArgs() {
        Map<String, List<String>> args = new LinkedHashMap<>();
        dag.dict("APPLICATION_ARGS").forEach((task, value) -> {
            assertInstanceOf(List.class, value, "APPLICATION_ARGS[" + task + "]");
            for (Object arg : (List<Object>) value) {
                assertInstanceOf(String.class, arg, "APPLICATION_ARGS[" + task + "]: " + arg);
            }
            args.put(task, (List<String>) value);
        });
        assertFalse(args.isEmpty());
        return args;
    }

    /** The --set key=value pairs of an argument list, by key (unrendered). */
    private static Map<String, String> sets(List<String> args) {
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String pair = arg.equals("--set") || arg.equals("-s") ? args.get(++i)
                    : arg.startsWith("--set=") ? arg.substring("--set=".length()) : null;
            if (pair != null) {
                int eq = pair.indexOf('=');
                sets.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return sets;
    }

    /** Sample values for every template the DAG may use; an unknown template fails the test. */
    private static Map<String, String> samples(Path userConf) {
        return Map.of(
                "data_interval_end | ds_nodash", "20260102",
                "params.conf", userConf.toString(),
                "params.models", "hdfs:///models/rnn-forecast",
                "params.model_dir", "hdfs:///models/rnn-forecast/kept");
    }

    private static String render(String arg, Map<String, String> samples, String task) {
        assertFalse(arg.contains("{%") || arg.contains("{#"), task + ": only {{ expressions }} are rendered: " + arg);
        Matcher m = TEMPLATE.matcher(arg);
        StringBuilder rendered = new StringBuilder();
        while (m.find()) {
            String expression = m.group(1).trim().replaceAll("\\s+", " ");
            String value = samples.get(expression);
            if (value == null) {
                fail(task + ": no sample value for {{ " + expression + " }} in '" + arg + "': add one to samples()");
            }
            m.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        m.appendTail(rendered);
        return rendered.toString();
    }

    /** What a user's --conf file looks like (its own data); stands in for params.conf. */
    private Path userConfFile() throws IOException {
        Path file = dir.resolve("my-data.conf");
        Files.writeString(file, """
                data {
                  path = "hdfs://nn:8020/sales/latest/"
                  format = csv
                  name = sales
                  columns { id = store, ds = month, y = units }
                }
                window { input = 12, horizon = 3 }
                output.root = "hdfs://nn:8020/rnn-forecast/tables"
                """);
        return file;
    }

    private static JobConfig load(String task, java.util.function.Supplier<JobConfig> loader) {
        try {
            return loader.get();
        } catch (ConfigProblem e) {
            throw new AssertionError(task + ": the job rejects its configuration: " + e.getMessage(), e);
        }
    }

    /** The bundled defaults: which keys --set may name (spark.conf.* passes through to Spark). */
    private record Defaults(com.typesafe.config.Config resolved) {
        boolean knows(String key) {
            return key.startsWith("spark.conf.") || (!key.isEmpty() && resolved.hasPathOrNull(key));
        }
    }

    private static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("RNN_FORECAST_"));
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs the DAG file (argv[1]) with stub airflow modules and prints its DAGs, operators and edges as JSON. */
    private static final String PROBE = """
            import json, sys, types

            dags, tasks, edges, current = [], [], [], []


            class DAG:
                def __init__(self, dag_id, **kwargs):
                    self.dag_id = dag_id
                    dags.append(dict(kwargs, dag_id=dag_id))

                def __enter__(self):
                    current.append(self)
                    return self

                def __exit__(self, *exc):
                    current.pop()
                    return False


            def _ids(other):
                return [o.task_id for o in (other if isinstance(other, (list, tuple)) else [other])]


            class SparkSubmitOperator:
                def __init__(self, **kwargs):
                    if not current:
                        raise RuntimeError("SparkSubmitOperator outside a DAG: %s" % kwargs.get("task_id"))
                    self.task_id = kwargs["task_id"]
                    tasks.append(dict(kwargs, dag_id=current[-1].dag_id))

                def __rshift__(self, other):
                    edges.extend([self.task_id, t] for t in _ids(other))
                    return other

                def __lshift__(self, other):
                    edges.extend([t, self.task_id] for t in _ids(other))
                    return other

                def __rrshift__(self, other):
                    edges.extend([t, self.task_id] for t in _ids(other))
                    return self

                def __rlshift__(self, other):
                    edges.extend([self.task_id, t] for t in _ids(other))
                    return self


            for name in ("airflow", "airflow.sdk", "airflow.providers", "airflow.providers.apache",
                         "airflow.providers.apache.spark", "airflow.providers.apache.spark.operators",
                         "airflow.providers.apache.spark.operators.spark_submit"):
                sys.modules[name] = types.ModuleType(name)
            sys.modules["airflow"].DAG = DAG
            sys.modules["airflow.sdk"].DAG = DAG
            spark_submit = sys.modules["airflow.providers.apache.spark.operators.spark_submit"]
            spark_submit.SparkSubmitOperator = SparkSubmitOperator

            path = sys.argv[1]
            with open(path, encoding="utf-8") as source:
                code = compile(source.read(), path, "exec")
            exec(code, {"__name__": "rnn_forecast_dag", "__file__": path})
            print(json.dumps({"dags": dags, "tasks": tasks, "edges": edges}, default=str))
            """;

    /**
     * Module-level {@code NAME = value} assignments of a Python file, evaluated in a literal subset: string literals
     * without prefix (escapes \\ \' \" \n \t), adjacent strings concatenated, parentheses, lists, dicts with string
     * keys, and names of other such constants. Anything else is refused with its line number. The whole file is
     * tokenized for strings (any prefix, triple quotes), comments, brackets and line continuations, so only real
     * top-level statements count as assignments.
     */
    static final class PyConstants {
        private final String src;
        private final Map<String, List<Integer>> assignments = new HashMap<>();
        private final Map<String, Object> values = new HashMap<>();
        private final Set<String> evaluating = new LinkedHashSet<>();
        private int pos;

        PyConstants(String src) {
            this.src = src;
            index();
        }

        String string(String name) {
            Object value = value(name);
            assertInstanceOf(String.class, value, name + " is a string literal");
            return (String) value;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> dict(String name) {
            Object value = value(name);
            assertInstanceOf(Map.class, value, name + " is a dict literal");
            return (Map<String, Object>) value;
        }

        Object value(String name) {
            if (values.containsKey(name)) {
                return values.get(name);
            }
            List<Integer> at = assignments.get(name);
            if (at == null || at.size() != 1) {
                throw new IllegalArgumentException(name + " must be assigned exactly once at module level, found "
                        + (at == null ? 0 : at.size()));
            }
            if (!evaluating.add(name)) {
                throw new IllegalArgumentException("circular constants " + evaluating);
            }
            int saved = pos;
            try {
                pos = at.get(0);
                Object value = expression(0);
                skipSpace(0);
                if (pos < src.length() && src.charAt(pos) != '\n') {
                    throw refused("the end of the assignment of " + name);
                }
                values.put(name, value);
                return value;
            } finally {
                pos = saved;
                evaluating.remove(name);
            }
        }

        /** Records where the value of every top-level NAME = ... starts. */
        private void index() {
            int depth = 0;
            boolean lineStart = true;
            int i = 0;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (lineStart && depth == 0 && Character.isJavaIdentifierStart(c) && c != '$') {
                    int end = identifierEnd(i);
                    int after = end;
                    while (after < src.length() && (src.charAt(after) == ' ' || src.charAt(after) == '\t')) {
                        after++;
                    }
                    if (after < src.length() && src.charAt(after) == '='
                            && (after + 1 >= src.length() || src.charAt(after + 1) != '=')) {
                        assignments.computeIfAbsent(src.substring(i, end), k -> new ArrayList<>()).add(after + 1);
                    }
                }
                lineStart = false;
                if (c == '#') {
                    while (i < src.length() && src.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '\n') {
                    lineStart = depth == 0 && !(i > 0 && src.charAt(i - 1) == '\\');
                    i++;
                } else if (c == '"' || c == '\'') {
                    i = skipString(i);
                } else if (Character.isJavaIdentifierStart(c)) {
                    int end = identifierEnd(i);
                    boolean prefix = src.substring(i, end).toLowerCase().matches("[rbuf]{1,2}");
                    i = prefix && end < src.length() && (src.charAt(end) == '"' || src.charAt(end) == '\'')
                            ? skipString(end) : end;
                } else {
                    depth += "([{".indexOf(c) >= 0 ? 1 : ")]}".indexOf(c) >= 0 ? -1 : 0;
                    i++;
                }
            }
        }

        private int identifierEnd(int i) {
            int end = i + 1;
            while (end < src.length() && Character.isJavaIdentifierPart(src.charAt(end)) && src.charAt(end) != '$') {
                end++;
            }
            return end;
        }

        /** From an opening quote to just after the closing one (single or triple quoted). */
        private int skipString(int i) {
            char q = src.charAt(i);
            String close = src.startsWith(String.valueOf(q).repeat(3), i) ? String.valueOf(q).repeat(3)
                    : String.valueOf(q);
            int j = i + close.length();
            while (j < src.length() && !src.startsWith(close, j)) {
                if (close.length() == 1 && src.charAt(j) == '\n') {
                    throw new IllegalArgumentException("line " + line(i) + ": unterminated string");
                }
                j += src.charAt(j) == '\\' ? 2 : 1;
            }
            if (j >= src.length()) {
                throw new IllegalArgumentException("line " + line(i) + ": unterminated string");
            }
            return j + close.length();
        }

        private Object expression(int depth) {
            skipSpace(depth);
            if (pos >= src.length()) {
                throw refused("a value");
            }
            char c = src.charAt(pos);
            if (c == '"' || c == '\'') {
                StringBuilder s = new StringBuilder(stringLiteral());
                skipSpace(depth);
                while (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'')) {
                    s.append(stringLiteral());
                    skipSpace(depth);
                }
                return s.toString();
            }
            if (c == '(') {
                pos++;
                Object inner = expression(depth + 1);
                expect(')', depth + 1);
                return inner;
            }
            if (c == '[') {
                pos++;
                List<Object> list = new ArrayList<>();
                while (!peek(']', depth + 1)) {
                    list.add(expression(depth + 1));
                    if (!peek(']', depth + 1)) {
                        expect(',', depth + 1);
                    }
                }
                pos++;
                return list;
            }
            if (c == '{') {
                pos++;
                Map<String, Object> dict = new LinkedHashMap<>();
                while (!peek('}', depth + 1)) {
                    int keyAt = pos;
                    Object key = expression(depth + 1);
                    if (!(key instanceof String)) {
                        pos = keyAt;
                        throw refused("a string key");
                    }
                    expect(':', depth + 1);
                    if (dict.put((String) key, expression(depth + 1)) != null) {
                        throw new IllegalArgumentException("line " + line(keyAt) + ": key " + key + " twice");
                    }
                    if (!peek('}', depth + 1)) {
                        expect(',', depth + 1);
                    }
                }
                pos++;
                return dict;
            }
            if (Character.isJavaIdentifierStart(c) && c != '$') {
                int end = identifierEnd(pos);
                String name = src.substring(pos, end);
                if (end < src.length() && (src.charAt(end) == '"' || src.charAt(end) == '\'')) {
                    throw refused("a string without prefix");
                }
                if (end < src.length() && (src.charAt(end) == '.' || src.charAt(end) == '(')) {
                    throw refused("a constant's name (no attribute or call)");
                }
                if (!assignments.containsKey(name)) {
                    throw refused("the name of a module-level constant");
                }
                int usedAt = pos;
                pos = end;
                try {
                    return value(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + " (in " + name + ", used on line "
                            + line(usedAt) + ")", e);
                }
            }
            throw refused("a string, list, dict or constant name");
        }

        private String stringLiteral() {
            char q = src.charAt(pos);
            if (src.startsWith(String.valueOf(q).repeat(3), pos)) {
                throw refused("a single-quoted string (not triple-quoted)");
            }
            StringBuilder s = new StringBuilder();
            int i = pos + 1;
            while (true) {
                if (i >= src.length() || src.charAt(i) == '\n') {
                    throw refused("a terminated string");
                }
                char c = src.charAt(i);
                if (c == q) {
                    pos = i + 1;
                    return s.toString();
                }
                if (c == '\\') {
                    char e = i + 1 < src.length() ? src.charAt(i + 1) : ' ';
                    int k = "\\'\"nt".indexOf(e);
                    if (k < 0) {
                        pos = i;
                        throw refused("one of the escapes \\\\ \\' \\\" \\n \\t");
                    }
                    s.append("\\'\"\n\t".charAt(k));
                    i += 2;
                } else {
                    s.append(c);
                    i++;
                }
            }
        }

        /** Blanks and, inside brackets, newlines and comments; a comment at depth 0 ends the statement. */
        private void skipSpace(int depth) {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r' || (depth > 0 && c == '\n')) {
                    pos++;
                } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                    pos += 2;
                } else if (c == '#') {
                    while (pos < src.length() && src.charAt(pos) != '\n') {
                        pos++;
                    }
                    if (depth == 0) {
                        return;
                    }
                } else {
                    return;
                }
            }
        }

        private boolean peek(char c, int depth) {
            skipSpace(depth);
            return pos < src.length() && src.charAt(pos) == c;
        }

        private void expect(char c, int depth) {
            if (!peek(c, depth)) {
                throw refused("'" + c + "'");
            }
            pos++;
        }

        private IllegalArgumentException refused(String expected) {
            String rest = src.substring(pos, Math.min(src.length(), pos + 40)).split("\n", 2)[0];
            return new IllegalArgumentException(DAG_FILE + " line " + line(pos) + ": expected " + expected
                    + " (module constants are read in a literal subset), found '" + rest + "'");
        }

        private int line(int at) {
            int n = 1;
            for (int i = 0; i < at && i < src.length(); i++) {
                n += src.charAt(i) == '\n' ? 1 : 0;
            }
            return n;
        }
    }
}
