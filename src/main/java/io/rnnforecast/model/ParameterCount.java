package io.rnnforecast.model;

import io.rnnforecast.model.layers.CellType;
import io.rnnforecast.model.layers.FusedRecurrentLayer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A network's parameters per layer, counted two ways, from the layer sizes (n inputs, h units):
 * <ul>
 *   <li>{@code params}: as laid out here. A recurrent layer keeps ONE combined bias per gate: G*h*(n+h) weights plus
 *       G*h biases (LSTM G = 4, simple RNN G = 1, DL4J's LSTM the same), except the GRU, whose candidate gate keeps
 *       its recurrent bias apart (it sits inside the reset product): 3h(n+h) + 4h.</li>
 *   <li>{@code pytorchParams}: what PyTorch reports for the same layer, which keeps an input and a recurrent bias
 *       per gate: LSTM 4h(n+h+2), GRU 3h(n+h+2), RNN h(n+h+2); e.g. LSTM(6, 32) = 5,120 (here 4,992).</li>
 * </ul>
 * LN-SimpleRNN adds 2h (gain and shift), the peephole LSTM 3h (peepholes), both ways. A Jordan layer of u hidden
 * units and o outputs (fed back): u(n + o) + u weights and bias of its hidden units, then its output map o u + o;
 * PyTorch (nn.Linear for the input, the feedback and the output) u(n + o + 2) + o u + o. A bidirectional layer is
 * two copies of the wrapped one, counted twice both ways (as PyTorch's bidirectional=True: its reverse weights
 * are a second set of the same shapes), kind "bi" + the wrapped kind, its nOut the 2h it outputs. Dense layers count n*h + h
 * both ways, a Conv1D layer of f filters of width k f*n*k + f (as PyTorch's Conv1d); the
 * loss layer of a recurrent output has none.
 */
public record ParameterCount(List<LayerCount> layers, long params, long pytorchParams) implements Serializable {

    /** One layer: its kind ("lstm", "dense", ...), sizes and both counts. */
    public record LayerCount(String kind, long nIn, long nOut, long params, long pytorchParams)
            implements Serializable {
    }

    public ParameterCount {
        layers = List.copyOf(layers);
    }

    public static ParameterCount of(MultiLayerConfiguration configuration) {
        List<LayerCount> counts = new ArrayList<>();
        for (int i = 0; i < configuration.getConfs().size(); i++) {
            counts.add(count(configuration.getConf(i).getLayer()));
        }
        return new ParameterCount(counts, counts.stream().mapToLong(LayerCount::params).sum(),
                counts.stream().mapToLong(LayerCount::pytorchParams).sum());
    }

    private static LayerCount count(Layer layer) {
        if (layer instanceof BaseWrapperLayer wrapper) {
            return count(wrapper.getUnderlying());
        }
        if (layer instanceof Bidirectional b) {
            LayerCount one = count(b.getFwd());
            return new LayerCount("bi" + one.kind(), one.nIn(), 2 * one.nOut(), 2 * one.params(),
                    2 * one.pytorchParams());
        }
        if (layer instanceof FusedRecurrentLayer f && f.cellType() == CellType.JORDAN) {
            long n = f.getNIn(), o = f.getNOut(), u = f.gateWidth();
            return new LayerCount("jordan", n, o, u * (n + o) + u + o * u + o, u * (n + o + 2) + o * u + o);
        }
        if (layer instanceof FusedRecurrentLayer f) {
            CellType cell = f.cellType();
            long n = f.getNIn(), h = f.getNOut(), g = cell.gates();
            // per-unit vectors after the bias: LayerNorm's gain and shift (2h), the peepholes (3h); PyTorch would
            // keep the same ones beside its nn.RNNCell / nn.LSTM (it has no peephole LSTM of its own)
            long extra = h * cell.extraKeys().size();
            return new LayerCount(cell.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), n, h,
                    g * h * (n + h) + cell.biasLength((int) h, f.gateWidth()) + extra, g * h * (n + h + 2) + extra);
        }
        if (layer instanceof LSTM l) {
            long n = l.getNIn(), h = l.getNOut();
            return new LayerCount("dl4j-lstm", n, h, 4 * h * (n + h + 1), 4 * h * (n + h + 2));
        }
        if (layer instanceof Convolution1DLayer c) {
            long n = c.getNIn(), f = c.getNOut(), k = c.getKernelSize()[0];
            return new LayerCount("conv1d", n, f, f * n * k + f, f * n * k + f);
        }
        if (layer instanceof LossLayer l) {
            return new LayerCount("loss", l.getNIn(), l.getNIn(), 0, 0);
        }
        if (layer instanceof RnnLossLayer l) {
            return new LayerCount("loss", l.getNIn(), l.getNIn(), 0, 0);
        }
        if (layer instanceof BaseOutputLayer || layer instanceof DenseLayer) {
            FeedForwardLayer d = (FeedForwardLayer) layer;
            long n = d.getNIn(), h = d.getNOut();
            return new LayerCount("dense", n, h, n * h + h, n * h + h);
        }
        throw new IllegalArgumentException("no parameter count for " + layer.getClass().getSimpleName()
                + ": add its formula to ParameterCount");
    }

    /** One line: the totals, then each layer as kind(nIn->nOut) here/PyTorch. */
    public String describe() {
        return String.format("%,d parameters (PyTorch would report %,d: it keeps two biases per gate): ", params,
                pytorchParams) + layers.stream().map(l -> String.format("%s(%d->%d) %,d/%,d", l.kind(), l.nIn(),
                l.nOut(), l.params(), l.pytorchParams())).collect(Collectors.joining(", "));
    }
}
