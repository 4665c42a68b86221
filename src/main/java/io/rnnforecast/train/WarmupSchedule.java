package io.rnnforecast.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@code base} times min(1, (iteration + 1) / iterations): a linear warm-up. ND4J's RampSchedule computes the same
 * but has no JSON creator, so a configuration holding it cannot be read back (1.0.0-M2: Jackson's "no Creators"
 * error, found by WorkerLearningRateTest), and workers build their networks from the configuration's JSON.
 */
public final class WarmupSchedule implements ISchedule {
    private final ISchedule base;
    private final int iterations;

    @JsonCreator
    public WarmupSchedule(@JsonProperty("base") ISchedule base, @JsonProperty("iterations") int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("a warm-up needs at least one iteration: " + iterations);
        }
        this.base = base;
        this.iterations = iterations;
    }

    @JsonProperty("base")
    public ISchedule base() {
        return base;
    }

    @JsonProperty("iterations")
    public int iterations() {
        return iterations;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double value = base.valueAt(iteration, epoch);
        return iteration >= iterations ? value : value * (iteration + 1) / iterations;
    }

    @Override
    public ISchedule clone() {
        return new WarmupSchedule(base.clone(), iterations);
    }
}
