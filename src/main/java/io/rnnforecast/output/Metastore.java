package io.rnnforecast.output;

import io.rnnforecast.config.ConfigProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a SparkSession reaches the catalog's Hive metastore: the Spark settings to start it with, and what to release
 * when the command ends.
 *
 * <ul>
 *   <li>{@code catalog.metastore-uri} set: that Hive metastore (a cluster's).</li>
 *   <li>Else the Derby database {@code <catalog.dir>/metastore_db}, with the warehouse in
 *       {@code <catalog.dir>/warehouse}. When a Derby network server listens at {@code catalog.derby-server}
 *       ({@code submit/thrift-server.sh start} runs one over this database), through it: the job, the Thrift server
 *       and other jobs then share the metastore. Else embedded in this JVM, which then holds the database alone
 *       until {@link #release()} (Derby admits one JVM per database).</li>
 * </ul>
 * Hive's connection pool is off: a metastore call opens its own connection, so a database released by one command
 * is opened again by the next command in the same JVM instead of failing on pooled connections to it.
 */
public final class Metastore {
    private static final Logger LOG = LoggerFactory.getLogger(Metastore.class);
    public static final String METASTORE_DB = "metastore_db";
    public static final String WAREHOUSE = "warehouse";
    static final String EMBEDDED_DRIVER = "org.apache.derby.jdbc.EmbeddedDriver";
    static final String CLIENT_DRIVER = "org.apache.derby.jdbc.ClientDriver";
    private static final int PROBE_MILLIS = 300;

    /** How the Derby metastore is opened. */
    public enum Mode { NONE, REMOTE, DERBY_SERVER, EMBEDDED_DERBY }

    private final Mode mode;
    private final Map<String, String> sparkConf;
    private final Path database;

    private Metastore(Mode mode, Map<String, String> sparkConf, Path database) {
        this.mode = mode;
        this.sparkConf = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
        this.database = database;
    }

    /** Decides how to reach the metastore of {@code spec}; with Derby, probes the network server first. */
    public static Metastore of(CatalogSpec spec) {
        return of(spec, false);
    }

    /**
     * {@code throughServer}: always through the Derby network server at catalog.derby-server, whether or not it
     * listens yet (the Thrift server's settings, written before it starts the Derby server).
     */
    public static Metastore of(CatalogSpec spec, boolean throughServer) {
        if (!spec.enabled()) {
            return new Metastore(Mode.NONE, Map.of(), null);
        }
        requireHiveSupport();
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.catalogImplementation", "hive");
        if (!spec.derbyMetastore()) {
            conf.put("spark.hadoop.hive.metastore.uris", spec.metastoreUri());
            return new Metastore(Mode.REMOTE, conf, null);
        }
        if (throughServer && spec.derbyServer().isEmpty()) {
            throw new ConfigProblem("catalog.derby-server is empty: the Derby metastore is embedded only");
        }
        Path dir = spec.localDir();
        Path database = dir.resolve(METASTORE_DB);
        boolean server = !spec.derbyServer().isEmpty()
                && (throughServer || listening(spec.derbyHost(), spec.derbyPort()));
        conf.put("spark.sql.warehouse.dir", dir.resolve(WAREHOUSE).toUri().toString());
        if (server) {
            conf.put("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby://" + spec.derbyServer() + "/"
                    + database + ";create=true");
            conf.put("spark.hadoop.javax.jdo.option.ConnectionDriverName", CLIENT_DRIVER);
        } else {
            conf.put("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + database
                    + ";create=true");
            conf.put("spark.hadoop.javax.jdo.option.ConnectionDriverName", EMBEDDED_DRIVER);
        }
        conf.put("spark.hadoop.datanucleus.connectionPoolingType", "None");
        Mode mode = server ? Mode.DERBY_SERVER : Mode.EMBEDDED_DERBY;
        if (mode == Mode.EMBEDDED_DERBY) {
            divertDerbyLog(dir);
        }
        return new Metastore(mode, conf, database);
    }

    public Mode mode() {
        return mode;
    }

    /** Settings for SparkConf before the session starts (spark-sql, spark-submit and the Thrift server take them). */
    public Map<String, String> sparkConf() {
        return sparkConf;
    }

    /** Where the metastore is, for messages. */
    public String describe() {
        return switch (mode) {
            case NONE -> "no catalog";
            case REMOTE -> "Hive metastore " + sparkConf.get("spark.hadoop.hive.metastore.uris");
            case DERBY_SERVER -> "Derby metastore " + database + " through the Derby network server "
                    + sparkConf.get("spark.hadoop.javax.jdo.option.ConnectionURL").split("/")[2];
            case EMBEDDED_DERBY -> "Derby metastore " + database + " (embedded)";
        };
    }

    /**
     * Lets go of the metastore when the command's session has stopped, so that the JVM can go on (tests, an
     * embedding application): detaches Hive's session state from this thread (else the next session's Hive client
     * in this thread reuses its configuration, metastore included) and closes an embedded Derby database this JVM
     * opened, so that another JVM (the next command, the Thrift server) can open it.
     */
    public void release() {
        if (mode == Mode.NONE) {
            return;
        }
        try {
            Class.forName("org.apache.hadoop.hive.ql.metadata.Hive").getMethod("closeCurrent").invoke(null);
            Class.forName("org.apache.hadoop.hive.ql.session.SessionState").getMethod("detachSession").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debug("no Hive session state to detach: {}", e.toString());
        }
        if (mode != Mode.EMBEDDED_DERBY || !Files.isDirectory(database)) {
            return;
        }
        try {
            Class.forName(EMBEDDED_DRIVER);
            DriverManager.getConnection("jdbc:derby:;databaseName=" + database + ";shutdown=true").close();
        } catch (SQLException e) {
            // 08006: this database shut down (what Derby answers on success); XJ004: it was not open in this JVM.
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                LOG.warn("could not release the Derby metastore {}: {}", database, e.getMessage());
            }
        } catch (ClassNotFoundException e) {
            // no Derby here: nothing was opened
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireHiveSupport() {
        try {
            Class.forName("org.apache.spark.sql.hive.HiveSessionStateBuilder", false,
                    Metastore.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConfigProblem("catalog.enabled needs Spark's Hive support (spark-hive) on the classpath, and"
                    + " this Spark has none: use a Spark built with Hive, or set catalog.enabled = false");
        }
    }

    /** Derby writes derby.log into the working directory unless told otherwise: keep it beside the database. */
    private static void divertDerbyLog(Path dir) {
        if (System.getProperty("derby.stream.error.file") == null) {
            try {
                Files.createDirectories(dir);
                System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
            } catch (IOException e) {
                LOG.warn("cannot create {}: {}", dir, e.getMessage());
            }
        }
    }
}
