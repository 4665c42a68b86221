package io.rnnforecast.job;

import io.rnnforecast.output.Metastore;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/** Starts (or joins) the SparkSession a command runs in. */
final class SparkSessions {
    static final String EMBEDDED_MASTER = "local[*]";

    private SparkSessions() {
    }

    /** With {@code metastore}'s settings (the catalog); spark.conf entries win over them. */
    static SparkSession start(JobConfig.SparkSettings settings, Metastore metastore) {
        SparkConf conf = new SparkConf().setAppName(settings.appName());
        if (!settings.master().isEmpty()) {
            conf.setMaster(settings.master());
        } else {
            // spark-submit's --master arrives as the spark.master property; only default when there is none.
            conf.setIfMissing("spark.master", EMBEDDED_MASTER);
        }
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        for (Map.Entry<String, String> e : metastore.sparkConf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : settings.conf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** Executors excluding the driver; local mode counts as one. */
    static int executors(SparkSession spark) {
        int infos = spark.sparkContext().statusTracker().getExecutorInfos().length;
        return spark.sparkContext().isLocal() ? 1 : Math.max(0, infos - 1);
    }
}
