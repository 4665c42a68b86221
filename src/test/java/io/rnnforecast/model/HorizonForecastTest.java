package io.rnnforecast.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strategies' networks and the forecasts HorizonForecast makes with them. */
class HorizonForecastTest {

    private static ModelSpec spec(ModelSpec.Cell cell, List<Integer> units, ModelSpec.Output output, int input,
                                  int horizon, ModelSpec.Strategy strategy) {
        return ModelSpec.builder().cell(cell).units(units).output(output).window(input, horizon)
                .loss(ModelSpec.Loss.MSE).learningRate(0.01)
                .dropout(0).gradientClip(0).learningRateDecay(ModelSpec.StepDecay.NONE).seed(7)
                .strategy(strategy).build();
    }

    private static INDArray features(int b, int t, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, b, 1, t).subi(0.5);
    }

    @Test
    void namesShowTheStrategy() {
        assertEquals("lstm-2x20", spec(ModelSpec.Cell.LSTM, List.of(20, 20), ModelSpec.Output.DENSE, 50, 10,
                ModelSpec.Strategy.DIRECT).displayName());
        assertEquals("lstm-2x20-seq2seq", spec(ModelSpec.Cell.LSTM, List.of(20, 20), ModelSpec.Output.DENSE, 50, 10,
                ModelSpec.Strategy.SEQ2SEQ).displayName());
        // iterative: the recurrent output has one unit whatever the horizon
        assertEquals("simple-rnn-20-20-1-iterative", spec(ModelSpec.Cell.SIMPLE_RNN, List.of(20, 20),
                ModelSpec.Output.RECURRENT, 50, 10, ModelSpec.Strategy.ITERATIVE).displayName());
        assertThrows(IllegalArgumentException.class, () -> spec(ModelSpec.Cell.LINEAR, List.of(),
                ModelSpec.Output.DENSE, 50, 10, ModelSpec.Strategy.SEQ2SEQ));
    }

    @Test
    void iterativeIsAOneStepModel() {
        MultiLayerNetwork net = NetworkFactory.build(spec(ModelSpec.Cell.GRU, List.of(8), ModelSpec.Output.DENSE, 12,
                5, ModelSpec.Strategy.ITERATIVE));
        assertEquals(1, ((OutputLayer) net.getLayerWiseConfigurations().getConf(1).getLayer()).getNOut());
        INDArray f = features(3, 12, 1);
        assertArrayEquals(new long[] {3, 1}, net.output(f).shape());
        assertArrayEquals(new long[] {3, 5}, HorizonForecast.of(net, ModelSpec.Strategy.ITERATIVE, 5, f).shape());
    }

    /**
     * seq2seq: every step of the top layer into the same Dense(horizon), output [b, horizon, time]; the forecast is
     * the last step, and a network trained on it scores the mean over all steps and values.
     */
    @Test
    void seq2seqOutputsEveryStepAndForecastsFromTheLast() {
        ModelSpec s = spec(ModelSpec.Cell.LSTM, List.of(6, 6), ModelSpec.Output.DENSE, 9, 4,
                ModelSpec.Strategy.SEQ2SEQ);
        MultiLayerConfiguration c = NetworkFactory.configuration(s);
        assertInstanceOf(RnnOutputLayer.class, c.getConf(2).getLayer());
        MultiLayerNetwork net = NetworkFactory.build(s);
        INDArray f = features(5, 9, 2);
        INDArray out = net.output(f);
        assertArrayEquals(new long[] {5, 4, 9}, out.shape());
        INDArray forecast = HorizonForecast.of(net, ModelSpec.Strategy.SEQ2SEQ, 4, f);
        assertEquals(out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(8)), forecast);
        // the score for [b, horizon, time] labels is the mean squared error over every step and value (Keras' loss;
        // DL4J's own sums the steps), also for a network rebuilt from the JSON configuration (as the workers do)
        assertEquals(c, MultiLayerConfiguration.fromJson(c.toJson()));
        INDArray labels = Nd4j.rand(DataType.FLOAT, 5, 4, 9);
        net.setInput(f);
        net.setLabels(labels);
        net.computeGradientAndScore();
        double mse = out.sub(labels).muli(out.sub(labels)).meanNumber().doubleValue();
        assertEquals(mse, net.score(), 1e-5);

        ModelSpec recurrent = spec(ModelSpec.Cell.SIMPLE_RNN, List.of(6), ModelSpec.Output.RECURRENT, 9, 4,
                ModelSpec.Strategy.SEQ2SEQ);
        assertInstanceOf(RnnLossLayer.class, NetworkFactory.configuration(recurrent).getConf(2).getLayer());
        // SimpleRNN(1->6) 6*(1+6)+6 = 48, SimpleRNN(6->4) 4*(6+4)+4 = 44, the loss layer none; LSTM 1->6->6, Dense(6->4)
        assertEquals(92, ParameterCount.of(NetworkFactory.configuration(recurrent)).params());
        assertEquals(NetworkFactory.build(s).numParams(), ParameterCount.of(c).params());
        assertArrayEquals(new long[] {5, 4, 9}, NetworkFactory.build(recurrent).output(f).shape());
    }

    /**
     * Keeping the recurrent state (rnnTimeStep) gives the forecasts of re-running the window extended by the
     * forecasts so far, for every fused cell, a recurrent output and DL4J's own LSTM; a second call (another batch
     * size) starts from a clean state.
     */
    @Test
    void iterativeForecastsEqualReRunningTheWindow() {
        int input = 30;
        int horizon = 8;
        for (ModelSpec s : List.of(
                spec(ModelSpec.Cell.LSTM, List.of(10, 10), ModelSpec.Output.DENSE, input, horizon,
                        ModelSpec.Strategy.ITERATIVE),
                spec(ModelSpec.Cell.GRU, List.of(12), ModelSpec.Output.DENSE, input, horizon,
                        ModelSpec.Strategy.ITERATIVE),
                spec(ModelSpec.Cell.SIMPLE_RNN, List.of(10, 10), ModelSpec.Output.RECURRENT, input, horizon,
                        ModelSpec.Strategy.ITERATIVE),
                spec(ModelSpec.Cell.DL4J_LSTM, List.of(8), ModelSpec.Output.DENSE, input, horizon,
                        ModelSpec.Strategy.ITERATIVE),
                // the kept state is the Jordan layer's fed-back forecast
                spec(ModelSpec.Cell.JORDAN, List.of(10, 10), ModelSpec.Output.DENSE, input, horizon,
                        ModelSpec.Strategy.ITERATIVE))) {
            MultiLayerNetwork net = NetworkFactory.build(s);
            // a few steps of training so that the output is not near zero
            INDArray f = features(16, input, 3);
            for (int i = 0; i < 5; i++) {
                net.fit(new DataSet(f, f.get(NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.point(input - 1))
                        .reshape(16, 1).mul(0.9)));
            }
            for (int b : new int[] {16, 5}) {
                INDArray x = features(b, input, 10 + b);
                INDArray stateful = HorizonForecast.iterative(net, x, horizon);
                INDArray rerun = HorizonForecast.iterativeByRerunning(net, x, horizon);
                assertArrayEquals(new long[] {b, horizon}, stateful.shape());
                float[] a = stateful.ravel().toFloatVector();
                float[] r = rerun.ravel().toFloatVector();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(r[i], a[i], 1e-5, s.displayName() + " value " + i);
                }
                // step 1 is the one-step model's output on the window itself
                assertEquals(net.output(x).getFloat(0, 0), a[0], 1e-6);
            }
        }
    }

    /** What keeping the state saves: input + horizon - 1 step computations against horizon x input + ... */
    @Test
    void keepingTheStateCostsLessThanReRunning() {
        MultiLayerNetwork net = NetworkFactory.build(spec(ModelSpec.Cell.LSTM, List.of(20, 20),
                ModelSpec.Output.DENSE, 50, 10, ModelSpec.Strategy.ITERATIVE));
        INDArray x = features(512, 50, 4);
        long stateful = Long.MAX_VALUE;
        long rerun = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            HorizonForecast.iterative(net, x, 10);
            long t1 = System.nanoTime();
            HorizonForecast.iterativeByRerunning(net, x, 10);
            long t2 = System.nanoTime();
            stateful = Math.min(stateful, t1 - t0);
            rerun = Math.min(rerun, t2 - t1);
        }
        System.out.printf("iterative forecast of 512 windows (50 steps, horizon 10, LSTM 2x20): state kept %.1f ms,"
                + " re-running %.1f ms (%.1fx)%n", stateful / 1e6, rerun / 1e6, (double) rerun / stateful);
        assertTrue(stateful < rerun, "keeping the state should be cheaper");
    }
}
