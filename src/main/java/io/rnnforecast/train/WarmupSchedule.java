package io.rnnforecast.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The model's rate ({@code base}: fixed or its epoch step decay) times a factor that grows linearly from 1 to
 * {@code factor} over the first {@code iterations} iterations, then stays: Goyal et al. 2017's gradual warm-up from
 * the one-worker rate to W times it. With factor 1 the rate is the model's own (so W = 1 trains exactly as without
 * scaling); {@code iterations = 0}: the factor from the start. ND4J's RampSchedule ramps from 0 instead and has no
 * JSON creator, so a configuration holding it cannot be read back (1.0.0-M2: Jackson's "no Creators" error, found
 * by WorkerLearningRateTest), and workers build their networks from the configuration's JSON.
 */
public final class WarmupSchedule implements ISchedule {
    private final ISchedule base;
    private final double factor;
    private final int iterations;

    @JsonCreator
    public WarmupSchedule(@JsonProperty("base") ISchedule base, @JsonProperty("factor") double factor,
                          @JsonProperty("iterations") int iterations) {
        if (!(factor > 0) || iterations < 0) {
            throw new IllegalArgumentException("a warm-up needs a factor > 0 and iterations >= 0: " + factor + ", "
                    + iterations);
        }
        this.base = base;
        this.factor = factor;
        this.iterations = iterations;
    }

    @JsonProperty("base")
    public ISchedule base() {
        return base;
    }

    @JsonProperty("factor")
    public double factor() {
        return factor;
    }

    @JsonProperty("iterations")
    public int iterations() {
        return iterations;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double progress = iterations == 0 ? 1 : Math.min(1, (iteration + 1) / (double) iterations);
        return base.valueAt(iteration, epoch) * (1 + (factor - 1) * progress);
    }

    @Override
    public ISchedule clone() {
        return new WarmupSchedule(base.clone(), factor, iterations);
    }
}
