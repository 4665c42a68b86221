package io.rnnforecast.output;

import io.rnnforecast.ingest.IngestCounts;
import io.rnnforecast.store.ModelProvenance;
import io.rnnforecast.train.TrainingReport;
import io.rnnforecast.window.Task;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of the {@code runs} table: a run that wrote result tables ({@code command} evaluate, run or predict), the
 * model it used (its provenance: the run that trained it, its configuration and training figures), the executors
 * it ran on, what Spark recovered from while it ran ({@code executorsLost}, {@code failedTasks}: added to the
 * model's own training's) and where its input's rows and series went.
 */
public record RunRecord(String runId, Command command, String dataset, Timestamp startedAt, Timestamp finishedAt,
                        int executors, ModelProvenance model, Task task, int executorsLost, int failedTasks,
                        IngestCounts ingest) {

    /** The commands that write a runs row. */
    public enum Command implements io.rnnforecast.config.Keyed {
        RUN, EVALUATE, PREDICT
    }

    /**
     * The row's columns by name (the runs table's, {@link ResultTable#RUNS}): roundOverheadSeconds is a parameter-averaging
     * round's mean wall time outside its slowest worker's fit; best_epoch the epoch whose parameters the model
     * holds; resumed_after_epoch the checkpoint training continued from (0: none).
     */
    Map<String, Object> columns() {
        TrainingReport training = model.training();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("run_id", runId);
        c.put("command", command.key());
        c.put("model_run_id", model.runId());
        c.put("model", model.model());
        c.put("dataset", dataset);
        c.put("started_at", startedAt);
        c.put("finished_at", finishedAt);
        c.put("config", model.configJson());
        c.put("code_version", model.versions().code());
        c.put("spark_master", model.sparkMaster());
        c.put("executors", executors);
        c.put("workers", training.workers());
        c.put("train_windows", training.trainExamples());
        c.put("train_samples_per_sec", training.samplesPerSecond());
        c.put("train_wall_seconds", model.trainingWallSeconds());
        // a classifier's validation figure is its mean cross-entropy, in a column of that name
        Double validation = nullIfNaN(training.finalValidationMse());
        c.put("final_validation_mse", task.classifies() ? null : validation);
        c.put("final_validation_cross_entropy", task.classifies() ? validation : null);
        c.put("epochs_trained", training.epochs().size());
        c.put("best_epoch", training.bestEpoch());
        c.put("resumed_after_epoch", training.resumedAfterEpoch());
        c.put("stop_reason", training.stopReason());
        c.put("rounds_per_epoch", training.roundsPerEpoch());
        c.put("round_overhead_seconds", nullIfNaN(training.meanRoundOverheadSeconds()));
        c.put("executors_lost", model.executorsLost() + executorsLost);
        c.put("failed_tasks", model.failedTasks() + failedTasks);
        c.put("rows_read", ingest.rowsRead());
        c.put("rows_used", ingest.rowsUsed());
        c.put("rows_dropped", scalaMap(ingest.rowsDropped()));
        c.put("rows_filled", ingest.rowsFilled());
        c.put("series_read", ingest.seriesRead());
        c.put("series_used", ingest.seriesUsed());
        c.put("series_rejected", scalaMap(ingest.seriesRejected()));
        c.put("series_irregular", ingest.seriesIrregular());
        return c;
    }

    static Double nullIfNaN(double value) {
        return Double.isNaN(value) ? null : value;
    }

    private static scala.collection.Map<String, Long> scalaMap(Map<String, Long> map) {
        return scala.collection.JavaConverters.mapAsScalaMap(map);
    }
}
