package io.rnnforecast.train;

import io.rnnforecast.model.ModelSpec;
import io.rnnforecast.model.NetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The learning-rate decay reaches a worker: the epoch count travels in the state a round ships (NetworkState), and a
 * worker's first Adam step then moves parameters by the decayed rate (Adam's first step is the rate times the
 * gradient's sign, up to epsilon).
 */
class LearningRateDecayTest {

    @Test
    void theRoundStateCarriesTheEpochTheScheduleSteps() {
        ModelSpec spec = ModelSpec.builder().cell(ModelSpec.Cell.SIMPLE_RNN).units(List.of(4))
                .output(ModelSpec.Output.DENSE)
                .window(6, 1).loss(ModelSpec.Loss.MSE).learningRate(0.01)
                .dropout(0).gradientClip(0).learningRateDecay(new ModelSpec.StepDecay(2, 0.5)).seed(3).build();
        MultiLayerNetwork driver = NetworkFactory.build(spec);
        float[] x = new float[24];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(0.7 * i);
        }
        DataSet batch = new DataSet(Nd4j.create(x, new long[] {4, 1, 6}, 'c'),
                Nd4j.create(new float[] {0.1f, -0.4f, 0.6f, 0.2f}, new long[] {4, 1}, 'c'));
        double[] rates = {0.01, 0.01, 0.005, 0.005, 0.0025};
        for (int epoch = 0; epoch < rates.length; epoch++) {
            driver.setEpochCount(epoch);
            MultiLayerNetwork worker = NetworkFactory.build(spec);
            NetworkState.of(driver, false).loadInto(worker);
            INDArray before = worker.params().dup();
            worker.fit(batch);
            assertEquals(rates[epoch], worker.params().sub(before).amaxNumber().doubleValue(), rates[epoch] * 0.01,
                    "epoch count " + epoch);
        }
    }
}
