package io.rnnforecast.store;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The versions that made a model: this code (version and commit), Spark, DL4J and the JVM. */
public record RuntimeVersions(String code, String spark, String dl4j, String java) {

    public static RuntimeVersions current(String code) {
        return new RuntimeVersions(code, org.apache.spark.package$.MODULE$.SPARK_VERSION(), dl4jVersion(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    /** DL4J's jars carry no Implementation-Version; Maven's pom.properties (kept in the shaded jar) does. */
    private static String dl4jVersion() {
        Properties p = new Properties();
        try (InputStream in = MultiLayerNetwork.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}
