package io.rnnforecast.store;

import io.rnnforecast.ingest.DataFingerprint;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.model.NetworkFactory;
import io.rnnforecast.model.ParameterCount;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.series.TimeUnit;
import io.rnnforecast.train.TrainingReport;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.WindowSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** model.json as ModelStore writes and reads it: the recipe's model section and the parameter count. */
class ModelJsonTest {

    private static TrainedModel.Recipe recipe(ModelSpec model) {
        return new TrainedModel.Recipe(model, new WindowSpec(50, 1, 1, 1), SplitSpec.bySeries(0.2, 0.1, 42),
                new ScalingPolicy(Scaling.Method.NONE, ScalingPolicy.WhenConstant.REJECT_SERIES),
                new RepairPolicy(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE,
                        new Frequency(1, TimeUnit.STEP)));
    }

    @Test
    void everyModelOptionAndTheParameterCountRoundTrip() throws Exception {
        for (ModelSpec model : List.of(
                ModelSpec.builder().cell(ModelSpec.Cell.SIMPLE_RNN).units(List.of(20, 10))
                        .output(ModelSpec.Output.RECURRENT)
                        .window(50, 1).loss(ModelSpec.Loss.MAE).learningRate(0.005)
                        .dropout(0.2).gradientClip(1.0).learningRateDecay(new ModelSpec.StepDecay(5, 0.5)).seed(42)
                        .build(),
                ModelSpec.builder().cell(ModelSpec.Cell.LINEAR).units(List.of()).output(ModelSpec.Output.DENSE)
                        .window(50, 1).loss(ModelSpec.Loss.MSE).learningRate(0.001)
                        .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(42).build(),
                ModelSpec.builder().cell(ModelSpec.Cell.LSTM).units(List.of(20, 20)).output(ModelSpec.Output.DENSE)
                        .window(50, 10).loss(ModelSpec.Loss.MSE).learningRate(0.01)
                        .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(42)
                        .strategy(ModelSpec.Strategy.SEQ2SEQ).build(),
                ModelSpec.builder().cell(ModelSpec.Cell.GRU).units(List.of(8)).output(ModelSpec.Output.RECURRENT)
                        .window(50, 10).loss(ModelSpec.Loss.MSE).learningRate(0.01)
                        .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(42)
                        .strategy(ModelSpec.Strategy.ITERATIVE).build(),
                ModelSpec.builder().cell(ModelSpec.Cell.LSTM).units(List.of(20, 20)).output(ModelSpec.Output.DENSE)
                        .window(50, 1).loss(ModelSpec.Loss.MSE).learningRate(0.01)
                        .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(42)
                        .strategy(ModelSpec.Strategy.DIRECT).conv(ModelSpec.Conv1d.NONE).init(ModelSpec.Init.KERAS)
                        .bidirectional(true).build(),
                ModelSpec.builder().cell(ModelSpec.Cell.JORDAN).units(List.of(20)).window(50, 10)
                        .strategy(ModelSpec.Strategy.SEQ2SEQ).learningRate(0.01).build())) {
            ParameterCount count = ParameterCount.of(NetworkFactory.configuration(model));
            ModelProvenance provenance = new ModelProvenance("r1", model.displayName(), "geron", "{}",
                    RuntimeVersions.current("test"), "local[1]", "2026-11-24T00:00:00Z",
                    new DataFingerprint("file:/d", "parquet", "s", "LONG", 10, 10, 1, 0),
                    new TrainingReport("r1", 1, 8, 2, 1, 0.1, "rounds", List.of(), 0.2, 0, 1, "done"), 0, 0, count);
            ModelStore.Description written = new ModelStore.Description(ModelStore.FORMAT, recipe(model), provenance,
                    null);
            String json = ModelStore.JSON.writeValueAsString(written);
            assertEquals(written, ModelStore.JSON.readValue(json, ModelStore.Description.class), json);
        }
    }

    /** A model.json written before per-layer widths and the model options: one width, layers, nothing else. */
    @Test
    void aModelSectionFromBeforeTheOptionsReadsAsTheUniformDenseModel() throws Exception {
        String old = "{\"cell\":\"GRU\",\"layers\":3,\"units\":16,\"inputLength\":50,\"horizon\":2,\"loss\":\"MSE\","
                + "\"learningRate\":0.001,\"seed\":7}";
        ModelSpec read = RecipeJson.readModel(old);
        assertEquals(ModelSpec.builder().cell(ModelSpec.Cell.GRU).stack(3, 16).window(50, 2)
                .loss(ModelSpec.Loss.MSE).learningRate(0.001).seed(7).build(), read);
        assertEquals("gru-3x16", read.displayName());
        // ... and before strategies: direct; before model.bidirectional: one direction
        assertEquals(ModelSpec.Strategy.DIRECT, read.strategy());
        assertEquals(false, read.bidirectional());
        String provenance = "{\"runId\":\"r0\",\"model\":\"gru-3x16\",\"executorsLost\":0,\"failedTasks\":0}";
        assertNull(ModelStore.JSON.readValue(provenance, ModelProvenance.class).parameters());
    }
}
