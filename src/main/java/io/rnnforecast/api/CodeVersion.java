package io.rnnforecast.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** "version (commit[-dirty])" as Maven recorded it at build time. */
public final class CodeVersion {
    private CodeVersion() {
    }

    public static String get() {
        Properties p = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream("/rnnforecast-build.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        String commit = p.getProperty("commit", "");
        String version = p.getProperty("version", "unknown");
        if (commit.isEmpty() || commit.startsWith("${")) {
            return version;
        }
        return version + " (" + commit + ("true".equals(p.getProperty("dirty")) ? "-dirty" : "") + ")";
    }
}
