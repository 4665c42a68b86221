package io.rnnforecast.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The recipe as JSON: how model.json holds it, the defaults the reader gives the fields older model.json files
 * lack, and the identity a checkpoint is tied to.
 *
 * <p>{@link #ADDED_LATER} lists every recipe field that was added after model.json format 2 began, with the value
 * that reproduces what a model had before the field existed. The reader fills these in where a file lacks them
 * (domain constructors do not guess), and the {@link #identity} leaves out fields that hold exactly that value, so a
 * field added later (with its neutral value in this table) does not change the identity, and so does not
 * invalidate the checkpoints, of models that do not use it.
 */
public final class RecipeJson {
    /** model.json's settings: indented; fields a newer version added are ignored by an older one. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Fields of {@link TrainedModel.Recipe} added after format 2, with the value models had before them. */
    static final ObjectNode ADDED_LATER = parse("""
            {"model": {"architecture": {"output": "DENSE", "strategy": "DIRECT",
                                        "conv": {"filters": 0, "kernel": 4, "stride": 2}, "init": "PYTORCH",
                                        "bidirectional": false},
                       "objective": {"task": "FORECAST", "classes": 0, "quantiles": []},
                       "optimization": {"dropout": 0.0, "gradientClip": 0.0,
                                        "learningRateDecay": {"everyEpochs": 0, "factor": 1.0}}},
             "window": {"normalization": "NONE", "minInput": 0, "targetBase": "NONE",
                        "clampNonNegative": false},
             "classes": [],
             "ensemble": {"members": 1, "losses": []},
             "covariates": {"historic": [], "future": [], "calendar": [],
                            "statics": {"numeric": [], "categorical": [], "centers": [], "scales": [],
                                        "categories": []}}}""");
    /** Where each field of the flat model section of format 2 went (architecture, objective, optimization). */
    private static final List<List<String>> FLAT_MODEL = List.of(
            List.of("architecture", "cell", "units", "output", "inputLength", "horizon", "strategy", "conv", "init",
                    "bidirectional"),
            List.of("objective", "task", "classes", "loss"),
            List.of("optimization", "learningRate", "learningRateDecay", "dropout", "gradientClip", "seed"));

    private RecipeJson() {
    }

    /**
     * {@code recipe} (a model.json "recipe" object, of any format since 2) in today's shape: a flat model section
     * (format 2) split into its architecture, objective and optimization, one width with several layers made one
     * width per layer, and the fields it lacks taken from {@link #ADDED_LATER}.
     */
    static ObjectNode withDefaults(ObjectNode recipe) {
        if (recipe.get("model") instanceof ObjectNode model && model.has("cell")) {
            recipe.set("model", nested(model));
        }
        fill(recipe, ADDED_LATER);
        return recipe;
    }

    /** A model section of format 2, the only one without the parts, read as today's {@code ModelSpec}. */
    public static io.rnnforecast.model.ModelSpec readModel(String json) {
        try {
            ObjectNode recipe = JSON.createObjectNode();
            recipe.set("model", JSON.readTree(json));
            return JSON.treeToValue(withDefaults(recipe).get("model"), io.rnnforecast.model.ModelSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot read the model section " + json + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode nested(ObjectNode flat) {
        JsonNode units = flat.get("units");
        int layers = flat.path("layers").asInt(units != null && units.isArray() ? units.size() : 1);
        if (units != null && !units.isArray()) {
            ArrayNode widths = JSON.createArrayNode();
            for (int i = 0; i < layers; i++) {
                widths.add(units.asInt());
            }
            flat.set("units", widths);
        } else if (units == null) {
            flat.set("units", JSON.createArrayNode());
        }
        ObjectNode model = JSON.createObjectNode();
        for (List<String> part : FLAT_MODEL) {
            ObjectNode node = model.putObject(part.get(0));
            for (String field : part.subList(1, part.size())) {
                if (flat.has(field) && !flat.get(field).isNull()) {
                    node.set(field, flat.get(field));
                }
            }
        }
        return model;
    }

    private static void fill(ObjectNode target, ObjectNode defaults) {
        for (Iterator<Map.Entry<String, JsonNode>> it = defaults.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode have = target.get(e.getKey());
            if (have == null || have.isNull()) {
                target.set(e.getKey(), e.getValue().deepCopy());
            } else if (have.isObject() && e.getValue().isObject()) {
                fill((ObjectNode) have, (ObjectNode) e.getValue());
            }
        }
    }

    /**
     * A SHA-256 of the recipe's canonical JSON (keys sorted, the split's id sets sorted, fields at their
     * {@link #ADDED_LATER} value left out) followed by {@code more} (training settings, a data fingerprint: records,
     * as JSON). Two recipes with the same identity build, feed and split the same network.
     */
    public static String identity(TrainedModel.Recipe recipe, Object... more) {
        ObjectNode node = CANONICAL.valueToTree(recipe);
        prune(node, ADDED_LATER);
        sortArray(node.path("split"), "validationIds");
        sortArray(node.path("split"), "testIds");
        ArrayNode all = CANONICAL.createArrayNode().add(node);
        for (Object o : more) {
            all.add(CANONICAL.valueToTree(o));
        }
        try {
            String canonical = CANONICAL.writeValueAsString(CANONICAL.treeToValue(all, Object.class));
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash the recipe: " + e.getMessage(), e);
        }
    }

    private static void prune(ObjectNode target, ObjectNode neutral) {
        for (Iterator<Map.Entry<String, JsonNode>> it = neutral.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode have = target.get(e.getKey());
            if (have == null) {
                continue;
            }
            if (have.equals(e.getValue()) || have.isNull()) {
                target.remove(e.getKey());
            } else if (have.isObject() && e.getValue().isObject()) {
                prune((ObjectNode) have, (ObjectNode) e.getValue());
            }
        }
    }

    private static void sortArray(JsonNode parent, String field) {
        if (parent instanceof ObjectNode object && object.get(field) instanceof ArrayNode array) {
            List<String> values = new ArrayList<>();
            array.forEach(v -> values.add(v.asText()));
            values.sort(null);
            ArrayNode sorted = object.putArray(field);
            values.forEach(sorted::add);
        }
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
