package io.rnnforecast.model.layers;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Single-precision fused recurrent kernel: forward pass and full backpropagation through time over a whole
 * mini-batch of sequences, on primitive arrays, in the calling thread.
 *
 * <p>Flat layouts at the boundary (all row-major): parameters {@code W [nIn][GH] | R [H][GH] | b [nBias]}
 * followed by the cell's extra vectors, {@code [H]} each (see {@link CellType}); input and input-gradient {@code [B][nIn][T]}; output and output-gradient
 * {@code [B][H][T]} (sequence mode) or {@code [B][H]} (last step); mask {@code [B][T]} (1 = real step, 0 = padding).
 *
 * <p>Internally every vector (a weight row, one step's gates of one sequence, a state) is its own Java array and
 * every inner loop indexes all its arrays from 0: HotSpot C2 (JDK 17) only auto-vectorises such loops when all
 * references share the same index expression; loops over one array at several offsets stay scalar. Matrix
 * products process four batch rows per weight row (register/L1 reuse). State is time-major: row {@code t*B+b}.
 *
 * <p>Large matrix products go to OpenBLAS when {@link RnnBlas#enabled()} and the sizes pass its thresholds: the
 * time-parallel ones as one gemm per call each (input projection for all steps; in backward dW, dRW and the input
 * gradient over all steps, from the gate gradients kept for every step), the per-step recurrent ones (h R,
 * dG R^T) as one gemm per step. Operands live in persistent direct buffers ({@link Nat}); rows are copied in and
 * out with bulk buffer copies. Otherwise (and for small nIn) the Java loops below compute the same products.
 *
 * <p>The layer-normalised simple RNN and the peephole LSTM share everything but their pointwise step and its
 * derivative ({@code lnStep}/{@code lnBack}, the peephole terms in {@code lstmGates}/{@code lstmStep}/{@code
 * lstmBack}): the input projection, the recurrent products, masks and BLAS paths are the same code for all cells.
 *
 * <p>The Jordan cell fits the same frame with the roles of the sizes changed: its state, the value fed back and
 * output, is the layer's output y ({@code H} values), and its one gate spans the hidden units ({@code GH} = the
 * hidden size): {@code a_t = tanh(x_t W + y_{t-1} R + b)}, {@code y_t = a_t V + c} ({@code jordanStep}). The
 * recurrent products, masks and BLAS paths are then unchanged; only the step and its derivative
 * ({@code jordanBack}: dV, dc, and the gate gradient through V and tanh) are its own.
 *
 * <p>Masked steps carry the state through unchanged ({@code h_t = h_{t-1}}, {@code c_t = c_{t-1}}) and output
 * zero; hence the final state is the state after the last real step, for leading and trailing padding alike.
 *
 * <p>{@link DoubleRnnKernel} is generated from this file by the test class {@code DoubleKernelGenerator}; after
 * editing this file, regenerate it from the repository root with {@code mvn -q test-compile && java -cp
 * target/test-classes io.rnnforecast.model.layers.DoubleKernelGenerator} ({@code DoubleKernelGenerationTest} fails
 * until then).
 */
final class FloatRnnKernel {

    private static final float[][] NONE = new float[0][];

    final CellType cell;
    final int nIn, H, G, GH, nBias;
    /** LSTM or PEEPHOLE_LSTM: a cell state c besides h. */
    private final boolean lstm;
    /** JORDAN: the state is the output y; V [GH][H] and c [H] map the hidden units to it. */
    private final boolean jordan;
    /** Layer-normalisation epsilon (LN_SIMPLE_RNN); the caller sets it before {@link #forward}. */
    float normEps = 1e-3f;
    private int B, T;
    private boolean hasMask, zeroState;

    /** Parameters in the flat layout W | R | b | extra vectors; the caller fills this before {@link #forward}. */
    final float[] params;
    private final float[][] W;   // [nIn][GH]
    private final float[][] R;   // [H][GH]
    private final float[][] RT;  // [GH][H]
    private final float[][] WT;  // [GH][nIn]
    private final float[] bIn;   // [GH] input-side bias
    private final float[] bHn;   // [H]  GRU recurrent n bias
    private final float[][] ex;  // [nExtra][H] extra vectors: LN gamma, beta; peephole p_i, p_f, p_o
    private final float[][] VT;  // JORDAN [H][GH]: hidden units to output, transposed (rows of length GH)
    private final float[] cOut;  // JORDAN [H]: output bias

    // forward cache, rows indexed t*B+b (states: (t+1)*B+b, row b = initial state)
    private float[][] x = NONE, gx = NONE, hs = NONE, cs = NONE, tcs = NONE;
    private float[][] g0 = NONE, g1 = NONE, g2 = NONE, g3 = NONE; // gate activations: LSTM i,f,g,o; GRU r,z,n
    private float[][] ghn = NONE;                                  // GRU: h RW_n + b_hn
    private float[][] nrm = NONE;                                  // LN: normalised pre-activation
    private float[] rstd = new float[0];                           // LN: 1/sqrt(var + eps) per row [T*B]
    private float[] mask = new float[0];                           // [T*B]
    private float[][] gh = NONE;                                   // [B][GH] h_{t-1} R
    private final float[] pre;                                     // [GH]
    private float[] stepPre = new float[0];                        // one step's sigmoid gates, all rows

    // backward scratch
    private float[][] dh = NONE, dhNew = NONE, dc = NONE, dgx = NONE, dghBuf = NONE, dxT = NONE, dy = NONE;
    private final float[][] dW, dR;
    private final float[] db, dbHn;
    private final float[][] dEx;                                   // gradients of the extra vectors
    private final float[][] dVT;                                   // JORDAN: gradient of V, transposed
    private final float[] dcOut;                                   // JORDAN: gradient of c
    private final float[] t0, t1, t2, t3, t4;                      // [H] pointwise scratch

    // BLAS path (decided per forward call, see RnnBlas): native operands
    private boolean blasTime, blasRec, hsNative;
    private final Nat nP = new Nat(), nX = new Nat(), nGX = new Nat(), nHS = new Nat(), nGH = new Nat(),
            nDG = new Nat(), nDGH = new Nat(), nDH = new Nat(), nDX = new Nat(), nG = new Nat();

    /** A direct buffer and a JavaCPP pointer to it (an OpenBLAS operand); grows on demand. */
    private static final class Nat {
        FloatBuffer b;
        FloatPointer p;

        void ensure(long n) {
            if (b == null || b.capacity() < n) {
                b = ByteBuffer.allocateDirect(Math.toIntExact(n * Float.BYTES)).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                p = new FloatPointer(b);
            }
        }

        FloatPointer at(long offset) {
            return p.position(offset);
        }
    }

    /** C[cOff..] = op(A) op(B) (+ beta C), row-major, single OpenBLAS call. */
    private static void gemm(boolean transA, boolean transB, int m, int n, int k, Nat a, long aOff, int lda, Nat b,
                             long bOff, int ldb, float beta, Nat c, long cOff, int ldc) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans, m, n, k, 1f, a.at(aOff), lda,
                b.at(bOff), ldb, beta, c.at(cOff), ldc);
    }

    FloatRnnKernel(CellType cell, int nIn, int nOut) {
        this(cell, nIn, nOut, cell.gates * nOut);
    }

    /** {@code width}: the gate width GH, {@code gates * nOut} for every cell but JORDAN (its hidden size). */
    FloatRnnKernel(CellType cell, int nIn, int nOut, int width) {
        this.cell = cell;
        this.nIn = nIn;
        this.H = nOut;
        this.G = cell.gates;
        this.GH = width;
        this.nBias = cell.biasLength(H, GH);
        this.lstm = cell.hasCellState();
        this.jordan = cell == CellType.JORDAN;
        this.ex = new float[jordan ? 0 : cell.extraKeys().size()][H];
        this.dEx = new float[ex.length][H];
        this.VT = new float[jordan ? H : 0][GH];
        this.dVT = new float[VT.length][GH];
        this.cOut = new float[H];
        this.dcOut = new float[H];
        this.params = new float[nIn * GH + H * GH + nBias + cell.extraLength(H, GH)];
        this.W = new float[nIn][GH];
        this.R = new float[H][GH];
        this.RT = new float[GH][H];
        this.WT = new float[GH][nIn];
        this.bIn = new float[GH];
        this.bHn = new float[H];
        this.pre = new float[GH];
        this.dW = new float[nIn][GH];
        this.dR = new float[H][GH];
        this.db = new float[GH];
        this.dbHn = new float[H];
        this.t0 = new float[H];
        this.t1 = new float[H];
        this.t2 = new float[H];
        this.t3 = new float[H];
        this.t4 = new float[H];
    }

    int numParams() {
        return params.length;
    }

    private static float[][] rows(float[][] a, int n, int len) {
        if (a.length >= n && (n == 0 || a[0].length == len)) {
            return a;
        }
        float[][] r = Arrays.copyOf(a, Math.max(n, a.length));
        for (int i = 0; i < r.length; i++) {
            if (r[i] == null || r[i].length != len) {
                r[i] = new float[len];
            }
        }
        return r;
    }

    private void unpackParams() {
        final float[] p = params;
        final int rOff = nIn * GH, bOff = rOff + H * GH;
        for (int i = 0; i < nIn; i++) {
            System.arraycopy(p, i * GH, W[i], 0, GH);
        }
        for (int j = 0; j < H; j++) {
            System.arraycopy(p, rOff + j * GH, R[j], 0, GH);
        }
        System.arraycopy(p, bOff, bIn, 0, GH);
        if (cell == CellType.GRU) {
            System.arraycopy(p, bOff + GH, bHn, 0, H);
        }
        for (int e = 0; e < ex.length; e++) {
            System.arraycopy(p, bOff + nBias + e * H, ex[e], 0, H);
        }
        if (jordan) {
            // transposed: the output is usually narrower than the hidden layer (1 or horizon values against
            // units), so the loops over the hidden units are the long, vectorised ones
            for (int j = 0; j < GH; j++) {
                for (int k = 0; k < H; k++) {
                    VT[k][j] = p[bOff + nBias + j * H + k];
                }
            }
            System.arraycopy(p, bOff + nBias + GH * H, cOut, 0, H);
        }
    }

    // ------------------------------------------------------------------------------------------ forward

    /**
     * Forward pass with the parameters in {@link #params}.
     *
     * @param in   input [B][nIn][T]
     * @param m    mask [B][T] or null
     * @param h0   initial hidden state [B][H] or null (zeros)
     * @param c0   initial cell state [B][H] (LSTMs only) or null (zeros)
     */
    void forward(float[] in, float[] m, int batch, int steps, float[] h0, float[] c0) {
        unpackParams();
        final int I = nIn, H = this.H, GH = this.GH;
        this.B = batch;
        this.T = steps;
        final int B = batch, T = steps, TB = T * B;
        x = rows(x, TB, I);
        gx = rows(gx, TB, GH);
        hs = rows(hs, TB + B, H);
        gh = rows(gh, B, GH);
        if (lstm) {
            cs = rows(cs, TB + B, H);
            tcs = rows(tcs, TB, H);
            g0 = rows(g0, TB, H);
            g1 = rows(g1, TB, H);
            g2 = rows(g2, TB, H);
            g3 = rows(g3, TB, H);
        } else if (cell == CellType.GRU) {
            g0 = rows(g0, TB, H);
            g1 = rows(g1, TB, H);
            g2 = rows(g2, TB, H);
            ghn = rows(ghn, TB, H);
        } else if (jordan) {
            g0 = rows(g0, TB, GH); // the hidden activations a_t
        } else if (cell == CellType.LN_SIMPLE_RNN) {
            nrm = rows(nrm, TB, H);
            if (rstd.length < TB) {
                rstd = new float[TB];
            }
        }
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < I; i++) {
                int src = (b * I + i) * T;
                for (int t = 0; t < T; t++) {
                    x[t * B + b][i] = in[src + t];
                }
            }
        }
        hasMask = m != null;
        if (hasMask) {
            if (mask.length < TB) {
                mask = new float[TB];
            }
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) {
                    mask[t * B + b] = m[b * T + t];
                }
            }
        }
        // BLAS decisions for this call (backward follows them)
        final boolean blas = RnnBlas.enabled(), forced = RnnBlas.forced();
        final long maxRows = (long) (TB + B) * Math.max(GH, Math.max(I, H));
        blasTime = blas && maxRows <= RnnBlas.MAX_ELEMENTS && (forced || (long) TB * GH * H >= RnnBlas.minTimeWork);
        blasRec = blas && maxRows <= RnnBlas.MAX_ELEMENTS && (forced || (long) B * GH * H >= RnnBlas.minStepWork);
        hsNative = blasRec;
        final boolean blasIn = blasTime && I >= 8;
        final int rOff = I * GH;
        if (blasTime || blasRec) {
            nP.ensure(rOff + H * GH);
            nP.b.put(0, params, 0, rOff + H * GH);
        }
        // input projection for all steps: gx = x W + b_in
        final float[][] x = this.x, gx = this.gx, W = this.W;
        int tb = 0;
        if (blasIn) {
            nX.ensure((long) TB * I);
            nGX.ensure((long) TB * GH);
            for (int q = 0; q < TB; q++) {
                nX.b.put(q * I, x[q], 0, I);
            }
            gemm(false, false, TB, GH, I, nX, 0, I, nP, 0, GH, 0f, nGX, 0, GH);
            for (int q = 0; q < TB; q++) {
                nGX.b.get(q * GH, gx[q], 0, GH);
                add(gx[q], bIn, GH);
            }
            tb = TB;
        }
        for (; tb + 3 < TB; tb += 4) {
            float[] y0 = gx[tb], y1 = gx[tb + 1], y2 = gx[tb + 2], y3 = gx[tb + 3];
            copy4(y0, y1, y2, y3, bIn, GH);
            for (int i = 0; i < I; i++) {
                axpy4(y0, y1, y2, y3, W[i], x[tb][i], x[tb + 1][i], x[tb + 2][i], x[tb + 3][i], GH);
            }
        }
        for (; tb < TB; tb++) {
            System.arraycopy(bIn, 0, gx[tb], 0, GH);
            for (int i = 0; i < I; i++) {
                axpy(gx[tb], W[i], x[tb][i], GH);
            }
        }
        zeroState = h0 == null && c0 == null;
        for (int b = 0; b < B; b++) {
            if (h0 == null) {
                Arrays.fill(hs[b], 0f);
            } else {
                System.arraycopy(h0, b * H, hs[b], 0, H);
            }
            if (lstm) {
                if (c0 == null) {
                    Arrays.fill(cs[b], 0f);
                } else {
                    System.arraycopy(c0, b * H, cs[b], 0, H);
                }
            }
        }
        if (blasRec) {
            nHS.ensure((long) (TB + B) * H);
            nGH.ensure((long) B * GH);
        }
        for (int t = 0; t < T; t++) {
            if (blasRec) {
                // h_{t-1} rows to native (kept for dRW in backward)
                for (int b = 0; b < B; b++) {
                    nHS.b.put((t * B + b) * H, hs[t * B + b], 0, H);
                }
            }
            if (t == 0 && zeroState) {
                for (int b = 0; b < B; b++) {
                    Arrays.fill(gh[b], 0f);
                }
            } else if (blasRec) {
                gemm(false, false, B, GH, H, nHS, (long) t * B * H, H, nP, rOff, GH, 0f, nGH, 0, GH);
                for (int b = 0; b < B; b++) {
                    nGH.b.get(b * GH, gh[b], 0, GH);
                }
            } else {
                matRows(hs, t * B, B, R, gh, H, GH);
            }
            if (lstm) {
                lstmGates(t);
            } else if (cell == CellType.GRU) {
                gruGates(t);
            }
            for (int b = 0; b < B; b++) {
                final int r = t * B + b;
                if (hasMask && mask[r] == 0f) {
                    System.arraycopy(hs[r], 0, hs[r + B], 0, H);
                    if (lstm) {
                        System.arraycopy(cs[r], 0, cs[r + B], 0, H);
                    }
                    continue;
                }
                switch (cell) {
                    case LSTM:
                    case PEEPHOLE_LSTM:
                        lstmStep(r, b);
                        break;
                    case GRU:
                        gruStep(r, b);
                        break;
                    case LN_SIMPLE_RNN:
                        lnStep(r, gh[b]);
                        break;
                    case JORDAN:
                        jordanStep(r, gh[b]);
                        break;
                    default:
                        rnnStep(r, gh[b]);
                }
            }
        }
    }

    /** out[b] = sum_j a[a0+b][j] * M[j] for b in [0, n). */
    private static void matRows(float[][] a, int a0, int n, float[][] M, float[][] out, int inner, int len) {
        int b = 0;
        for (; b + 3 < n; b += 4) {
            float[] o0 = out[b], o1 = out[b + 1], o2 = out[b + 2], o3 = out[b + 3];
            float[] h0 = a[a0 + b], h1 = a[a0 + b + 1], h2 = a[a0 + b + 2], h3 = a[a0 + b + 3];
            scale4(o0, o1, o2, o3, M[0], h0[0], h1[0], h2[0], h3[0], len);
            for (int j = 1; j < inner; j++) {
                axpy4(o0, o1, o2, o3, M[j], h0[j], h1[j], h2[j], h3[j], len);
            }
        }
        for (; b < n; b++) {
            float[] o = out[b], h = a[a0 + b];
            scale(o, M[0], h[0], len);
            for (int j = 1; j < inner; j++) {
                axpy(o, M[j], h[j], len);
            }
        }
    }

    /**
     * All gate activations of step t, for every batch row at once into {@link #stepPre} (row b at b*GH): one
     * sigmoid loop over B*G*H values (C2 vectorises long loops far better than loops of length H), with
     * tanh(x) = 2 sigmoid(2x) - 1 for the g gate (doubled here, mapped back in {@link #lstmStep}). Peepholes:
     * i and f see c_{t-1} here; o sees c_t, so its pre-activation is kept in g3 and activated in lstmStep (its
     * value in stepPre is unused).
     */
    private void lstmGates(int t) {
        final int H = this.H, GH = this.GH, n = B * GH;
        if (stepPre.length < n) {
            stepPre = new float[n];
        }
        final float[] p = pre, sp = stepPre;
        for (int b = 0; b < B; b++) {
            final float[] gxr = gx[t * B + b], ghb = gh[b];
            for (int k = 0; k < GH; k++) {
                p[k] = gxr[k] + ghb[k];
            }
            for (int k = 2 * H; k < 3 * H; k++) {
                p[k] = 2f * p[k];
            }
            if (cell == CellType.PEEPHOLE_LSTM) {
                final int r = t * B + b;
                final float[] cp = cs[r], pi = ex[0], pf = ex[1];
                for (int k = 0; k < H; k++) {
                    p[k] += pi[k] * cp[k];
                    p[H + k] += pf[k] * cp[k];
                }
                System.arraycopy(p, 3 * H, g3[r], 0, H);
            }
            System.arraycopy(p, 0, sp, b * GH, GH);
        }
        sigmoidInPlace(sp, n);
    }

    private void lstmStep(int r, int b) {
        final int H = this.H, o0 = b * GH;
        final float[] sp = stepPre;
        final float[] i = g0[r], f = g1[r], g = g2[r], o = g3[r];
        System.arraycopy(sp, o0, i, 0, H);
        System.arraycopy(sp, o0 + H, f, 0, H);
        System.arraycopy(sp, o0 + 2 * H, g, 0, H);
        final boolean peep = cell == CellType.PEEPHOLE_LSTM;
        if (!peep) {
            System.arraycopy(sp, o0 + 3 * H, o, 0, H);
        }
        for (int k = 0; k < H; k++) {
            g[k] = 2f * g[k] - 1f;
        }
        final float[] cp = cs[r], c = cs[r + B], tc = tcs[r], h = hs[r + B];
        for (int k = 0; k < H; k++) {
            c[k] = f[k] * cp[k] + i[k] * g[k];
        }
        if (peep) {
            final float[] po = ex[2];
            for (int k = 0; k < H; k++) {
                o[k] = sigmoid(o[k] + po[k] * c[k]);
            }
        }
        for (int k = 0; k < H; k++) {
            tc[k] = tanh(c[k]);
        }
        for (int k = 0; k < H; k++) {
            h[k] = o[k] * tc[k];
        }
    }

    /** GRU r and z gates of step t for every batch row at once into {@link #stepPre} (row b at b*2H). */
    private void gruGates(int t) {
        final int H2 = 2 * H, n = B * H2;
        if (stepPre.length < n) {
            stepPre = new float[n];
        }
        final float[] p = pre, sp = stepPre;
        for (int b = 0; b < B; b++) {
            final float[] gxr = gx[t * B + b], ghb = gh[b];
            for (int k = 0; k < H2; k++) {
                p[k] = gxr[k] + ghb[k];
            }
            System.arraycopy(p, 0, sp, b * H2, H2);
        }
        sigmoidInPlace(sp, n);
    }

    private void gruStep(int r, int b) {
        final int H = this.H;
        final float[] gxr = gx[r], ghb = gh[b], sp = stepPre;
        final float[] rr = g0[r], z = g1[r], n = g2[r], hn = ghn[r], xn = t0;
        System.arraycopy(sp, 2 * H * b, rr, 0, H);
        System.arraycopy(sp, 2 * H * b + H, z, 0, H);
        System.arraycopy(ghb, 2 * H, hn, 0, H);
        System.arraycopy(gxr, 2 * H, xn, 0, H);
        final float[] bhn = bHn;
        for (int k = 0; k < H; k++) {
            hn[k] += bhn[k];
        }
        for (int k = 0; k < H; k++) {
            n[k] = tanh(xn[k] + rr[k] * hn[k]);
        }
        final float[] hp = hs[r], h = hs[r + B];
        for (int k = 0; k < H; k++) {
            h[k] = n[k] + z[k] * (hp[k] - n[k]);
        }
    }

    /**
     * Géron's LNSimpleRNNCell: a = x W + h R + b, n = (a - mean(a)) / sqrt(var(a) + eps) over the H units (biased
     * variance, as Keras' LayerNormalization and torch.nn.LayerNorm), h = tanh(gamma n + beta). Two passes (mean,
     * then squared deviations) rather than E[a^2] - E[a]^2, which cancels badly in float.
     */
    private void lnStep(int r, float[] ghb) {
        final int H = this.H;
        final float[] gxr = gx[r], a = t0, n = nrm[r], h = hs[r + B], gamma = ex[0], beta = ex[1];
        float s = 0f;
        for (int k = 0; k < H; k++) {
            a[k] = gxr[k] + ghb[k];
            s += a[k];
        }
        final float mu = s / H;
        float v = 0f;
        for (int k = 0; k < H; k++) {
            n[k] = a[k] - mu;
            v += n[k] * n[k];
        }
        final float rs = 1f / (float) Math.sqrt(v / H + normEps);
        rstd[r] = rs;
        for (int k = 0; k < H; k++) {
            n[k] *= rs;
        }
        for (int k = 0; k < H; k++) {
            h[k] = tanh(gamma[k] * n[k] + beta[k]);
        }
    }

    /** Jordan: a = tanh(x W + y_{t-1} R + b) over the GH hidden units, then the fed-back output y_t = a V + c. */
    private void jordanStep(int r, float[] ghb) {
        final float[] gxr = gx[r], a = g0[r], y = hs[r + B];
        for (int k = 0; k < GH; k++) {
            a[k] = tanh(gxr[k] + ghb[k]);
        }
        for (int k = 0; k < H; k++) {
            y[k] = cOut[k] + dot(VT[k], a, GH);
        }
    }

    private void rnnStep(int r, float[] ghb) {
        final float[] gxr = gx[r], h = hs[r + B];
        for (int k = 0; k < H; k++) {
            h[k] = tanh(gxr[k] + ghb[k]);
        }
    }

    /** Output [B][H][T] (masked steps zero) or the final state [B][H]. */
    void output(float[] out, boolean sequence) {
        if (sequence) {
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) {
                    int r = t * B + b;
                    boolean masked = hasMask && mask[r] == 0f;
                    float[] h = hs[r + B];
                    for (int k = 0; k < H; k++) {
                        out[(b * H + k) * T + t] = masked ? 0f : h[k];
                    }
                }
            }
        } else {
            finalHidden(out);
        }
    }

    /** Final hidden state [B][H] into dst. */
    void finalHidden(float[] dst) {
        for (int b = 0; b < B; b++) {
            System.arraycopy(hs[T * B + b], 0, dst, b * H, H);
        }
    }

    /**
     * The gradient of the last backward pass with respect to the initial hidden state, [B][H] into dst: what the
     * recurrence passed back from step 0 (the given h0's, for a layer whose initial state is learned).
     */
    void initialHiddenGradient(float[] dst) {
        for (int b = 0; b < B; b++) {
            System.arraycopy(dh[b], 0, dst, b * H, H);
        }
    }

    /** Final cell state [B][H] into dst (LSTM). */
    void finalCell(float[] dst) {
        for (int b = 0; b < B; b++) {
            System.arraycopy(cs[T * B + b], 0, dst, b * H, H);
        }
    }

    // ------------------------------------------------------------------------------------------ backward

    /**
     * Backpropagation through time for the last {@link #forward} call (same parameters).
     *
     * @param eps  gradient of the loss w.r.t. the output: [B][H][T] (sequence) or [B][H] (last step)
     * @param grad out: parameter gradient, flat layout W | R | b (overwritten)
     * @param dIn  out: gradient w.r.t. the input, [B][nIn][T] (overwritten)
     */
    void backward(float[] eps, boolean sequence, float[] grad, float[] dIn) {
        final int I = nIn, H = this.H, GH = this.GH, B = this.B, T = this.T, TB = T * B;
        final boolean gru = cell == CellType.GRU, lstm = this.lstm;
        final boolean blasTime = this.blasTime, blasRec = this.blasRec, blasIn = blasTime && I >= 8;
        final boolean toNative = blasTime || blasRec;
        final int rOff = I * GH;
        if (!blasRec) {
            for (int j = 0; j < H; j++) {
                for (int k = 0; k < GH; k++) {
                    RT[k][j] = R[j][k];
                }
            }
        }
        if (!blasIn) {
            for (int i = 0; i < I; i++) {
                for (int k = 0; k < GH; k++) {
                    WT[k][i] = W[i][k];
                }
            }
        }
        if (toNative) {
            nDG.ensure((long) TB * GH);
            if (gru) {
                nDGH.ensure((long) TB * GH);
            }
            if (blasRec) {
                nDH.ensure((long) B * H);
            }
        }
        final Nat nDgh = gru ? nDGH : nDG;
        for (float[] row : dW) {
            Arrays.fill(row, 0f);
        }
        for (float[] row : dR) {
            Arrays.fill(row, 0f);
        }
        Arrays.fill(db, 0f);
        Arrays.fill(dbHn, 0f);
        for (float[] row : dEx) {
            Arrays.fill(row, 0f);
        }
        for (float[] row : dVT) {
            Arrays.fill(row, 0f);
        }
        Arrays.fill(dcOut, 0f);
        dh = rows(dh, B, H);
        dhNew = rows(dhNew, B, H);
        dgx = rows(dgx, B, GH);
        if (gru) {
            dghBuf = rows(dghBuf, B, GH);
        }
        final float[][] dgh = gru ? dghBuf : dgx;
        dxT = rows(dxT, TB, I);
        for (int b = 0; b < B; b++) {
            Arrays.fill(dh[b], 0f);
        }
        if (lstm) {
            dc = rows(dc, B, H);
            for (int b = 0; b < B; b++) {
                Arrays.fill(dc[b], 0f);
            }
        }
        if (sequence) {
            dy = rows(dy, TB, H);
            for (int b = 0; b < B; b++) {
                for (int k = 0; k < H; k++) {
                    int src = (b * H + k) * T;
                    for (int t = 0; t < T; t++) {
                        dy[t * B + b][k] = eps[src + t];
                    }
                }
            }
        } else {
            for (int b = 0; b < B; b++) {
                System.arraycopy(eps, b * H, dh[b], 0, H);
            }
        }
        for (int t = T - 1; t >= 0; t--) {
            final int r0 = t * B;
            // pointwise: gate gradients dgx/dgh and the direct part of dh_{t-1} (into dhNew)
            for (int b = 0; b < B; b++) {
                final int r = r0 + b;
                final float[] dhb = dh[b];
                if (hasMask && mask[r] == 0f) {
                    Arrays.fill(dgx[b], 0f);
                    if (gru) {
                        Arrays.fill(dgh[b], 0f);
                    }
                    System.arraycopy(dhb, 0, dhNew[b], 0, H); // state passes through, dc unchanged
                    continue;
                }
                if (sequence) {
                    add(dhb, dy[r], H);
                }
                switch (cell) {
                    case LSTM:
                    case PEEPHOLE_LSTM:
                        lstmBack(r, b);
                        Arrays.fill(dhNew[b], 0f);
                        break;
                    case LN_SIMPLE_RNN:
                        lnBack(r, b);
                        Arrays.fill(dhNew[b], 0f);
                        break;
                    case JORDAN:
                        jordanBack(r, b);
                        Arrays.fill(dhNew[b], 0f);
                        break;
                    case GRU:
                        gruBack(r, b);
                        add(dbHn, t3, H);
                        break;
                    default: {
                        final float[] h = hs[r + B], d = dgx[b];
                        for (int k = 0; k < H; k++) {
                            d[k] = dhb[k] * (1f - h[k] * h[k]);
                        }
                        Arrays.fill(dhNew[b], 0f);
                    }
                }
            }
            if (toNative) {
                for (int b = 0; b < B; b++) {
                    nDG.b.put((r0 + b) * GH, dgx[b], 0, GH);
                    if (gru) {
                        nDGH.b.put((r0 + b) * GH, dgh[b], 0, GH);
                    }
                }
            }
            // parameter gradients (BLAS: after the loop)
            for (int b = 0; b < B; b++) {
                add(db, dgx[b], GH);
            }
            if (!blasIn) {
                accRows(dW, x, r0, dgx, B, I, GH);
            }
            if (!blasTime && (t > 0 || !zeroState)) {
                accRows(dR, hs, r0, dgh, B, H, GH);
            }
            // input gradient (BLAS: after the loop)
            if (blasIn) {
                assert I >= 8;
            } else if (I < 8) {
                for (int b = 0; b < B; b++) {
                    final float[] d = dgx[b], dx = dxT[r0 + b];
                    for (int i = 0; i < I; i++) {
                        dx[i] = dot(W[i], d, GH);
                    }
                }
            } else {
                matRowsInto(dgx, B, WT, dxT, r0, GH, I, false);
            }
            // dh_{t-1} = direct + dgh RW^T
            if (blasRec) {
                gemm(false, true, B, H, GH, nDgh, (long) r0 * GH, GH, nP, rOff, GH, 0f, nDH, 0, H);
                final float[] row = t4;
                for (int b = 0; b < B; b++) {
                    nDH.b.get(b * H, row, 0, H);
                    add(dhNew[b], row, H);
                }
            } else {
                matRowsInto(dgh, B, RT, dhNew, 0, GH, H, true);
            }
            float[][] tmp = dh;
            dh = dhNew;
            dhNew = tmp;
        }
        // time-parallel products over all steps
        if (blasTime) {
            nG.ensure(rOff + H * GH);
            if (!hsNative) {
                nHS.ensure((long) (TB + B) * H);
                for (int r = 0; r < TB; r++) {
                    nHS.b.put(r * H, hs[r], 0, H);
                }
            }
            // rows t*B..: h_{t-1} (the initial state, zeros or given, for t = 0)
            gemm(true, false, H, GH, TB, nHS, 0, H, nDgh, 0, GH, 0f, nG, rOff, GH);
            if (blasIn) {
                gemm(true, false, I, GH, TB, nX, 0, I, nDG, 0, GH, 0f, nG, 0, GH);
                nDX.ensure((long) TB * I);
                gemm(false, true, TB, I, GH, nDG, 0, GH, nP, 0, GH, 0f, nDX, 0, I);
                for (int r = 0; r < TB; r++) {
                    nDX.b.get(r * I, dxT[r], 0, I);
                }
            }
        }
        // outputs
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < I; i++) {
                int dst = (b * I + i) * T;
                for (int t = 0; t < T; t++) {
                    dIn[dst + t] = dxT[t * B + b][i];
                }
            }
        }
        final int bOff = rOff + H * GH;
        if (blasIn) {
            nG.b.get(0, grad, 0, rOff);
        } else {
            for (int i = 0; i < I; i++) {
                System.arraycopy(dW[i], 0, grad, i * GH, GH);
            }
        }
        if (blasTime) {
            nG.b.get(rOff, grad, rOff, H * GH);
        } else {
            for (int j = 0; j < H; j++) {
                System.arraycopy(dR[j], 0, grad, rOff + j * GH, GH);
            }
        }
        System.arraycopy(db, 0, grad, bOff, GH);
        if (gru) {
            System.arraycopy(dbHn, 0, grad, bOff + GH, H);
        }
        for (int e = 0; e < dEx.length; e++) {
            System.arraycopy(dEx[e], 0, grad, bOff + nBias + e * H, H);
        }
        if (jordan) {
            for (int k = 0; k < H; k++) {
                final float[] row = dVT[k];
                for (int j = 0; j < GH; j++) {
                    grad[bOff + nBias + j * H + k] = row[j];
                }
            }
            System.arraycopy(dcOut, 0, grad, bOff + nBias + GH * H, H);
        }
    }

    /** acc[j] += sum_b a[a0+b][j] * d[b] for j in [0, inner). */
    private static void accRows(float[][] acc, float[][] a, int a0, float[][] d, int n, int inner, int len) {
        int b = 0;
        for (; b + 3 < n; b += 4) {
            float[] d0 = d[b], d1 = d[b + 1], d2 = d[b + 2], d3 = d[b + 3];
            float[] h0 = a[a0 + b], h1 = a[a0 + b + 1], h2 = a[a0 + b + 2], h3 = a[a0 + b + 3];
            for (int j = 0; j < inner; j++) {
                acc4(acc[j], d0, d1, d2, d3, h0[j], h1[j], h2[j], h3[j], len);
            }
        }
        for (; b < n; b++) {
            float[] db = d[b], h = a[a0 + b];
            for (int j = 0; j < inner; j++) {
                axpy(acc[j], db, h[j], len);
            }
        }
    }

    /** out[o0+b] (+)= sum_k d[b][k] * M[k] for b in [0, n). */
    private static void matRowsInto(float[][] d, int n, float[][] M, float[][] out, int o0, int inner, int len,
                                    boolean accumulate) {
        int b = 0;
        for (; b + 3 < n; b += 4) {
            float[] y0 = out[o0 + b], y1 = out[o0 + b + 1], y2 = out[o0 + b + 2], y3 = out[o0 + b + 3];
            float[] d0 = d[b], d1 = d[b + 1], d2 = d[b + 2], d3 = d[b + 3];
            int k = 0;
            if (!accumulate) {
                scale4(y0, y1, y2, y3, M[0], d0[0], d1[0], d2[0], d3[0], len);
                k = 1;
            }
            for (; k < inner; k++) {
                axpy4(y0, y1, y2, y3, M[k], d0[k], d1[k], d2[k], d3[k], len);
            }
        }
        for (; b < n; b++) {
            float[] y = out[o0 + b], db = d[b];
            int k = 0;
            if (!accumulate) {
                scale(y, M[0], db[0], len);
                k = 1;
            }
            for (; k < inner; k++) {
                axpy(y, M[k], db[k], len);
            }
        }
    }

    private void lstmBack(int r, int b) {
        final int H = this.H;
        final float[] i = g0[r], f = g1[r], g = g2[r], o = g3[r], tc = tcs[r], cp = cs[r];
        final float[] dhb = dh[b], dcb = dc[b];
        final float[] di = t0, df = t1, dg = t2, dout = t3;
        if (cell == CellType.PEEPHOLE_LSTM) {
            // o also reaches c_t (through p_o); c_{t-1} also reaches i and f (through p_i, p_f)
            final float[] c = cs[r + B], pi = ex[0], pf = ex[1], po = ex[2], dpi = dEx[0], dpf = dEx[1],
                    dpo = dEx[2];
            for (int k = 0; k < H; k++) {
                float dok = dhb[k] * tc[k] * o[k] * (1f - o[k]);
                float dck = dcb[k] + dhb[k] * o[k] * (1f - tc[k] * tc[k]) + dok * po[k];
                float dik = dck * g[k] * i[k] * (1f - i[k]);
                float dfk = dck * cp[k] * f[k] * (1f - f[k]);
                di[k] = dik;
                df[k] = dfk;
                dg[k] = dck * i[k] * (1f - g[k] * g[k]);
                dout[k] = dok;
                dcb[k] = dck * f[k] + dik * pi[k] + dfk * pf[k];
                dpi[k] += dik * cp[k];
                dpf[k] += dfk * cp[k];
                dpo[k] += dok * c[k];
            }
        } else {
            for (int k = 0; k < H; k++) {
                float dck = dcb[k] + dhb[k] * o[k] * (1f - tc[k] * tc[k]);
                di[k] = dck * g[k] * i[k] * (1f - i[k]);
                df[k] = dck * cp[k] * f[k] * (1f - f[k]);
                dg[k] = dck * i[k] * (1f - g[k] * g[k]);
                dout[k] = dhb[k] * tc[k] * o[k] * (1f - o[k]);
                dcb[k] = dck * f[k];
            }
        }
        final float[] d = dgx[b];
        System.arraycopy(di, 0, d, 0, H);
        System.arraycopy(df, 0, d, H, H);
        System.arraycopy(dg, 0, d, 2 * H, H);
        System.arraycopy(dout, 0, d, 3 * H, H);
    }

    /**
     * Jordan: dh[b] is the gradient of y_t (its own output's and the next step's, through R); dV and dc accumulate,
     * and the gate gradient (through V, then tanh) goes to dgx[b], from which the common code takes dW, dR, db,
     * the input gradient and the gradient of y_{t-1}.
     */
    private void jordanBack(int r, int b) {
        final float[] a = g0[r], dyt = dh[b], d = dgx[b];
        add(dcOut, dyt, H);
        Arrays.fill(d, 0f);
        for (int k = 0; k < H; k++) {
            axpy(dVT[k], a, dyt[k], GH);
            axpy(d, VT[k], dyt[k], GH);
        }
        for (int j = 0; j < GH; j++) {
            d[j] *= 1f - a[j] * a[j];
        }
    }

    /** LN simple RNN: dgamma, dbeta accumulated; the pre-normalisation gradient (layer-norm backward) into dgx[b]. */
    private void lnBack(int r, int b) {
        final int H = this.H;
        final float[] n = nrm[r], h = hs[r + B], dhb = dh[b], gamma = ex[0], dgamma = dEx[0], dbeta = dEx[1];
        final float[] dn = t0, d = dgx[b];
        float m1 = 0f, m2 = 0f;
        for (int k = 0; k < H; k++) {
            float dy = dhb[k] * (1f - h[k] * h[k]);
            dgamma[k] += dy * n[k];
            dbeta[k] += dy;
            dn[k] = dy * gamma[k];
            m1 += dn[k];
            m2 += dn[k] * n[k];
        }
        m1 /= H;
        m2 /= H;
        final float rs = rstd[r];
        for (int k = 0; k < H; k++) {
            d[k] = rs * (dn[k] - m1 - n[k] * m2);
        }
    }

    /** Leaves dr, dz, dn in t0..t2, dn*r in t3, the direct dh_{t-1} part in dhNew[b]. */
    private void gruBack(int r, int b) {
        final int H = this.H;
        final float[] rr = g0[r], z = g1[r], n = g2[r], hn = ghn[r], hp = hs[r];
        final float[] dhb = dh[b], direct = dhNew[b];
        final float[] dr = t0, dz = t1, dn = t2, dnr = t3;
        for (int k = 0; k < H; k++) {
            float dnp = dhb[k] * (1f - z[k]) * (1f - n[k] * n[k]);
            dz[k] = dhb[k] * (hp[k] - n[k]) * z[k] * (1f - z[k]);
            dr[k] = dnp * hn[k] * rr[k] * (1f - rr[k]);
            dn[k] = dnp;
            dnr[k] = dnp * rr[k];
            direct[k] = dhb[k] * z[k];
        }
        final float[] dx = dgx[b], dhh = dghBuf[b];
        System.arraycopy(dr, 0, dx, 0, H);
        System.arraycopy(dz, 0, dx, H, H);
        System.arraycopy(dn, 0, dx, 2 * H, H);
        System.arraycopy(dr, 0, dhh, 0, H);
        System.arraycopy(dz, 0, dhh, H, H);
        System.arraycopy(dnr, 0, dhh, 2 * H, H);
    }

    // ------------------------------------------------------------------------------------------ primitives
    // Every loop indexes all its arrays with the same k (see the class comment).

    static void axpy(float[] y, float[] x, float a, int n) {
        for (int k = 0; k < n; k++) {
            y[k] += a * x[k];
        }
    }

    static void add(float[] y, float[] x, int n) {
        for (int k = 0; k < n; k++) {
            y[k] += x[k];
        }
    }

    static void scale(float[] y, float[] x, float a, int n) {
        for (int k = 0; k < n; k++) {
            y[k] = a * x[k];
        }
    }

    static void copy4(float[] y0, float[] y1, float[] y2, float[] y3, float[] x, int n) {
        for (int k = 0; k < n; k++) {
            float v = x[k];
            y0[k] = v;
            y1[k] = v;
            y2[k] = v;
            y3[k] = v;
        }
    }

    static void axpy4(float[] y0, float[] y1, float[] y2, float[] y3, float[] x, float a0, float a1, float a2,
                      float a3, int n) {
        for (int k = 0; k < n; k++) {
            float v = x[k];
            y0[k] += a0 * v;
            y1[k] += a1 * v;
            y2[k] += a2 * v;
            y3[k] += a3 * v;
        }
    }

    static void scale4(float[] y0, float[] y1, float[] y2, float[] y3, float[] x, float a0, float a1, float a2,
                       float a3, int n) {
        for (int k = 0; k < n; k++) {
            float v = x[k];
            y0[k] = a0 * v;
            y1[k] = a1 * v;
            y2[k] = a2 * v;
            y3[k] = a3 * v;
        }
    }

    static void acc4(float[] y, float[] x0, float[] x1, float[] x2, float[] x3, float a0, float a1, float a2,
                     float a3, int n) {
        for (int k = 0; k < n; k++) {
            y[k] += a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k];
        }
    }

    static float dot(float[] a, float[] b, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[k] * b[k];
            s1 += a[k + 1] * b[k + 1];
            s2 += a[k + 2] * b[k + 2];
            s3 += a[k + 3] * b[k + 3];
        }
        for (; k < n; k++) {
            s0 += a[k] * b[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    // Rational minimax approximation of tanh on [-7.9053, 7.9053] (the classic odd 13/6-degree form, as used
    // e.g. by Eigen's fast float tanh); absolute error below 1e-6 over the whole float range once clamped.
    private static final float CLAMP = 7.90531110763549805f;
    private static final float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f,
            A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f,
            A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f,
            B6 = 1.19825839466702e-06f;

    static float tanh(float v) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, v));
        float x2 = x * x;
        float p = A13;
        p = p * x2 + A11;
        p = p * x2 + A9;
        p = p * x2 + A7;
        p = p * x2 + A5;
        p = p * x2 + A3;
        p = p * x2 + A1;
        p = p * x;
        float q = B6;
        q = q * x2 + B4;
        q = q * x2 + B2;
        q = q * x2 + B0;
        return p / q;
    }

    static float sigmoid(float v) {
        return 0.5f + 0.5f * tanh(0.5f * v);
    }

    static void tanhInPlace(float[] a, int n) {
        for (int k = 0; k < n; k++) {
            a[k] = tanh(a[k]);
        }
    }

    static void sigmoidInPlace(float[] a, int n) {
        for (int k = 0; k < n; k++) {
            a[k] = sigmoid(a[k]);
        }
    }
}
