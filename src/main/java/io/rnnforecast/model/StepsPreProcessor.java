package io.rnnforecast.model;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A preprocessor of recurrent windows [batch, features, steps] (NCW) whose shape is part of the configuration (as in
 * DL4J's CnnToFeedForwardPreProcessor), so that backprop can restore it; the bean properties serialize it in the
 * network's JSON ({@code features}, {@code steps}, and the subclass's own).
 */
abstract class StepsPreProcessor extends BaseInputPreProcessor {
    private long features;
    private long steps;

    StepsPreProcessor() {
    }

    StepsPreProcessor(long features, long steps) {
        this.features = features;
        this.steps = steps;
    }

    public long getFeatures() {
        return features;
    }

    public void setFeatures(long features) {
        this.features = features;
    }

    public long getSteps() {
        return steps;
    }

    public void setSteps(long steps) {
        this.steps = steps;
    }

    /** {@code input} as this preprocessor's configuration says it comes, or an error naming both shapes. */
    void requireShape(INDArray input) {
        if (input.rank() != 3 || input.size(1) != features || input.size(2) != steps) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " expects [batch, " + features + ", "
                    + steps + "], got " + java.util.Arrays.toString(input.shape()));
        }
    }

    /** The same for the configuration's input type. */
    void requireType(InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r) || r.getSize() != features
                || r.getTimeSeriesLength() != steps) {
            throw new IllegalStateException(getClass().getSimpleName() + " expects InputType.recurrent(" + features
                    + ", " + steps + "), got " + inputType);
        }
    }
}
