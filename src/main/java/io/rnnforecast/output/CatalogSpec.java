package io.rnnforecast.output;

import io.rnnforecast.config.Settings;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the result tables are registered by name (the catalog section and output.database). {@code enabled}: the
 * tables are external tables of database {@code database} in a Hive metastore; else they are only Parquet paths.
 * {@code metastoreUri} (thrift://...) names an existing Hive metastore; empty means the Derby metastore under the
 * local directory {@code dir}, reached through the Derby network server at {@code derbyServer} (host:port) when one
 * listens there, else opened in this JVM (embedded Derby, one JVM at a time).
 */
public record CatalogSpec(boolean enabled, String database, String metastoreUri, String dir, String derbyServer) {
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:(\\d{1,5})");

    public CatalogSpec {
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("output.database must be letters, digits and '_': " + database);
        }
        for (String uri : metastoreUri.isEmpty() ? new String[0] : metastoreUri.split(",")) {
            if (!uri.trim().startsWith("thrift://")) {
                throw new IllegalArgumentException("catalog.metastore-uri must be thrift://host:port (comma-separated"
                        + " for several): " + metastoreUri);
            }
        }
        if (!derbyServer.isEmpty() && !validHostPort(derbyServer)) {
            throw new IllegalArgumentException("catalog.derby-server must be host:port (or empty): " + derbyServer);
        }
        if (enabled && metastoreUri.isEmpty() && localDir(dir) == null) {
            throw new IllegalArgumentException("catalog.dir must be a local directory for the Derby metastore, not "
                    + dir + ": set catalog.metastore-uri to your Hive metastore (thrift://host:9083), catalog.dir to a"
                    + " local directory, or catalog.enabled = false");
        }
    }

    /** The catalog section; the database is output.database. */
    public static CatalogSpec from(Settings s) {
        String database = s.nonEmpty("output.database");
        if (!DATABASE.matcher(database).matches()) {
            throw Settings.invalid("output.database", database, "letters, digits and '_' (at most 128)");
        }
        String derbyServer = s.string("catalog.derby-server").trim();
        if (!derbyServer.isEmpty() && !validHostPort(derbyServer)) {
            throw Settings.invalid("catalog.derby-server", derbyServer, "host:port, or empty for embedded Derby only");
        }
        return Settings.checked(() -> new CatalogSpec(s.bool("catalog.enabled"), database,
                s.string("catalog.metastore-uri").trim(), s.nonEmpty("catalog.dir"), derbyServer));
    }

    /** No catalog: the tables are Parquet paths only. */
    public static CatalogSpec disabled() {
        return new CatalogSpec(false, "rnn_forecast", "", "catalog", "");
    }

    public boolean derbyMetastore() {
        return metastoreUri.isEmpty();
    }

    /** The catalog directory as an absolute local path (a plain path or a file: URI). */
    public Path localDir() {
        Path p = localDir(dir);
        if (p == null) {
            throw new IllegalStateException("catalog.dir is not local: " + dir);
        }
        return p;
    }

    public String derbyHost() {
        return derbyServer.substring(0, derbyServer.lastIndexOf(':'));
    }

    public int derbyPort() {
        return Integer.parseInt(derbyServer.substring(derbyServer.lastIndexOf(':') + 1));
    }

    private static boolean validHostPort(String value) {
        var m = HOST_PORT.matcher(value);
        return m.matches() && Integer.parseInt(m.group(1)) >= 1 && Integer.parseInt(m.group(1)) <= 65535;
    }

    private static Path localDir(String dir) {
        try {
            URI uri = URI.create(dir.replace(" ", "%20"));
            if (uri.getScheme() == null || uri.getScheme().length() == 1) {   // a path (or a Windows drive letter)
                return Path.of(dir).toAbsolutePath().normalize();
            }
            if ("file".equals(uri.getScheme())) {
                return Path.of(uri.getPath()).toAbsolutePath().normalize();
            }
            return null;
        } catch (IllegalArgumentException e) {
            return Path.of(dir).toAbsolutePath().normalize();
        }
    }
}
