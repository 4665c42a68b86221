package io.rnnforecast.model.layers;

import java.util.Arrays;

/**
 * Single-precision fused recurrent kernel: forward pass and full backpropagation through time over a whole
 * mini-batch of sequences, on primitive arrays, in the calling thread.
 *
 * <p>Layouts (all row-major): parameters {@code W [nIn][G*H] | R [H][G*H] | b [nBias]} (see {@link CellType});
 * input and input-gradient {@code [B][nIn][T]}; output and output-gradient {@code [B][H][T]} (sequence mode) or
 * {@code [B][H]} (last step); mask {@code [B][T]} (1 = real step, 0 = padding). Internally everything is
 * time-major {@code [T][B][.]} so that each step touches contiguous memory and the inner loops (length {@code G*H}
 * or {@code H}) are plain AXPYs that C2 auto-vectorises.
 *
 * <p>Masked steps carry the state through unchanged ({@code h_t = h_{t-1}}, {@code c_t = c_{t-1}}) and output
 * zero; hence the final state is the state after the last real step, for leading and trailing padding alike.
 *
 * <p>{@link DoubleRnnKernel} is a line-by-line transliteration of this class to double precision with exact
 * {@code Math.tanh}/{@code Math.exp}; keep the two in step.
 */
final class FloatRnnKernel {

    final CellType cell;
    final int nIn, H, G, GH, nBias;
    private int B, T;
    private boolean hasMask;

    // parameters, copied from the layer for each call
    final float[] params;
    private final float[] RT; // [GH][H]  recurrent weights transposed (for dh_prev)
    private final float[] WT; // [GH][nIn] input weights transposed (for dx)

    // forward cache
    private float[] x = new float[0];    // [T][B][nIn]
    private float[] gx = new float[0];   // [T][B][GH]   x W + b_in
    private float[] hs = new float[0];   // [T+1][B][H]  hs[0] = h0
    private float[] cs = new float[0];   // [T+1][B][H]  LSTM cell state
    private float[] tcs = new float[0];  // [T][B][H]    LSTM tanh(c)
    private float[] act = new float[0];  // LSTM [T][B][4H] (i,f,g,o); GRU [T][B][2H] (r,z)
    private float[] ns = new float[0];   // GRU [T][B][H] candidate n
    private float[] ghn = new float[0];  // GRU [T][B][H] W_hn h + b_hn
    private float[] mask = new float[0]; // [T][B]
    private float[] gh = new float[0];   // [B][GH] scratch: h_{t-1} R

    // backward scratch
    private float[] dh = new float[0], dc = new float[0]; // [B][H]
    private float[] dy = new float[0];   // [T][B][H]
    private float[] dxT = new float[0];  // [T][B][nIn]
    private final float[] dgx, dgh, dhNew;

    FloatRnnKernel(CellType cell, int nIn, int nOut) {
        this.cell = cell;
        this.nIn = nIn;
        this.H = nOut;
        this.G = cell.gates;
        this.GH = G * H;
        this.nBias = cell.biasLength(H);
        this.params = new float[nIn * GH + H * GH + nBias];
        this.RT = new float[GH * H];
        this.WT = new float[GH * nIn];
        this.dgx = new float[GH];
        this.dgh = new float[GH];
        this.dhNew = new float[H];
    }

    int numParams() {
        return params.length;
    }

    int batch() {
        return B;
    }

    int steps() {
        return T;
    }

    private static float[] ensure(float[] a, long n) {
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("Fused RNN buffer too large: " + n + " elements; use smaller mini-batches");
        }
        return a.length >= n ? a : new float[(int) n];
    }

    // ------------------------------------------------------------------------------------------ forward

    /**
     * Forward pass. {@link #params} must hold the current parameters.
     *
     * @param in   input [B][nIn][T]
     * @param m    mask [B][T] or null
     * @param h0   initial hidden state [B][H] or null (zeros)
     * @param c0   initial cell state [B][H] (LSTM only) or null (zeros)
     */
    void forward(float[] in, float[] m, int batch, int steps, float[] h0, float[] c0) {
        final int I = nIn;
        this.B = batch;
        this.T = steps;
        final int TB = T * B;
        x = ensure(x, (long) TB * I);
        gx = ensure(gx, (long) TB * GH);
        hs = ensure(hs, (long) (TB + B) * H);
        gh = ensure(gh, (long) B * GH);
        if (cell == CellType.LSTM) {
            cs = ensure(cs, (long) (TB + B) * H);
            tcs = ensure(tcs, (long) TB * H);
            act = ensure(act, (long) TB * GH);
        } else if (cell == CellType.GRU) {
            act = ensure(act, (long) TB * 2 * H);
            ns = ensure(ns, (long) TB * H);
            ghn = ensure(ghn, (long) TB * H);
        }
        // input to time-major
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < I; i++) {
                int src = (b * I + i) * T;
                for (int t = 0; t < T; t++) {
                    x[(t * B + b) * I + i] = in[src + t];
                }
            }
        }
        hasMask = m != null;
        if (hasMask) {
            mask = ensure(mask, TB);
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < T; t++) {
                    mask[t * B + b] = m[b * T + t];
                }
            }
        }
        final float[] p = params;
        final int rOff = I * GH, bOff = rOff + H * GH;
        // input projection for all steps at once: gx = x W + b_in
        for (int tb = 0; tb < TB; tb++) {
            int o = tb * GH;
            System.arraycopy(p, bOff, gx, o, GH);
            for (int i = 0; i < I; i++) {
                axpy(gx, o, p, i * GH, x[tb * I + i], GH);
            }
        }
        boolean zeroState = h0 == null && c0 == null;
        if (h0 == null) {
            Arrays.fill(hs, 0, B * H, 0f);
        } else {
            System.arraycopy(h0, 0, hs, 0, B * H);
        }
        if (cell == CellType.LSTM) {
            if (c0 == null) {
                Arrays.fill(cs, 0, B * H, 0f);
            } else {
                System.arraycopy(c0, 0, cs, 0, B * H);
            }
        }
        for (int t = 0; t < T; t++) {
            // recurrent projection gh = h_{t-1} R for the whole batch
            if (t == 0 && zeroState) {
                Arrays.fill(gh, 0, B * GH, 0f);
            } else {
                int hp = t * B * H;
                for (int b = 0; b < B; b++) {
                    int go = b * GH, ho = hp + b * H;
                    scale(gh, go, p, rOff, hs[ho], GH);
                    for (int j = 1; j < H; j++) {
                        axpy(gh, go, p, rOff + j * GH, hs[ho + j], GH);
                    }
                }
            }
            for (int b = 0; b < B; b++) {
                int tb = t * B + b;
                int hp = tb * H, hc = hp + B * H;
                if (hasMask && mask[tb] == 0f) {
                    System.arraycopy(hs, hp, hs, hc, H);
                    if (cell == CellType.LSTM) {
                        System.arraycopy(cs, hp, cs, hc, H);
                    }
                    continue;
                }
                switch (cell) {
                    case LSTM:
                        lstmStep(tb, b, hp, hc, p, bOff);
                        break;
                    case GRU:
                        gruStep(tb, b, hp, hc, p, bOff);
                        break;
                    default:
                        rnnStep(tb, b, hc);
                }
            }
        }
    }

    private void lstmStep(int tb, int b, int hp, int hc, float[] p, int bOff) {
        final int H = this.H, GH = this.GH;
        final int a = tb * GH, g = b * GH, to = tb * H;
        final float[] act = this.act, gx = this.gx, gh = this.gh, cs = this.cs, tcs = this.tcs, hs = this.hs;
        for (int k = 0; k < GH; k++) {
            act[a + k] = gx[a + k] + gh[g + k];
        }
        sigmoidInPlace(act, a, 2 * H);
        tanhInPlace(act, a + 2 * H, H);
        sigmoidInPlace(act, a + 3 * H, H);
        final int ai = a, af = a + H, ag = a + 2 * H, ao = a + 3 * H;
        for (int k = 0; k < H; k++) {
            float c = act[af + k] * cs[hp + k] + act[ai + k] * act[ag + k];
            cs[hc + k] = c;
            tcs[to + k] = c;
        }
        tanhInPlace(tcs, to, H);
        for (int k = 0; k < H; k++) {
            hs[hc + k] = act[ao + k] * tcs[to + k];
        }
    }

    private void gruStep(int tb, int b, int hp, int hc, float[] p, int bOff) {
        final int H = this.H, GH = this.GH;
        final int a = tb * GH, g = b * GH, ra = tb * 2 * H, no = tb * H, bhn = bOff + GH;
        final float[] act = this.act, gx = this.gx, gh = this.gh, ns = this.ns, ghn = this.ghn, hs = this.hs;
        for (int k = 0; k < 2 * H; k++) {
            act[ra + k] = gx[a + k] + gh[g + k];
        }
        sigmoidInPlace(act, ra, 2 * H);
        for (int k = 0; k < H; k++) {
            float hn = gh[g + 2 * H + k] + p[bhn + k];
            ghn[no + k] = hn;
            ns[no + k] = gx[a + 2 * H + k] + act[ra + k] * hn;
        }
        tanhInPlace(ns, no, H);
        final int za = ra + H;
        for (int k = 0; k < H; k++) {
            float n = ns[no + k];
            hs[hc + k] = n + act[za + k] * (hs[hp + k] - n);
        }
    }

    private void rnnStep(int tb, int b, int hc) {
        final int H = this.H;
        final int a = tb * H, g = b * H;
        for (int k = 0; k < H; k++) {
            hs[hc + k] = gx[a + k] + gh[g + k];
        }
        tanhInPlace(hs, hc, H);
    }

    /** Output [B][H][T] (masked steps zero) or the final state [B][H]. */
    void output(float[] out, boolean sequence) {
        if (sequence) {
            for (int b = 0; b < B; b++) {
                for (int k = 0; k < H; k++) {
                    int dst = (b * H + k) * T;
                    for (int t = 0; t < T; t++) {
                        int tb = t * B + b;
                        out[dst + t] = (hasMask && mask[tb] == 0f) ? 0f : hs[(tb + B) * H + k];
                    }
                }
            }
        } else {
            System.arraycopy(hs, T * B * H, out, 0, B * H);
        }
    }

    /** Final hidden state [B][H] into dst. */
    void finalHidden(float[] dst) {
        System.arraycopy(hs, T * B * H, dst, 0, B * H);
    }

    /** Final cell state [B][H] into dst (LSTM). */
    void finalCell(float[] dst) {
        System.arraycopy(cs, T * B * H, dst, 0, B * H);
    }

    // ------------------------------------------------------------------------------------------ backward

    /**
     * Backpropagation through time for the last {@link #forward} call (with the same parameters).
     *
     * @param eps  gradient of the loss w.r.t. the output: [B][H][T] (sequence) or [B][H] (last step)
     * @param grad out: parameter gradient, layout W | R | b (overwritten)
     * @param dIn  out: gradient w.r.t. the input, [B][nIn][T] (overwritten)
     */
    void backward(float[] eps, boolean sequence, float[] grad, float[] dIn) {
        final int I = nIn, H = this.H, GH = this.GH, B = this.B, T = this.T, TB = T * B;
        final float[] p = params;
        final int rOff = I * GH, bOff = rOff + H * GH;
        Arrays.fill(grad, 0, params.length, 0f);
        // transposed weights
        for (int j = 0; j < H; j++) {
            for (int k = 0; k < GH; k++) {
                RT[k * H + j] = p[rOff + j * GH + k];
            }
        }
        for (int i = 0; i < I; i++) {
            for (int k = 0; k < GH; k++) {
                WT[k * I + i] = p[i * GH + k];
            }
        }
        dh = ensure(dh, (long) B * H);
        Arrays.fill(dh, 0, B * H, 0f);
        if (cell == CellType.LSTM) {
            dc = ensure(dc, (long) B * H);
            Arrays.fill(dc, 0, B * H, 0f);
        }
        dxT = ensure(dxT, (long) TB * I);
        Arrays.fill(dxT, 0, TB * I, 0f);
        if (sequence) {
            dy = ensure(dy, (long) TB * H);
            for (int b = 0; b < B; b++) {
                for (int k = 0; k < H; k++) {
                    int src = (b * H + k) * T;
                    for (int t = 0; t < T; t++) {
                        dy[(t * B + b) * H + k] = eps[src + t];
                    }
                }
            }
        } else {
            System.arraycopy(eps, 0, dh, 0, B * H);
        }
        final float[] dgx = this.dgx, dgh = cell == CellType.GRU ? this.dgh : this.dgx, dhNew = this.dhNew;
        final int bhnOff = bOff + GH;
        final boolean dxByDot = I < 8;
        for (int t = T - 1; t >= 0; t--) {
            for (int b = 0; b < B; b++) {
                final int tb = t * B + b;
                if (hasMask && mask[tb] == 0f) {
                    continue; // state (and its gradient) passes through unchanged
                }
                final int bh = b * H, hp = tb * H, hc = hp + B * H;
                if (sequence) {
                    axpy(dh, bh, dy, tb * H, 1f, H);
                }
                switch (cell) {
                    case LSTM:
                        lstmBack(tb, bh, hp);
                        Arrays.fill(dhNew, 0f);
                        break;
                    case GRU:
                        gruBack(tb, bh, hp);
                        for (int k = 0; k < H; k++) {
                            grad[bhnOff + k] += dgh[2 * H + k];
                        }
                        break;
                    default:
                        for (int k = 0; k < H; k++) {
                            float h = hs[hc + k];
                            dgx[k] = dh[bh + k] * (1f - h * h);
                        }
                        Arrays.fill(dhNew, 0f);
                }
                // parameter gradients
                axpy(grad, bOff, dgx, 0, 1f, GH);
                for (int i = 0; i < I; i++) {
                    axpy(grad, i * GH, dgx, 0, x[tb * I + i], GH);
                }
                if (t > 0 || hasInitialState(b)) {
                    for (int j = 0; j < H; j++) {
                        axpy(grad, rOff + j * GH, dgh, 0, hs[hp + j], GH);
                    }
                }
                // input gradient
                if (dxByDot) {
                    for (int i = 0; i < I; i++) {
                        dxT[tb * I + i] = dot(p, i * GH, dgx, 0, GH);
                    }
                } else {
                    int xo = tb * I;
                    for (int k = 0; k < GH; k++) {
                        axpy(dxT, xo, WT, k * I, dgx[k], I);
                    }
                }
                // recurrent gradient to h_{t-1}
                for (int k = 0; k < GH; k++) {
                    axpy(dhNew, 0, RT, k * H, dgh[k], H);
                }
                System.arraycopy(dhNew, 0, dh, bh, H);
            }
        }
        for (int b = 0; b < B; b++) {
            for (int i = 0; i < I; i++) {
                int dst = (b * I + i) * T;
                for (int t = 0; t < T; t++) {
                    dIn[dst + t] = dxT[(t * B + b) * I + i];
                }
            }
        }
    }

    private boolean hasInitialState(int b) {
        // h0 rows are non-zero only when a previous state was supplied; checking is cheaper than a flag per row
        for (int k = 0; k < H; k++) {
            if (hs[b * H + k] != 0f) {
                return true;
            }
        }
        return false;
    }

    private void lstmBack(int tb, int bh, int hp) {
        final int H = this.H;
        final int a = tb * GH, to = tb * H;
        final int ai = a, af = a + H, ag = a + 2 * H, ao = a + 3 * H;
        final float[] act = this.act, tcs = this.tcs, cs = this.cs, dh = this.dh, dc = this.dc, dgx = this.dgx;
        for (int k = 0; k < H; k++) {
            float i = act[ai + k], f = act[af + k], g = act[ag + k], o = act[ao + k];
            float tc = tcs[to + k];
            float dhk = dh[bh + k];
            float dck = dc[bh + k] + dhk * o * (1f - tc * tc);
            dgx[k] = dck * g * i * (1f - i);
            dgx[H + k] = dck * cs[hp + k] * f * (1f - f);
            dgx[2 * H + k] = dck * i * (1f - g * g);
            dgx[3 * H + k] = dhk * tc * o * (1f - o);
            dc[bh + k] = dck * f;
        }
    }

    private void gruBack(int tb, int bh, int hp) {
        final int H = this.H;
        final int ra = tb * 2 * H, no = tb * H;
        final float[] act = this.act, ns = this.ns, ghn = this.ghn, hs = this.hs, dh = this.dh;
        final float[] dgx = this.dgx, dgh = this.dgh, dhNew = this.dhNew;
        for (int k = 0; k < H; k++) {
            float r = act[ra + k], z = act[ra + H + k], n = ns[no + k];
            float dhk = dh[bh + k];
            float dnp = dhk * (1f - z) * (1f - n * n);
            float dzp = dhk * (hs[hp + k] - n) * z * (1f - z);
            float drp = dnp * ghn[no + k] * r * (1f - r);
            dgx[k] = drp;
            dgx[H + k] = dzp;
            dgx[2 * H + k] = dnp;
            dgh[k] = drp;
            dgh[H + k] = dzp;
            dgh[2 * H + k] = dnp * r;
            dhNew[k] = dhk * z;
        }
    }

    // ------------------------------------------------------------------------------------------ primitives

    static void axpy(float[] y, int yo, float[] x, int xo, float a, int n) {
        for (int k = 0; k < n; k++) {
            y[yo + k] += a * x[xo + k];
        }
    }

    static void scale(float[] y, int yo, float[] x, int xo, float a, int n) {
        for (int k = 0; k < n; k++) {
            y[yo + k] = a * x[xo + k];
        }
    }

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
            s2 += a[ao + k + 2] * b[bo + k + 2];
            s3 += a[ao + k + 3] * b[bo + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[ao + k] * b[bo + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    // Rational minimax approximation of tanh on [-7.9053, 7.9053] (the classic odd 13/6-degree form, as used
    // e.g. by Eigen's fast float tanh); absolute error below 2e-7 over the whole float range once clamped.
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

    static void tanhInPlace(float[] a, int o, int n) {
        for (int k = 0; k < n; k++) {
            a[o + k] = tanh(a[o + k]);
        }
    }

    static void sigmoidInPlace(float[] a, int o, int n) {
        for (int k = 0; k < n; k++) {
            a[o + k] = sigmoid(a[o + k]);
        }
    }
}
