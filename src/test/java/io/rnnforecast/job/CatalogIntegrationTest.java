package io.rnnforecast.job;

import io.rnnforecast.SparkTestSession;

import io.rnnforecast.output.CatalogSpec;
import io.rnnforecast.output.Metastore;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The result catalog with its defaults (embedded Derby under the workdir): a finished run's tables are found by
 * name from a new JVM (a forked {@code java ... Main sql}, with no setup but the workdir) and over JDBC through
 * Spark's Thrift server. The Thrift server runs in this JVM ({@code HiveThriftServer2.startWithContext}) over the
 * same metastore, queried with Hive's JDBC driver: {@code submit/thrift-server.sh} starts two more JVMs (Derby's
 * network server and SparkSubmit) after resolving its own jar set, which would cost CI far more than this.
 */
class CatalogIntegrationTest {
    private static final String SQL = "SELECT model, n_series, mse FROM summary WHERE run_id = 'cat-1' ORDER BY model";

    @TempDir
    Path dir;

    @Test
    void aRunsTablesAreFoundByNameFromANewJvmAndOverJdbc() throws Exception {
        SparkTestSession.stopAll();   // a session another test left would be reused without Hive support
        assertEquals(0, Main.execute("run", "--set", "spark.master=local[2]", "--set", "workdir=" + dir.toUri(),
                "--set", "run-id=cat-1", "--set", "data.series=300", "--set", "train.epochs=1",
                "--set", "spark.conf={\"spark.sql.shuffle.partitions\": 4, \"spark.ui.enabled\": false}"));
        List<Row> expected = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate().read().parquet(dir.resolve("tables/summary").toString())
                .where("run_id = 'cat-1'").orderBy("model").select("model", "n_series", "mse").collectAsList();
        SparkTestSession.stopAll();
        assertEquals(3, expected.size(), "lstm, linear and naive");

        // A new JVM: the sql command with the same workdir and nothing else.
        String out = forkSql(SQL);
        for (Row row : expected) {
            assertTrue(out.replace(" ", "").contains("|" + row.getString(0) + "|" + row.get(1) + "|" + row.get(2) + "|"),
                    "the forked sql command should print " + row + ":\n" + out);
        }

        // The Thrift JDBC server over the same catalog, queried by a JDBC client.
        CatalogSpec spec = ConfigLoader.load(null, List.of("workdir=" + dir.toUri())).catalog();
        Metastore metastore = Metastore.of(spec);
        assertEquals(Metastore.Mode.EMBEDDED_DERBY, metastore.mode());
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SparkSession.Builder builder = SparkSession.builder().master("local[2]").appName("thrift-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.hadoop.hive.server2.thrift.bind.host", "127.0.0.1")
                .config("spark.hadoop.hive.server2.thrift.port", String.valueOf(port));
        metastore.sparkConf().forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        HiveThriftServer2 server = HiveThriftServer2.startWithContext(spark.sqlContext());
        awaitListening(port);
        try (Connection jdbc = DriverManager.getConnection("jdbc:hive2://127.0.0.1:" + port + "/rnn_forecast", "",
                "");
             Statement statement = jdbc.createStatement();
             ResultSet rows = statement.executeQuery(SQL)) {
            for (Row row : expected) {
                assertTrue(rows.next());
                assertEquals(row.getString(0), rows.getString("model"));
                assertEquals(row.getLong(1), rows.getLong("n_series"));
                assertEquals(row.getDouble(2), rows.getDouble("mse"), 0.0);
            }
            assertTrue(!rows.next());
            List<String> tables = new ArrayList<>();
            try (Statement show = jdbc.createStatement(); ResultSet shown = show.executeQuery("SHOW TABLES")) {
                while (shown.next()) {
                    tables.add(shown.getString("tableName"));
                }
            }
            assertEquals(List.of("epochs", "forecasts", "rejects", "runs", "series_metrics", "summary"), tables);
        } finally {
            server.stop();
            spark.stop();
            metastore.release();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the Thrift server does not listen on port " + port, e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** {@code java -cp <this JVM's classpath> io.rnnforecast.job.Main sql --set workdir=... QUERY}: its stdout. */
    private String forkSql(String query) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || arg.startsWith("-Djdk.reflect")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "sql",
                "--set", "workdir=" + dir.toUri(), "--set", "spark.master=local[1]",
                "--set", "spark.conf={\"spark.ui.enabled\": false}", query));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }
}
