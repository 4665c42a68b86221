package io.rnnforecast.store;

import io.rnnforecast.ingest.DataSpec;
import io.rnnforecast.ingest.IngestSpec;
import io.rnnforecast.ingest.LabelSpec;
import io.rnnforecast.ingest.SeriesColumns;
import io.rnnforecast.ingest.SourceFormat;
import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.Task;
import io.rnnforecast.window.WindowSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;

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

    /**
     * The settings a model fixes for every later use of it; saved as JSON beside the network. {@code classes}: a
     * classifier's class labels in output order (empty for a forecaster, and in model.json written before the
     * classification tasks).
     */
    public record Recipe(ModelSpec model, WindowSpec window, SplitSpec split, ScalingPolicy scaling,
                         RepairPolicy repair, List<String> classes) {
        public Recipe {
            classes = classes == null ? List.of() : List.copyOf(classes);
        }

        /** A forecaster's. */
        public Recipe(ModelSpec model, WindowSpec window, SplitSpec split, ScalingPolicy scaling,
                      RepairPolicy repair) {
            this(model, window, split, scaling, repair, List.of());
        }

        /** This recipe for a classifier of the {@code found} classes (in output order). */
        public Recipe withClasses(List<String> found) {
            return new Recipe(model.withClasses(found.size()), window, split, scaling, repair, found);
        }

        public Task task() {
            return model.task();
        }
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
        if (recipe.task().classifies()) {
            return classificationIngest(data.format(), data.columns(), recipe.repair(), recipe.scaling(),
                    recipe.window(), new LabelSpec(recipe.classes()));
        }
        int horizon = recipe.window().horizon();
        return new IngestSpec(data.format(), data.columns(), recipe.repair(), recipe.scaling(),
                recipe.split().minLength(recipe.window()), recipe.split().heldOutTail(horizon),
                recipe.split().scoredTail(horizon), season);
    }

    /**
     * How a classification task reads data: with the label column, series at least one window of input long,
     * scalers fitted on the whole series (classification splits by series: nothing of a series is held out).
     */
    public static IngestSpec classificationIngest(SourceFormat format, SeriesColumns columns, RepairPolicy repair,
                                                  ScalingPolicy scaling, WindowSpec window, LabelSpec labels) {
        return new IngestSpec(format, columns, repair, scaling, window.input(), 0, 0, 0, labels);
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
