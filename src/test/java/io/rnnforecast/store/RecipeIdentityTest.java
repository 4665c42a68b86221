package io.rnnforecast.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.series.Frequency;
import io.rnnforecast.series.RepairPolicy;
import io.rnnforecast.series.Scaling;
import io.rnnforecast.series.ScalingPolicy;
import io.rnnforecast.series.TimeUnit;
import io.rnnforecast.window.SplitSpec;
import io.rnnforecast.window.WindowSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The checkpoint identity is a hash of the recipe's JSON in which fields added later are left out at their neutral
 * value: a model that does not use a field has the identity it had before the field existed.
 */
class RecipeIdentityTest {

    private static TrainedModel.Recipe recipe(ModelSpec model, Set<String> testIds) {
        return new TrainedModel.Recipe(model, new WindowSpec(50, 1, 1, 1),
                new SplitSpec(SplitSpec.Mode.SERIES, 0.2, 0.1, 42, Set.of(), testIds, 1),
                new ScalingPolicy(Scaling.Method.NONE, ScalingPolicy.WhenConstant.REJECT_SERIES),
                new RepairPolicy(RepairPolicy.Duplicates.KEEP_LAST, RepairPolicy.Gaps.INTERPOLATE,
                        new Frequency(1, TimeUnit.STEP)));
    }

    private static ModelSpec lstm(int units, boolean bidirectional) {
        return ModelSpec.builder().cell(ModelSpec.Cell.LSTM).units(List.of(units, units)).output(ModelSpec.Output.DENSE)
                .window(50, 1).loss(ModelSpec.Loss.MSE).learningRate(0.001)
                .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(42)
                .strategy(ModelSpec.Strategy.DIRECT).conv(ModelSpec.Conv1d.NONE).init(ModelSpec.Init.PYTORCH)
                .bidirectional(bidirectional).build();
    }

    @Test
    void aRecipeWrittenBeforeTheLaterFieldsHasTheIdentityOfTheSameRecipeToday() throws Exception {
        TrainedModel.Recipe today = recipe(lstm(20, false), Set.of());
        ObjectNode json = RecipeJson.JSON.valueToTree(today);
        // what a model.json written before these fields existed holds
        ObjectNode model = (ObjectNode) json.get("model");
        for (String added : List.of("strategy", "conv", "init", "bidirectional", "task", "classes")) {
            model.remove(added);
        }
        ((ObjectNode) json.get("window")).remove("normalization");
        json.remove("classes");
        TrainedModel.Recipe old = RecipeJson.JSON.treeToValue(RecipeJson.withDefaults(json),
                TrainedModel.Recipe.class);
        assertEquals(today, old);
        assertEquals(RecipeJson.identity(today), RecipeJson.identity(old));
    }

    @Test
    void theIdentityFollowsWhatShapesTheModelNotHowItIsStored() {
        String base = RecipeJson.identity(recipe(lstm(20, false), Set.of("a", "b", "c")));
        assertEquals(64, base.length(), "a SHA-256 in hex");
        assertNotEquals(base, RecipeJson.identity(recipe(lstm(32, false), Set.of("a", "b", "c"))));
        assertNotEquals(base, RecipeJson.identity(recipe(lstm(20, true), Set.of("a", "b", "c"))),
                "a later field at another value than its neutral one counts");
        // a set's order (a HashSet's differs between JVMs) does not
        Set<String> reversed = new LinkedHashSet<>(List.of("c", "b", "a"));
        assertEquals(base, RecipeJson.identity(recipe(lstm(20, false), reversed)));
        // neither do the things it is hashed with, unless they differ
        record Averaging(int workers) {
        }
        assertEquals(RecipeJson.identity(recipe(lstm(20, false), Set.of()), new Averaging(2)),
                RecipeJson.identity(recipe(lstm(20, false), Set.of()), new Averaging(2)));
        assertNotEquals(RecipeJson.identity(recipe(lstm(20, false), Set.of()), new Averaging(2)),
                RecipeJson.identity(recipe(lstm(20, false), Set.of()), new Averaging(3)));
    }

    /**
     * model.quantiles: a recipe with quantiles reads back as written (levels ascending) and has its own identity; a
     * model.json written before quantiles existed reads as a point network with the identity it had.
     */
    @Test
    void quantilesAreWrittenReadAndLeftOutOfThePointNetworksIdentity() throws Exception {
        TrainedModel.Recipe point = recipe(lstm(20, false), Set.of());
        TrainedModel.Recipe quantile = recipe(lstm(20, false).toBuilder().quantiles(0.9, 0.1).build(), Set.of());
        String written = RecipeJson.JSON.writeValueAsString(quantile);
        TrainedModel.Recipe read = RecipeJson.JSON.treeToValue(RecipeJson.withDefaults(
                (ObjectNode) RecipeJson.JSON.readTree(written)), TrainedModel.Recipe.class);
        assertEquals(quantile, read);
        assertEquals(List.of(0.1, 0.9), read.model().quantiles());
        assertNotEquals(RecipeJson.identity(point), RecipeJson.identity(quantile));
        ObjectNode json = RecipeJson.JSON.valueToTree(point);
        ((ObjectNode) json.get("model").get("objective")).remove("quantiles");
        TrainedModel.Recipe old = RecipeJson.JSON.treeToValue(RecipeJson.withDefaults(json),
                TrainedModel.Recipe.class);
        assertEquals(point, old);
        assertEquals(List.of(), old.model().quantiles());
        assertEquals(RecipeJson.identity(point), RecipeJson.identity(old));
    }
}
