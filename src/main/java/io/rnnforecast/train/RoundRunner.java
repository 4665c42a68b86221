package io.rnnforecast.train;

import io.rnnforecast.train.RoundRDD;

/** Trains the driver's network on one round: every worker fits its share, then parameters are averaged. */
interface RoundRunner {

    /** What a round measured; {@code fitSeconds} is the slowest worker's time in fit (NaN when not known). */
    record Outcome(double lossSum, long examples, double fitSeconds) {
    }

    Outcome run(RoundRDD round);
}
