package io.rnnforecast.model.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;

/**
 * The bidirectional wrapper's output against independent constructions: the same fused layer's weights run by
 * hand forwards on x and on time-reversed x (reversed back), concatenated; the final states against the one-way
 * layer's last step on x and on reversed x; and torch.nn.LSTM / GRU with bidirectional=True (fixtures from
 * bench/torch_reference_bidirectional.py, float64): the sequence, with and without trailing padding, and h_n.
 */
class BidirectionalParityTest implements DoublePrecisionTests {

    static final int N_IN = FusedGradientCheckTest.N_IN, H = FusedGradientCheckTest.H,
            B = FusedGradientCheckTest.B, T = FusedGradientCheckTest.T;

    /** Loads the bidirectional layer's {@code prefix} ("f" or "b") parameters into a one-direction layer. */
    static void copyDirection(Layer bidirectional, String prefix, Layer oneWay) {
        for (String key : oneWay.paramTable().keySet()) {
            oneWay.setParam(key, bidirectional.getParam(prefix + key).dup());
        }
    }

    /**
     * The one-way network's output with the bidirectional layer's {@code prefix} weights: "f" on x, "b" on x and
     * its mask reversed in time (the output left in reversed time).
     */
    private static INDArray oneWayOutput(MultiLayerNetwork bi, String prefix, MultiLayerNetwork one, INDArray x,
                                         INDArray mask) {
        copyDirection(bi.getLayer(0), prefix, one.getLayer(0));
        if (prefix.equals("f")) {
            return one.output(x, false, mask, null);
        }
        return one.output(BidirectionalLayers.reversedInTime(x), false,
                mask == null ? null : BidirectionalLayers.reversedInTime(mask), null);
    }

    private static MultiLayerNetwork oneWay(CellType cell) {
        return BidirectionalLayers.network(DataType.DOUBLE, N_IN, FusedGradientCheckTest.builder(cell).nOut(H)
                .build());
    }

    private static MultiLayerNetwork bothWays(CellType cell, boolean lastStep) {
        return BidirectionalLayers.network(DataType.DOUBLE, N_IN, BidirectionalLayers.both(
                FusedGradientCheckTest.builder(cell).nOut(H).build(), lastStep));
    }

    private static INDArray input() {
        Nd4j.getRandom().setSeed(99);
        return Nd4j.rand(DataType.DOUBLE, B, N_IN, T).subi(0.5).muli(2);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CellType.class)
    void sequenceIsTheLayerRunOnXAndOnReversedXConcatenated(CellType cell) {
        MultiLayerNetwork bi = bothWays(cell, false);
        MultiLayerNetwork one = oneWay(cell);
        assertTrue(bi.getLayer(0).getParam("fRW").sub(bi.getLayer(0).getParam("bRW")).amaxNumber().doubleValue()
                > 1e-3, "the two directions start from different weights, so swapping them would show");
        INDArray x = input();
        for (INDArray mask : new INDArray[] {null, FusedGradientCheckTest.mask()}) {
            INDArray backward = BidirectionalLayers.reversedInTime(oneWayOutput(bi, "b", one, x, mask));
            FusedReferenceTest.assertArrayEquals(Nd4j.concat(1, oneWayOutput(bi, "f", one, x, mask), backward),
                    bi.output(x, false, mask, null), 1e-13);
        }
    }

    /**
     * Each direction's final state (what NetworkFactory gives the top layer): the same weights run one way with
     * the fused layer's own last-step output, forwards on x and on reversed x, under every mask row (trailing and
     * leading padding, a gap).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = CellType.class, names = {"LSTM", "GRU"})
    void finalStatesAreEachDirectionsLastStepRunOneWay(CellType cell) {
        MultiLayerNetwork bi = bothWays(cell, true);
        MultiLayerNetwork one = BidirectionalLayers.network(DataType.DOUBLE, N_IN, FusedGradientCheckTest.builder(cell)
                .nOut(H).returnSequences(false).build());
        INDArray x = input();
        for (INDArray mask : new INDArray[] {null, FusedGradientCheckTest.mask()}) {
            FusedReferenceTest.assertArrayEquals(Nd4j.concat(1, oneWayOutput(bi, "f", one, x, mask),
                    oneWayOutput(bi, "b", one, x, mask)), bi.output(x, false, mask, null), 1e-13);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lstm,LSTM", "gru,GRU"})
    void equalsTorchBidirectional(String name, CellType cell) throws Exception {
        JsonNode fx = FusedReferenceTest.fixture("bi" + name);
        int b = fx.get("batch").asInt(), t = fx.get("steps").asInt();
        MultiLayerNetwork bi = BidirectionalLayers.network(DataType.DOUBLE, fx.get("nIn").asInt(),
                BidirectionalLayers.both(FusedGradientCheckTest.builder(cell).nOut(fx.get("hidden").asInt())
                        .build(), false));
        FusedReferenceTest.loadTorch(bi.getLayer(0), fx, "", "f");
        FusedReferenceTest.loadTorch(bi.getLayer(0), fx, "_reverse", "b");
        INDArray x = FusedReferenceTest.btfToBft(fx.get("input"), DataType.DOUBLE);
        FusedReferenceTest.assertArrayEquals(FusedReferenceTest.btfToBft(fx.get("output"), DataType.DOUBLE),
                bi.output(x), 1e-12);
        // trailing padding: PyTorch's packed sequence padded back with zeros, here a mask
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, b, t);
        for (int i = 0; i < b; i++) {
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, fx.get("lengths").get(i).asInt())).assign(1);
        }
        INDArray packed = FusedReferenceTest.btfToBft(fx.get("output_packed"), DataType.DOUBLE);
        FusedReferenceTest.assertArrayEquals(packed, bi.output(x, false, mask, null), 1e-12);
        // the final states, PyTorch's h_n: forward output at each length's last step, backward output at step 0
        int h = fx.get("hidden").asInt();
        MultiLayerNetwork finalStates = BidirectionalLayers.network(DataType.DOUBLE, fx.get("nIn").asInt(),
                BidirectionalLayers.both(FusedGradientCheckTest.builder(cell).nOut(h).build(), true));
        finalStates.params().assign(bi.params());
        INDArray hn = Nd4j.create(DataType.DOUBLE, b, 2 * h);
        for (int i = 0; i < b; i++) {
            int len = fx.get("lengths").get(i).asInt();
            hn.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, h)).assign(packed.get(NDArrayIndex.point(i),
                    NDArrayIndex.interval(0, h), NDArrayIndex.point(len - 1)));
            hn.get(NDArrayIndex.point(i), NDArrayIndex.interval(h, 2 * h)).assign(packed.get(NDArrayIndex.point(i),
                    NDArrayIndex.interval(h, 2 * h), NDArrayIndex.point(0)));
        }
        FusedReferenceTest.assertArrayEquals(hn, finalStates.output(x, false, mask, null), 1e-12);
    }
}
