package io.rnnforecast.store;

import io.rnnforecast.ingest.CovariateSpec;
import io.rnnforecast.ingest.IngestSpec;
import io.rnnforecast.ingest.LabelSpec;
import io.rnnforecast.ingest.SeriesColumns;
import io.rnnforecast.ingest.SourceFormat;
import io.rnnforecast.model.EnsembleSpec;
import io.rnnforecast.model.LinearAutoregression;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.window.CovariateLayout;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.TargetBase;
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
 * {@code linear} rows are then written); its provenance; and the conformal calibration of its forecasters'
 * prediction intervals (null: saved without, evaluate.intervals off or a model older than them).
 * {@link ModelStore} saves and loads it at any Hadoop filesystem URI.
 */
public record TrainedModel(List<MultiLayerNetwork> networks, Recipe recipe, Dataset<Row> scalers,
                           LinearAutoregression linear, ModelProvenance provenance, IntervalCalibration calibration) {

    public TrainedModel {
        networks = List.copyOf(networks);
        if (networks.size() != recipe.ensemble().members()) {
            throw new IllegalArgumentException(networks.size() + " networks for an ensemble of "
                    + recipe.ensemble().members());
        }
    }

    /** Without a calibration. */
    public TrainedModel(List<MultiLayerNetwork> networks, Recipe recipe, Dataset<Row> scalers,
                        LinearAutoregression linear, ModelProvenance provenance) {
        this(networks, recipe, scalers, linear, provenance, null);
    }

    /** One network. */
    public TrainedModel(MultiLayerNetwork network, Recipe recipe, Dataset<Row> scalers, LinearAutoregression linear,
                        ModelProvenance provenance) {
        this(List.of(network), recipe, scalers, linear, provenance);
    }

    /** This model with its forecasters' interval calibration. */
    public TrainedModel withCalibration(IntervalCalibration calibrated) {
        return new TrainedModel(networks, recipe, scalers, linear, provenance, calibrated);
    }

    /** The (first member's) network. */
    public MultiLayerNetwork network() {
        return networks.get(0);
    }

    /**
     * The settings a model fixes for every later use of it; saved as JSON beside the network. {@code classes}: a
     * classifier's class labels in output order (empty for a forecaster, and in model.json written before the
     * classification tasks).
     */
    public record Recipe(ModelSpec model, WindowSpec window, SplitSpec split, ScalingPolicy scaling,
                         RepairPolicy repair, List<String> classes, EnsembleSpec ensemble, CovariateSpec covariates) {
        public Recipe {
            classes = classes == null ? List.of() : List.copyOf(classes);
            ensemble = ensemble == null ? EnsembleSpec.SINGLE : ensemble;
            covariates = covariates == null ? CovariateSpec.NONE : covariates;
            if (!model.covariates().equals(CovariateLayout.of(covariates))) {
                throw new IllegalArgumentException("the model reads " + model.covariates() + ", the recipe names "
                        + covariates);
            }
            if (window.targetBase() == TargetBase.SEASONAL_NAIVE && (model.strategy() != ModelSpec.Strategy.DIRECT
                    || model.task() != Task.FORECAST)) {
                // an iterative or seq2seq output has no fixed horizon step to add a window's base to
                throw new IllegalArgumentException("window.target-base = " + window.targetBase().key()
                        + " needs model.strategy = direct and task = forecast, got " + model.strategy().key()
                        + " and " + model.task().key());
            }
        }

        /** Without covariates. */
        public Recipe(ModelSpec model, WindowSpec window, SplitSpec split, ScalingPolicy scaling,
                      RepairPolicy repair, List<String> classes, EnsembleSpec ensemble) {
            this(model, window, split, scaling, repair, classes, ensemble, CovariateSpec.NONE);
        }

        /** One network. */
        public Recipe(ModelSpec model, WindowSpec window, SplitSpec split, ScalingPolicy scaling,
                      RepairPolicy repair, List<String> classes) {
            this(model, window, split, scaling, repair, classes, EnsembleSpec.SINGLE);
        }

        /** A forecaster's. */
        public Recipe(ModelSpec model, WindowSpec window, SplitSpec split, ScalingPolicy scaling,
                      RepairPolicy repair) {
            this(model, window, split, scaling, repair, List.of());
        }

        /** This recipe for a classifier of the {@code found} classes (in output order). */
        public Recipe withClasses(List<String> found) {
            return new Recipe(model.withClasses(found.size()), window, split, scaling, repair, found, ensemble,
                    covariates);
        }

        public Task task() {
            return model.task();
        }

        /**
         * How data is read to train this recipe's model and to evaluate it: the repair and scaling it fixes, series
         * long enough for a training window (and the held-out horizons of a time split), scalers fitted before the
         * held-out tail, MASE's in-sample scale before the scored tail with {@code season} (0: the frequency's). A
         * classifier reads the label column: learning the classes from the data until it has them.
         */
        public IngestSpec ingest(SourceFormat format, SeriesColumns columns, int season) {
            if (task().classifies()) {
                // nothing of a series is held out (classification splits by series); one window of input is enough
                return new IngestSpec(format, columns, repair, scaling, window.input(), 0, 0, 0,
                        classes.isEmpty() ? LabelSpec.LEARN : new LabelSpec(classes)).withCovariates(covariates);
            }
            int horizon = window.horizon();
            int validatedFrom = split.mode() == SplitSpec.Mode.TIME && window.pads()
                    ? window.length() + split.heldOutTail(horizon) : 0;
            return new IngestSpec(format, columns, repair, scaling, split.minLength(window),
                    split.heldOutTail(horizon), split.scoredTail(horizon), season, null, validatedFrom, covariates);
        }

        /**
         * How new data is read to forecast past its end: one input window is enough (as few values as a padded
         * window may have), nothing held out.
         */
        public IngestSpec forecastIngest(SourceFormat format, SeriesColumns columns, int season) {
            return new IngestSpec(format, columns, repair, scaling, window.fewestObserved(), 0, 0, season)
                    .withCovariates(covariates)
                    .requiringFutureSteps(covariates.future().isEmpty() ? 0 : window.horizon());
        }

        /** This recipe with {@code fitted} covariates (the per-series ones' scalers and categories found). */
        public Recipe withCovariates(CovariateSpec fitted) {
            return new Recipe(model.withCovariates(CovariateLayout.of(fitted), fitted.statics().channels()), window,
                    split, scaling, repair, classes, ensemble, fitted);
        }

        /** This recipe with its windows cut as {@code chosen} says (window.normalization = auto, resolved). */
        public Recipe withWindow(WindowSpec chosen) {
            return new Recipe(model, chosen, split, scaling, repair, classes, ensemble, covariates);
        }

        /** The same recipe evaluated at {@code cutoffs} rolling origins (a time split's last horizons). */
        public Recipe withCutoffs(int cutoffs) {
            return new Recipe(model, window, new SplitSpec(split.mode(), split.validation(), split.test(),
                    split.seed(), split.validationIds(), split.testIds(), cutoffs), scaling, repair, classes,
                    ensemble, covariates);
        }
    }

    /** The model column of its forecasts: the network's name, or the ensemble's combined one. */
    public String name() {
        return recipe.ensemble().name(recipe.model());
    }

    public int horizon() {
        return recipe.window().horizon();
    }

    /**
     * How data is read for this model, as in training (same repair, scaling, minimum length, held-out and scored
     * tails; the classes learnt from the data, or the model's); {@code season} for the error scale (0: the
     * frequency's).
     */
    public IngestSpec evaluationIngest(SourceFormat format, SeriesColumns columns, int season) {
        return recipe.ingest(format, columns, season);
    }

    /**
     * How {@code predict} reads new data: same repair and scaling; one input window is enough, and a series never
     * seen in training is scaled by its whole history (no tail held out).
     */
    public IngestSpec forecastIngest(SourceFormat format, SeriesColumns columns, int season) {
        return recipe.forecastIngest(format, columns, season);
    }
}
