#!/usr/bin/env python3
"""PyTorch CPU reference throughput for bench/rnn-benchmark.sh.

Trains (and runs inference with) a 2-layer LSTM/GRU seq->1 regressor on 50-step Geron series,
Adam, one thread. Prints one line per point:  RESULT torch-<cell> h=<h> bs=<bs> train=<samples/s> infer=<samples/s>

--blas-info prints, instead of benchmarking, which BLAS this torch runs its matrix products on and one core's
measured FP32 matmul rate:
  BLAS torch-config <the BLAS_INFO/LAPACK_INFO of torch.__config__.show(): build time only, "generic" on Debian>
  BLAS torch-runtime <the BLAS/LAPACK libraries mapped into this process after a torch.mm (/proc/self/maps)>
  BLAS torch-kind <openblas|mkl|blis|reference|<BLAS_INFO>-static|unknown>
  PEAK torch-sgemm n=<n> gflops=<best of several n x n x n float32 torch.mm, 2 n^3 FLOPs each, 1 thread>
"""
import argparse
import re
import time

import numpy as np
import torch


def geron(n, n_steps=51, seed=42):
    rng = np.random.default_rng(seed)
    f1, f2, o1, o2 = rng.random((4, n, 1))
    t = np.linspace(0, 1, n_steps)
    s = 0.5 * np.sin((t - o1) * (f1 * 10 + 10)) + 0.2 * np.sin((t - o2) * (f2 * 20 + 20))
    s = s + 0.1 * (rng.random((n, n_steps)) - 0.5)
    return s[:, :50, None].astype(np.float32), s[:, 50:].astype(np.float32)


class Net(torch.nn.Module):
    def __init__(self, cell, h):
        super().__init__()
        rnn = torch.nn.LSTM if cell == "lstm" else torch.nn.GRU
        self.rnn = rnn(1, h, num_layers=2, batch_first=True)
        self.out = torch.nn.Linear(h, 1)

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.out(y[:, -1, :])


def timed(fn, min_seconds, min_iters):
    # warm-up: two calls, or one when a call takes over a second (the large points)
    t0 = time.perf_counter()
    fn()
    if time.perf_counter() - t0 < 1.0:
        fn()
    n, t0 = 0, time.perf_counter()
    while True:
        fn()
        n += 1
        el = time.perf_counter() - t0
        if el >= min_seconds and n >= min_iters:
            return n, el


def blas_info(n=1024, runs=5):
    cfg = torch.__config__.show()
    m = re.search(r"BLAS_INFO=[^,\s]*", cfg)
    lm = re.search(r"LAPACK_INFO=[^,\s]*", cfg)
    print("BLAS torch-config", m.group(0) if m else "BLAS_INFO=?", lm.group(0) if lm else "", flush=True)
    a, b = torch.randn(n, n), torch.randn(n, n)
    c = torch.mm(a, b)  # loads the BLAS (lazily bound on some builds) and warms it
    libs = []
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            if re.search(r"blas|lapack|mkl|blis|atlas", path.rsplit("/", 1)[-1]) and path not in libs:
                libs.append(path)
    print("BLAS torch-runtime", " ".join(libs) if libs else "(no BLAS library mapped)", flush=True)
    names = " ".join(libs).lower()
    if re.search(r"/blas/libblas\.so", names):
        kind = "reference"  # Debian's libblas3 (netlib), /usr/lib/<arch>/blas/libblas.so.3*: torch's sgemm_ binds to it
    elif "openblas" in names:
        kind = "openblas"
    elif "mkl" in names:
        kind = "mkl"
    elif "blis" in names:
        kind = "blis"
    elif "libblas.so" in names:
        kind = "reference"
    elif m and m.group(0).split("=", 1)[1] not in ("generic", "?", ""):
        kind = m.group(0).split("=", 1)[1] + "-static"  # e.g. pip wheels: MKL linked into libtorch_cpu
    else:
        kind = "unknown"
    print("BLAS torch-kind", kind, flush=True)
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        torch.mm(a, b, out=c)
        best = min(best, time.perf_counter() - t0)
    print(f"PEAK torch-sgemm n={n} gflops={2 * n ** 3 / best / 1e9:.1f}", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cells", default="lstm,gru")
    ap.add_argument("--hidden", default="20,64")
    ap.add_argument("--batch", default="32,256")
    ap.add_argument("--seconds", type=float, default=4.0)
    ap.add_argument("--blas-info", action="store_true", help="print the BLAS in use and the SGEMM peak, then exit")
    a = ap.parse_args()
    torch.set_num_threads(1)
    if a.blas_info:
        blas_info()
        return
    torch.manual_seed(0)
    x_all, y_all = geron(8192)
    x_all, y_all = torch.from_numpy(x_all), torch.from_numpy(y_all)
    for cell in a.cells.split(","):
        for h in map(int, a.hidden.split(",")):
            for bs in map(int, a.batch.split(",")):
                net = Net(cell, h)
                opt = torch.optim.Adam(net.parameters(), lr=1e-3)
                loss_fn = torch.nn.MSELoss()
                nb = x_all.shape[0] // bs
                state = {"i": 0}

                def step():
                    i = state["i"] % nb
                    state["i"] += 1
                    xb, yb = x_all[i * bs:(i + 1) * bs], y_all[i * bs:(i + 1) * bs]
                    opt.zero_grad()
                    loss = loss_fn(net(xb), yb)
                    loss.backward()
                    opt.step()

                n, el = timed(step, a.seconds, 3)
                train = n * bs / el

                def infer():
                    i = state["i"] % nb
                    state["i"] += 1
                    with torch.no_grad():
                        net(x_all[i * bs:(i + 1) * bs])

                n, el = timed(infer, a.seconds / 2, 3)
                inf = n * bs / el
                print(f"RESULT torch-{cell} h={h} bs={bs} train={train:.1f} infer={inf:.1f}", flush=True)


if __name__ == "__main__":
    main()
