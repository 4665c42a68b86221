package io.rnnforecast.model.layers;

import org.nd4j.linalg.factory.Nd4j;

/**
 * When the fused kernels hand their large matrix products to OpenBLAS (the library ND4J's CPU backend itself
 * uses, called through the same {@code org.bytedeco.openblas.global.openblas_nolapack.cblas_?gemm} entry point as
 * ND4J's {@code CpuBlas}) instead of their Java loops.
 *
 * <p>Two kinds of products go to BLAS (see {@link FloatRnnKernel}): the time-parallel ones, one gemm per layer
 * call each (input projection {@code X·W} for all steps, {@code dW = Xᵀ·dG}, {@code dRW = H_prevᵀ·dG_h},
 * {@code dX = dG·Wᵀ}), and, when one step's product is large enough, the per-step recurrent products
 * ({@code h_{t-1}·RW}, {@code dG_h·RWᵀ}). Measured single-threaded on an AVX-512 EPYC: OpenBLAS 0.3.19 sgemm
 * 75-110 GFLOP/s on these shapes, the Java loops 30-50 GFLOP/s; copying rows to and from the direct buffers
 * costs 5-10% of a product's time.
 *
 * <p><b>Threads.</b> The kernels never start threads, and they must not make OpenBLAS start any either (the
 * layers run one per task thread, e.g. one Spark task per core). OpenBLAS' thread count is process-wide; ND4J
 * sets it at start-up from {@code OMP_NUM_THREADS} (else to the number of physical cores). In the default mode
 * {@code auto}, the BLAS path is therefore used only while OpenBLAS is configured single-threaded
 * ({@code Nd4j.factory().blas().getMaxThreads() == 1}, checked at every forward call); otherwise the kernels keep
 * their Java loops, which give the same results up to float rounding. To enable it, run the JVM with
 * {@code OMP_NUM_THREADS=1} (on Spark: {@code --conf spark.executorEnv.OMP_NUM_THREADS=1}) or call
 * {@code Nd4j.factory().blas().setMaxThreads(1)} once. The system property
 * {@code io.rnnforecast.fused.blas} overrides the mode: {@code false} never uses BLAS, {@code true} uses it
 * whatever OpenBLAS' thread count (only sensible when the caller controls threading itself).
 */
final class RnnBlas {
    private RnnBlas() {
    }

    /** Per-call work (TB * G*H * H multiply-adds) from which the time-parallel products go to BLAS (settable for
     * measurements; at h = 20 and 64, batch 32 and 256, both BLAS paths were faster than the Java loops). */
    static long minTimeWork = 1L << 18;
    /** Per-step work (B * G*H * H multiply-adds) from which the recurrent products go to BLAS. */
    static long minStepWork = 1L << 15;
    /** Largest direct buffer (elements) the kernels allocate; larger calls keep the Java loops. */
    static final long MAX_ELEMENTS = (Integer.MAX_VALUE - 64) / 8;

    private static final String MODE = System.getProperty("io.rnnforecast.fused.blas", "auto").trim();

    /** Test hook: non-null forces the BLAS path on or off (and overrides the thresholds when on). */
    static volatile Boolean force;

    private static volatile Boolean available;

    /** True when OpenBLAS' JavaCPP binding loads. */
    static boolean available() {
        Boolean a = available;
        if (a == null) {
            try {
                Class.forName("org.bytedeco.openblas.global.openblas_nolapack", true,
                        RnnBlas.class.getClassLoader());
                a = Boolean.TRUE;
            } catch (Throwable e) {
                a = Boolean.FALSE;
            }
            available = a;
        }
        return a;
    }

    /** Whether a forward call may use BLAS at all (mode, availability and OpenBLAS' thread count). */
    static boolean enabled() {
        Boolean f = force;
        if (f != null) {
            return f && available();
        }
        if ("false".equalsIgnoreCase(MODE) || !available()) {
            return false;
        }
        if ("true".equalsIgnoreCase(MODE)) {
            return true;
        }
        try {
            return Nd4j.factory().blas().getMaxThreads() == 1;
        } catch (Throwable e) {
            return false;
        }
    }

    /** Whether thresholds are bypassed (test hook). */
    static boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
