package io.rnnforecast.train;

import io.rnnforecast.ingest.DataSpec;
import io.rnnforecast.ingest.IngestSpec;
import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.WindowSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * What users keep after training: everything needed to turn raw long-format rows into forecasts. The network; the
 * settings its inputs were made with ({@link Recipe}: model, windows, the split it was trained and is evaluated
 * with, scaling policy, duplicate/gap/frequency handling); the per-series scalers fitted in training
 * ({@code unique_id, scaling, center, scale}, a distributed table: never collected); the least-squares
 * {@code linear} baseline fitted on the same training windows (null for a model saved before it existed: no
 * {@code linear} rows are then written); and its provenance. {@link ModelStore} saves and loads it at any Hadoop
 * filesystem URI.
 */
public record TrainedModel(MultiLayerNetwork network, Recipe recipe, Dataset<Row> scalers,
                           LinearAutoregression linear, ModelProvenance provenance) {

    /** The settings a model fixes for every later use of it; saved as JSON beside the network. */
    public record Recipe(ModelSpec model, WindowSpec window, SplitSpec split, ScalingPolicy scaling,
                         RepairPolicy repair) {
    }

    public String name() {
        return recipe.model().displayName();
    }

    public int horizon() {
        return recipe.window().horizon();
    }

    /**
     * How {@code evaluate} reads data: as in training (same repair, scaling, minimum length, held-out and scored
     * tails); {@code season} as for training (0: the frequency's).
     */
    public IngestSpec evaluationIngest(DataSpec data, int season) {
        int horizon = recipe.window().horizon();
        return new IngestSpec(data.format(), data.columns(), recipe.repair(), recipe.scaling(),
                recipe.split().minLength(recipe.window()), recipe.split().heldOutTail(horizon),
                recipe.split().scoredTail(horizon), season);
    }

    /**
     * How {@code predict} reads new data: same repair and scaling; one input window is enough, and a series never
     * seen in training is scaled by its whole history (no tail held out).
     */
    public IngestSpec forecastIngest(DataSpec data, int season) {
        return new IngestSpec(data.format(), data.columns(), recipe.repair(), recipe.scaling(),
                recipe.window().input(), 0, 0, season);
    }
}
