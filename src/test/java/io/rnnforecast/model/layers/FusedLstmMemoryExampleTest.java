package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The course notes' hand-wired LSTM memory, on the fused LSTM with weights set by hand (one unit, no recurrent
 * weights). Inputs [x1, x2, x3]: x2 = 1 writes x1 into the cell, x2 = -1 resets it, x3 = 1 opens the output.
 * <pre>
 *   input gate  i = sigmoid(100 x2 - 10)      (the notes' [0, 100, 0, -10])
 *   forget gate f = sigmoid(100 x2 + 10)      (kept unless x2 = -1)
 *   candidate   g = tanh(S x1)                (the notes' g is x1 itself)
 *   output gate o = sigmoid(100 x3 - 10)
 * </pre>
 * The fused cell has tanh on the candidate and on the output (the notes' cell is linear), so x1 is scaled by
 * S = 0.01 into tanh's near-linear range and the cell is read as c / S: tanh(0.03) + tanh(0.04) = 0.069970, read
 * 6.997 for the notes' 7 (tanh(v) = v - v^3 / 3 loses 0.04% at v = 0.07). Tolerances, in units of x1: the cell
 * within 0.01 of the running sum (the tanh loss, 0.003, plus the gates' sigmoid(-10) = 4.5e-5 leaks); the output
 * h / S within 0.01 of tanh(c) / S on a read (which is itself 0.12% below c / S, hence 0.02 against the sum), and
 * below 0.001 otherwise (o = sigmoid(-10) there).
 */
class FusedLstmMemoryExampleTest {

    private static final double S = 0.01;

    /** {x1, x2, x3} per step, the notes' sequence: write 3, write 4, idle, read, reset, write 6, read. */
    private static final double[][] STEPS = {{3, 1, 0}, {4, 1, 0}, {2, 0, 0}, {1, 0, 1}, {3, -1, 0}, {6, 1, 0},
            {1, 0, 1}};
    /** The cell after each step (the notes' 3, 7, 7, 7, 0, 6, 6) and the output the notes show (7 and 6 on reads). */
    private static final double[] CELL = {3, 7, 7, 7, 0, 6, 6};
    private static final double[] OUTPUT = {0, 0, 0, 7, 0, 0, 6};

    static MultiLayerNetwork handWired(DataType dt) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(dt)
                .updater(new NoOp()).list()
                .layer(new FusedLstm.Builder().nIn(3).nOut(1).build())
                .setInputType(InputType.recurrent(3)).build());
        net.init();
        Layer l = net.getLayer(0);
        // columns: i, f, g, o (PyTorch's order); rows: x1, x2, x3
        l.setParam("W", Nd4j.createFromArray(new double[][] {{0, 0, S, 0}, {100, 100, 0, 0}, {0, 0, 0, 100}})
                .castTo(dt));
        l.setParam("RW", Nd4j.zeros(dt, 1, 4));
        l.setParam("b", Nd4j.createFromArray(new double[][] {{-10, 10, 0, -10}}).castTo(dt));
        return net;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void theCellHoldsTheRunningSumAndTheOutputShowsItOnlyOnARead(DataType dt) {
        MultiLayerNetwork net = handWired(dt);
        for (int t = 0; t < STEPS.length; t++) {
            INDArray x = Nd4j.createFromArray(STEPS[t]).reshape(1, 3).castTo(dt);
            double h = net.rnnTimeStep(x).getDouble(0, 0) / S;
            double c = net.rnnGetPreviousState(0).get(FusedRecurrentImpl.STATE_KEY_C).getDouble(0, 0) / S;
            String at = dt + " step " + (t + 1) + " " + java.util.Arrays.toString(STEPS[t]);
            System.out.printf("%s: cell %.4f output %.4f%n", at, c, h);
            assertEquals(CELL[t], c, 0.01, at + " cell");
            if (OUTPUT[t] != 0) {
                assertEquals(Math.tanh(c * S) / S, h, 0.01, at + " output");
                assertEquals(OUTPUT[t], h, 0.02, at + " output");
            } else {
                assertEquals(0, h, 0.001, at + " output");
            }
        }
    }
}
