package io.rnnforecast.api;

import io.rnnforecast.config.ConfigProblem;
import io.rnnforecast.config.Keyed;
import io.rnnforecast.config.Settings;
import io.rnnforecast.eval.EvaluationSpec;
import io.rnnforecast.eval.IntervalSpec;
import io.rnnforecast.ingest.CovariateSpec;
import io.rnnforecast.ingest.SeriesColumns;
import io.rnnforecast.model.EnsembleSpec;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.store.TrainedModel;
import io.rnnforecast.train.TrainingSpec;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.TargetBase;
import io.rnnforecast.window.Task;
import io.rnnforecast.window.WindowSpec;

import java.util.List;

/**
 * The learning settings, parsed and checked by each section's own record: what {@link RnnForecaster}'s Params and
 * the command line's configuration both stand for. {@link #recipe()} is what a model trained with them fixes.
 */
public record ForecastSettings(String runId, String datasetName, SeriesColumns columns, RepairPolicy repair,
                               ScalingPolicy scaling, WindowSpec window, SplitSpec split, ModelSpec model,
                               EnsembleSpec ensemble, TrainingSpec training, Resume resume, EvaluationSpec evaluation,
                               CovariateSpec covariates) {

    /** train.resume: continue an interrupted run id from its checkpoint, or always start from scratch. */
    public enum Resume implements Keyed {
        AUTO, NEVER
    }

    /** The sections of a resolved configuration; a rule across keys is a ConfigProblem naming them. */
    public static ForecastSettings from(Settings s) {
        String runId = s.string("run-id");
        if (!runId.isEmpty() && !runId.matches("[A-Za-z0-9._-]{1,100}")) {
            throw Settings.invalid("run-id", runId, "letters, digits, '.', '_' and '-' (at most 100)");
        }
        WindowSpec window = WindowSpec.from(s);
        SplitSpec split = SplitSpec.from(s);
        ModelSpec model = ModelSpec.from(s, window);
        if (window.targetBase() == TargetBase.AUTO && (model.strategy() != ModelSpec.Strategy.DIRECT
                || model.task() != Task.FORECAST)) {
            // iterative and seq2seq outputs have no fixed horizon step to add a base to
            window = window.withTargetBase(TargetBase.NONE);
        }
        if (model.task().classifies() && split.mode() != SplitSpec.Mode.SERIES) {
            throw Settings.invalid("split.mode", split.mode().key(), "series with task = " + model.task().key()
                    + " (a classifier is tested on series it never saw)");
        }
        EvaluationSpec evaluation = EvaluationSpec.from(s);
        String quantilesMissing = evaluation.intervals().quantilesMissing(model.quantiles());
        if (quantilesMissing != null) {
            throw new ConfigProblem(quantilesMissing);
        }
        EnsembleSpec ensemble = EnsembleSpec.from(s);
        if (model.forecastsQuantiles() && !ensemble.losses().isEmpty()) {
            throw new ConfigProblem("model.ensemble.losses does not apply with model.quantiles = "
                    + model.quantiles() + ": every member of a quantile ensemble trains on the pinball loss; drop"
                    + " model.ensemble.losses");
        }
        // each member's network with its lookback, checked before Spark starts (naming the member)
        int withLookbacks = ensemble.lookbacks().isEmpty() ? 0 : ensemble.members();
        for (int k = 0; k < withLookbacks; k++) {
            try {
                ensemble.member(model, k);
            } catch (IllegalArgumentException e) {
                throw new ConfigProblem("model.ensemble.lookbacks = " + ensemble.lookbacks() + ", member "
                        + (k + 1) + ": " + e.getMessage());
            }
        }
        ForecastSettings settings = new ForecastSettings(runId, s.nonEmpty("data.name"), SeriesColumns.from(s),
                RepairPolicy.from(s), ScalingPolicy.from(s), window, split, model, ensemble,
                TrainingSpec.from(s), s.oneOf("train.resume", Resume.class),
                calibratable(evaluation, split, model), CovariateSpec.from(s));
        try {
            // the recipe's rules across sections (window.target-base and the strategy) before anything starts
            settings.recipe();
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem(e.getMessage());
        }
        return settings;
    }

    /**
     * The evaluation, its intervals off where there is nothing to calibrate them on: a classifier, or a series
     * split without validation series. Intervals the user asked for (evaluate.intervals set) are then refused,
     * naming the settings; the bundled default is turned off.
     */
    private static EvaluationSpec calibratable(EvaluationSpec evaluation, SplitSpec split, ModelSpec model) {
        IntervalSpec intervals = evaluation.intervals();
        if (!intervals.on()) {
            return evaluation;
        }
        String missing = model.task().classifies() ? "task = " + model.task().key() + " (a classifier)"
                : split.mode() == SplitSpec.Mode.SERIES && split.validation() == 0 && split.validationIds().isEmpty()
                ? "split.validation = 0 with split.mode = series (no validation series)" : null;
        if (missing == null) {
            return evaluation;
        }
        if (intervals.requested()) {
            throw new ConfigProblem(IntervalSpec.LEVELS + " = " + intervals.levels() + " needs a validation part to"
                    + " calibrate the intervals on, but " + missing + " gives none: set split.validation above 0"
                    + " (or split.mode = time), or " + IntervalSpec.LEVELS + " = []");
        }
        return evaluation.withIntervals(intervals.off());
    }

    /** The settings a model trained with these fixes for every later use of it. */
    public TrainedModel.Recipe recipe() {
        return new TrainedModel.Recipe(model, window, split, scaling, repair, List.of(), ensemble, covariates);
    }
}
