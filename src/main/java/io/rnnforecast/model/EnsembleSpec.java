package io.rnnforecast.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rnnforecast.config.Settings;
import io.rnnforecast.window.Task;

import java.io.Serializable;
import java.util.List;

/**
 * How many networks a model is, and how they differ (the {@code model.ensemble} section). Member k (0-based) is
 * the model section's network with seed {@code model.seed + k} and, when {@code losses} is not empty, the loss
 * {@code losses[k mod size]}, and when {@code lookbacks} is not empty, the lookback {@code lookbacks[k mod size]}: it
 * reads only the last that many steps of each window ({@link LastSteps}; N-BEATS ensembles over lookbacks of 2 to 7
 * horizons; a lookback equal to window.input is the whole window); member 0 of a one-member ensemble without
 * lookbacks is exactly the model section's network. The members' forecasts are combined by their median per window
 * and step, as N-BEATS combines its ensemble (Oreshkin et al., ICLR 2020: the median is robust to a member that
 * trained badly); each member's own rows are kept beside it for inspection.
 */
public record EnsembleSpec(int members, List<ModelSpec.Loss> losses,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Integer> lookbacks)
        implements Serializable {
    public static final int MAX_MEMBERS = 100;
    /** One network: no ensemble. */
    public static final EnsembleSpec SINGLE = new EnsembleSpec(1, List.of(), List.of());

    public EnsembleSpec {
        if (members < 1 || members > MAX_MEMBERS) {
            throw new IllegalArgumentException("model.ensemble.members must be in 1.." + MAX_MEMBERS + ", got "
                    + members);
        }
        losses = losses == null ? List.of() : List.copyOf(losses);
        // models saved before lookbacks existed have none (read as null)
        lookbacks = lookbacks == null ? List.of() : List.copyOf(lookbacks);
        if (lookbacks.stream().anyMatch(l -> l < 1)) {
            throw new IllegalArgumentException("model.ensemble.lookbacks must be >= 1 each, got " + lookbacks);
        }
    }

    /** The model.ensemble section; a classifier is one network. */
    public static EnsembleSpec from(Settings s) {
        int input = s.intIn("window.input", 1, 100_000);
        EnsembleSpec spec = Settings.checked(() -> new EnsembleSpec(s.intIn("model.ensemble.members", 1, MAX_MEMBERS),
                s.listOf("model.ensemble.losses", ModelSpec.Loss.class),
                s.intListIn("model.ensemble.lookbacks", 1, input)));
        Task task = s.oneOf("task", Task.class);
        if (spec.combines() && task.classifies()) {
            throw Settings.invalid("model.ensemble.members", spec.members(), "1 with task = " + task.key()
                    + " (ensembles combine forecasts)");
        }
        return spec;
    }

    /**
     * Whether there is more than one member (then a median row beside the members'). Not named isX: model.json's
     * mapper would write it as a field.
     */
    public boolean combines() {
        return members > 1;
    }

    /** Member {@code k}'s network: {@code base} with its seed and loss. */
    public ModelSpec member(ModelSpec base, int k) {
        ModelSpec.Builder b = base.toBuilder().seed(base.seed() + k);
        if (!losses.isEmpty()) {
            b.loss(losses.get(k % losses.size()));
        }
        if (!lookbacks.isEmpty()) {
            b.lookback(lookbacks.get(k % lookbacks.size()));
        }
        return b.build();
    }

    /** The combined forecast's model name: {@code lstm-2x20-ens5}; the network's own name for one member. */
    public String name(ModelSpec base) {
        return combines() ? base.displayName() + "-ens" + members : base.displayName();
    }

    /** Member {@code k}'s rows: {@code lstm-2x20-ens5-m1} .. {@code -m5} (1-based, as users count). */
    public String memberName(ModelSpec base, int k) {
        return name(base) + "-m" + (k + 1);
    }
}
