package io.rnnforecast.model.layers.bench;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.rnnforecast.model.layers.FusedGru;
import io.rnnforecast.model.layers.FusedJordan;
import io.rnnforecast.model.layers.FusedLayerNormSimpleRnn;
import io.rnnforecast.model.layers.FusedLstm;
import io.rnnforecast.model.layers.FusedPeepholeLstm;
import io.rnnforecast.model.layers.FusedRecurrentLayer;
import io.rnnforecast.model.layers.FusedSimpleRnn;
import io.rnnforecast.model.layers.GeronData;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training and inference throughput (samples/s) of 2 stacked recurrent layers + dense output, seq -> 1, Adam,
 * FLOAT, on 50-step Géron series, in one thread. Run through bench/rnn-benchmark.sh.
 *
 * <p>Arguments: {@code systems=fused-lstm,fused-gru,dl4j-lstm hidden=20,64 batch=32,256 seconds=4}; further
 * systems: fused-rnn, fused-lnrnn (layer-norm simple RNN), fused-peephole (peephole LSTM), fused-jordan (an Elman
 * layer, then the Jordan layer of h hidden units whose output, the forecast, is fed back: no dense layer).
 * {@code hidden.<system>=20,64} overrides the hidden sizes for one system (bench/rnn-benchmark.sh runs DL4J's LSTM
 * only at h = 20 and 64). Prints one line per point: {@code RESULT <system> h=<h> bs=<bs> train=<samples/s>
 * infer=<samples/s>}.
 *
 * <p>Before the points it prints which BLAS the JVM side uses ({@code BLAS jvm-...} lines) and one core's FP32 matmul
 * rate through it ({@code PEAK jvm-openblas-sgemm n=1024 gflops=...}, best of 5). The JVM side has one BLAS: the
 * OpenBLAS bundled with ND4J's nd4j-native backend (JavaCPP artifact org.bytedeco:openblas). DL4J's LSTM reaches it
 * through ND4J ({@code Nd4j.gemm} / mmul -> {@code CpuBlas} -> {@code cblas_sgemm}); the fused layers call the same
 * library's {@code openblas_nolapack.cblas_sgemm} directly on direct buffers, only while OpenBLAS runs one thread
 * ({@code RnnBlas.enabled()}, printed as {@code BLAS jvm-fused-path}); otherwise they use their Java loops.
 */
public final class RnnBenchmark {

    public static void main(String[] args) {
        String systems = "fused-lstm,fused-gru,dl4j-lstm";
        String hidden = "20,64";
        String batch = "32,256";
        double seconds = 4;
        Map<String, String> hiddenOf = new HashMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv[0].startsWith("hidden.")) {
                hiddenOf.put(kv[0].substring("hidden.".length()), kv[1]);
                continue;
            }
            switch (kv[0]) {
                case "systems": systems = kv[1]; break;
                case "hidden": hidden = kv[1]; break;
                case "batch": batch = kv[1]; break;
                case "seconds": seconds = Double.parseDouble(kv[1]); break;
                default: throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        printBlasInfo();
        DataSet all = GeronData.generate(8192, 42, DataType.FLOAT);
        // JIT warm-up of the fused kernels (C2 needs a few thousand calls) before any point is timed
        for (String sys : systems.split(",")) {
            if (sys.startsWith("fused")) {
                run(sys, 20, 32, all, 2.0);
                run(sys, 64, 256, all, 2.0);
            }
        }
        for (String sys : systems.split(",")) {
            for (String hs : hiddenOf.getOrDefault(sys, hidden).split(",")) {
                for (String bss : batch.split(",")) {
                    int h = Integer.parseInt(hs), bs = Integer.parseInt(bss);
                    double[] r = run(sys, h, bs, all, seconds);
                    System.out.printf(Locale.ROOT, "RESULT %s h=%d bs=%d train=%.1f infer=%.1f%n", sys, h, bs, r[0],
                            r[1]);
                    System.out.flush();
                }
            }
        }
    }

    static MultiLayerNetwork build(String system, int h) {
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).updater(new Adam(1e-3)).list();
        switch (system) {
            case "fused-lstm":
                lb.layer(new FusedLstm.Builder().nOut(h).returnSequences(true).build());
                lb.layer(new FusedLstm.Builder().nOut(h).returnSequences(false).build());
                break;
            case "fused-gru":
                lb.layer(new FusedGru.Builder().nOut(h).returnSequences(true).build());
                lb.layer(new FusedGru.Builder().nOut(h).returnSequences(false).build());
                break;
            case "fused-rnn":
            case "fused-lnrnn":
            case "fused-peephole":
                for (boolean seq : new boolean[] {true, false}) {
                    FusedRecurrentLayer.Builder<?> b = system.equals("fused-rnn") ? new FusedSimpleRnn.Builder()
                            : system.equals("fused-lnrnn") ? new FusedLayerNormSimpleRnn.Builder()
                            : new FusedPeepholeLstm.Builder();
                    lb.layer(b.nOut(h).returnSequences(seq).build());
                }
                break;
            case "fused-jordan":
                lb.layer(new FusedSimpleRnn.Builder().nOut(h).returnSequences(true).build());
                lb.layer(new FusedJordan.Builder().hidden(h).nOut(1).returnSequences(false).build());
                break;
            case "dl4j-lstm":
                lb.layer(new LSTM.Builder().nOut(h).activation(Activation.TANH).build());
                lb.layer(new LastTimeStep(new LSTM.Builder().nOut(h).activation(Activation.TANH).build()));
                break;
            default:
                throw new IllegalArgumentException("unknown system " + system);
        }
        // the Jordan layer's own output map is the dense output: a parameterless loss scores it
        lb.layer(system.equals("fused-jordan")
                ? new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build()
                : new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nOut(1)
                .build());
        MultiLayerConfiguration conf = lb.setInputType(InputType.recurrent(1, 50)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Returns {train samples/s, inference samples/s}. */
    static double[] run(String system, int h, int bs, DataSet all, double seconds) {
        MultiLayerNetwork net = build(system, h);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i + bs <= all.numExamples(); i += bs) {
            batches.add(new DataSet(all.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + bs))
                    .dup(), all.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + bs)).dup()));
        }
        // warm-up (JIT; at least one iteration), then timed (at least 3 iterations)
        timed(null, batches, net, Math.min(2.0, seconds / 2), true, 1);
        double train = timed(null, batches, net, seconds, true, 3);
        timed(null, batches, net, Math.min(1.0, seconds / 4), false, 1);
        double infer = timed(null, batches, net, seconds / 2, false, 3);
        return new double[] {train * bs, infer * bs};
    }

    /** Iterations per second over at least the given time (and at least minIters iterations). */
    static double timed(Runnable unused, List<DataSet> batches, MultiLayerNetwork net, double seconds,
                        boolean train, int minIters) {
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        int n = 0;
        while (n < minIters || System.nanoTime() < deadline) {
            DataSet d = batches.get(n % batches.size());
            if (train) {
                net.fit(d);
            } else {
                net.output(d.getFeatures());
            }
            n++;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Which BLAS the JVM side uses, and one core's SGEMM rate through it (cheap: ~0.2 s). */
    static void printBlasInfo() {
        String blas;
        try {
            blas = Nd4j.factory().blas().getClass().getName() + " vendor=" + Nd4j.factory().blas().getBlasVendor()
                    + " maxThreads=" + Nd4j.factory().blas().getMaxThreads();
        } catch (Throwable e) {
            blas = "? (" + e + ")";
        }
        System.out.println("BLAS jvm-nd4j backend=" + Nd4j.getBackend().getClass().getName() + " blasWrapper="
                + Nd4j.getBlasWrapper().getClass().getName() + " blas=" + blas);
        Object jar;
        try {
            jar = openblas_nolapack.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        } catch (Throwable e) {
            jar = "?";
        }
        String fused;
        try {
            Class<?> rb = Class.forName("io.rnnforecast.model.layers.RnnBlas");
            Method en = rb.getDeclaredMethod("enabled");
            en.setAccessible(true);
            fused = "RnnBlas.enabled()=" + en.invoke(null) + " (true: products go to cblas_sgemm of the library above; "
                    + "false: the layers' Java loops)";
        } catch (Throwable e) {
            fused = "? (" + e + ")";
        }
        // run one product first so that the library is mapped, then time a 1024^3 SGEMM
        int n = 1024;
        FloatPointer a = new FloatPointer((long) n * n), b = new FloatPointer((long) n * n),
                c = new FloatPointer((long) n * n);
        java.util.Random rnd = new java.util.Random(1);
        for (long i = 0; i < (long) n * n; i++) {
            a.put(i, rnd.nextFloat() - 0.5f);
            b.put(i, rnd.nextFloat() - 0.5f);
        }
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 6; r++) {
            long t0 = System.nanoTime();
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, n, n, n, 1f, a, n, b, n, 0f, c, n);
            double el = (System.nanoTime() - t0) / 1e9;
            if (r > 0) {
                best = Math.min(best, el);
            }
        }
        a.close();
        b.close();
        c.close();
        Set<String> libs = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/maps"))) {
                String[] f = line.trim().split("\\s+");
                String path = f.length >= 6 ? f[f.length - 1] : "";
                String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                if (name.contains("blas") || name.contains("lapack") || name.contains("mkl")) {
                    libs.add(path);
                }
            }
        } catch (IOException e) {
            libs.add("? (" + e + ")");
        }
        System.out.println("BLAS jvm-openblas jar=" + jar + " mapped=" + String.join(" ", libs));
        System.out.println("BLAS jvm-fused-path " + fused);
        System.out.printf(Locale.ROOT, "PEAK jvm-openblas-sgemm n=%d gflops=%.1f%n", n, 2.0 * n * n * n / best / 1e9);
        System.out.flush();
    }
}
