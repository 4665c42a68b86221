package io.rnnforecast.plots;

import io.rnnforecast.eval.Baselines;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Writes a run's PNG plots to {@code <output root>/plots/run_id=<id>/} through the Hadoop FileSystem API (the root
 * may be any Hadoop URI): the learning curve, forecasts of the best, median and worst test series by skill (with the
 * model's prediction intervals shaded), the distribution of per-series error, and with intervals their
 * calibration (empirical against nominal coverage per level and horizon step). Charts are rendered in the driver,
 * headless, into byte arrays.
 *
 * <p>A plot that fails is logged as a warning naming its file and skipped, never thrown: it is drawn after the
 * result tables are written, and a run whose tables were computed must not be lost (exit code 1, a scheduler
 * retrying hours of training) to a chart problem such as a missing font on the driver.
 */
public final class RunPlots {
    public static final String LEARNING_CURVE = "learning-curve.png";
    public static final String FORECASTS = "forecasts.png";
    public static final String ERROR_DISTRIBUTION = "error-distribution.png";
    public static final String CALIBRATION = "calibration.png";
    private static final Logger LOG = LoggerFactory.getLogger(RunPlots.class);

    static {
        // before any AWT class loads: a driver on a cluster node usually has no display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private RunPlots() {
    }

    /** The run's plot directory under the output root. */
    public static String directory(String outputRoot, String runId) {
        return (outputRoot.endsWith("/") ? outputRoot : outputRoot + "/") + "plots/run_id=" + runId;
    }

    /** Draws and writes the run's plots, replacing any of an earlier run with its id; returns the files written. */
    public static List<String> write(SparkSession spark, String outputRoot, PlotInputs in) {
        long t0 = System.nanoTime();
        Path dir = new Path(directory(outputRoot, in.runId()));
        FileSystem fs;
        try {
            fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.delete(dir, true);
        } catch (IOException e) {
            LOG.warn("plots skipped: cannot replace {}: {}", dir, e.toString());
            return List.of();
        }
        List<String> written = new ArrayList<>();
        // The ranking and the histogram read only the all-steps rows of the model and naive, as one small cached
        // frame on few partitions. Read from the cached series_metrics itself (every model and step, on the
        // partitions of its shuffles), their jobs made forecasts.png take 16.9 s and error-distribution.png 9.3 s
        // on the quick start's 10k series; from this frame 3.5 s and 1.6 s (measured).
        Dataset<Row> metrics = allStepsOf(in.seriesMetrics(), in.model())
                .coalesce(spark.sparkContext().defaultParallelism()).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            attempt(fs, new Path(dir, LEARNING_CURVE), written,
                    () -> ChartStyle.png(LearningCurveChart.of(in.runId(), in.model(), in.loss(), in.epochs())));
            attempt(fs, new Path(dir, FORECASTS), written, () -> {
                // ranking runs several jobs (count, sorts, the median's index): join the model and naive rows once
                // (1M series: the plots took 82 s with the join redone by every job)
                Dataset<Row> skills = SkillRanking.skills(metrics, in.model()).persist(StorageLevel.MEMORY_AND_DISK());
                List<SkillRanking.Pick> picks;
                try {
                    picks = SkillRanking.bestMedianWorst(skills);
                } finally {
                    skills.unpersist();
                }
                if (picks.isEmpty()) {
                    throw new IllegalStateException("no test series with a naive MAE above 0 to rank by skill");
                }
                List<ForecastTrace> traces = ForecastTraces.gather(picks, in.series(), in.predictions(), in.model(),
                        in.input());
                return ChartStyle.png(ForecastChart.of(in.runId(), in.model(), traces));
            });
            attempt(fs, new Path(dir, ERROR_DISTRIBUTION), written, () -> ChartStyle.png(ErrorChart.of(in.runId(),
                    in.model(), ErrorHistogram.of(metrics, List.of(in.model(), Baselines.NAIVE)))));
        } finally {
            metrics.unpersist();
        }
        attempt(fs, new Path(dir, CALIBRATION), written, () -> {
            List<CalibrationChart.Coverage> coverage = CalibrationChart.coverage(in.predictions(),
                    List.of(in.model(), Baselines.NAIVE));
            return coverage.isEmpty() ? null : ChartStyle.png(CalibrationChart.of(in.runId(), in.model(), coverage));
        });
        LOG.info(String.format("wrote %d plots to %s in %.1f s", written.size(), dir, (System.nanoTime() - t0) / 1e9));
        return written;
    }

    /**
     * The rows the ranking and the histogram read; the table itself when they cannot be told apart (a table
     * without step or model columns: then the plots that need them fail one by one, as {@link #attempt} logs).
     */
    private static Dataset<Row> allStepsOf(Dataset<Row> seriesMetrics, String model) {
        List<String> columns = java.util.Arrays.asList(seriesMetrics.columns());
        return columns.contains("step") && columns.contains("model")
                ? seriesMetrics.where(col("step").equalTo(0).and(col("model").isin(model, Baselines.NAIVE)))
                : seriesMetrics;
    }

    private interface Png {
        /** The PNG bytes, or null when there is nothing to draw (a run without intervals has no calibration). */
        byte[] render() throws IOException;
    }

    /**
     * Renders and writes one plot, or logs why not. Besides exceptions this catches the errors AWT raises when the
     * driver cannot render text (no fonts or fontconfig: UnsatisfiedLinkError, InternalError, AWTError).
     */
    private static void attempt(FileSystem fs, Path file, List<String> written, Png png) {
        long t0 = System.nanoTime();
        try {
            byte[] bytes = png.render();
            if (bytes == null) {
                LOG.info("plot {} not drawn: nothing to show", file);
                return;
            }
            try (FSDataOutputStream out = fs.create(file, true)) {
                out.write(bytes);
            }
            written.add(file.toString());
            LOG.info(String.format("plot %s in %.1f s", file.getName(), (System.nanoTime() - t0) / 1e9));
        } catch (Exception | LinkageError | InternalError | java.awt.AWTError e) {
            LOG.warn("plot {} not written: {}", file, e.toString(), e);
        }
    }
}
