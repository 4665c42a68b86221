package io.rnnforecast;

import org.apache.spark.sql.SparkSession;

/** One real local[2] SparkSession for the test JVM (recreated if a job under test stopped it). */
public final class SparkTestSession {
    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        return SparkSession.builder()
                .master("local[2]")
                .appName("rnn-forecast-tests")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    /** Stops the active and the default session (a test that needs a differently configured one next). */
    public static synchronized void stopAll() {
        SparkSession.getActiveSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
