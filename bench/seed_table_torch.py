#!/usr/bin/python3
"""A PyTorch peer of bench/seed-table.sh: the same Géron ch.15 models on the same budget, made the Keras way, to tell
whether the project's misses come from its training or from the budget itself.

  flock /tmp/build.lock /usr/bin/python3 bench/seed_table_torch.py --data geron --seeds 1 2 3 [--models ...]
  --data project: this project's series and split, regenerated here (Java's SplittableRandom and SeriesSplitter's
  hash re-implemented bit for bit: no Parquet reader is needed, and the naive rows check it against the job's table).

One line per (data, model, seed) on stdout and appended to --out (TSV), so a long run can be read as it goes.
"""
import argparse
import math
import sys
import time

import numpy as np
import torch
from torch import nn

torch.set_num_threads(1)  # the machine's cores are shared; the seed table runs the Java job with one worker too

# ---------------------------------------------------------------- data

def geron_series(n, steps):
    """Géron's generate_time_series, verbatim, float32 as his."""
    freq1, freq2, offsets1, offsets2 = np.random.rand(4, n, 1)
    t = np.linspace(0, 1, steps)
    series = 0.5 * np.sin((t - offsets1) * (freq1 * 10 + 10))
    series += 0.2 * np.sin((t - offsets2) * (freq2 * 20 + 20))
    series += 0.1 * (np.random.rand(n, steps) - 0.5)
    return series.astype(np.float32)


def geron_data(n, steps):
    np.random.seed(42)  # his notebook reseeds before each of the 51- and 60-step data sets
    s = geron_series(n, steps)
    a, b = int(n * 0.7), int(n * 0.9)
    return s[:a], s[a:b], s[b:]


M64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix64(z):  # SeriesRandom.mix64 = SplittableRandom's mix64 (SplitMix64 finaliser)
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def project_series(seed, index, steps):
    """GeronGenerator.values: new SplittableRandom(mix64(mix64(seed) + index * GOLDEN)), nextDouble() draws."""
    state = mix64((mix64(seed & M64) + index * GOLDEN) & M64)
    draws = []
    for _ in range(4 + steps):
        state = (state + GOLDEN) & M64
        draws.append((mix64(state) >> 11) * 2.0 ** -53)
    f1, f2, o1, o2 = draws[:4]
    t = np.array([i / (steps - 1) for i in range(steps - 1)] + [1.0])
    return (0.5 * np.sin((t - o1) * (f1 * 10 + 10)) + 0.2 * np.sin((t - o2) * (f2 * 20 + 20))
            + 0.1 * (np.array(draws[4:]) - 0.5))


def project_split(uid, seed=42, validation=0.2, test=0.1):
    """SeriesSplitter.assign with split.mode = series: FNV-1a over the id's bytes, then SplitMix64."""
    h = 0xCBF29CE484222325
    for b in uid.encode():
        h = ((h ^ b) * 0x100000001B3) & M64
    u = (mix64(h ^ mix64(seed)) >> 11) * 2.0 ** -53
    return 2 if u < test else 1 if u < test + validation else 0


def project_data(n, steps):
    parts = ([], [], [])
    for i in range(n):
        parts[project_split(f"geron-{i:09d}")].append(project_series(42, i, steps))
    return tuple(np.array(p, dtype=np.float32) for p in parts)


def tensors(s, horizon, seq2seq):
    x = torch.from_numpy(s[:, :50, None].copy())
    if seq2seq:  # Y[:, t, k] = s[t + k + 1]
        y = torch.from_numpy(np.stack([s[:, k:k + 50] for k in range(1, horizon + 1)], axis=-1).copy())
    else:
        y = torch.from_numpy(s[:, 50:50 + horizon].copy())
    return x, y

# ---------------------------------------------------------------- models


class Net(nn.Module):
    """Stacked recurrent layers; head = dense (last step -> Linear), recurrent (an extra cell of `out` units whose
    tanh'd last step is the forecast) or seq2seq (every step -> Linear)."""

    def __init__(self, cell, units, out, head):
        super().__init__()
        rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell]
        sizes = [1] + units
        self.layers = nn.ModuleList(rnn(a, b, batch_first=True) for a, b in zip(sizes, sizes[1:]))
        self.head = head
        if head == "recurrent":
            self.layers.append(rnn(sizes[-1], out, batch_first=True))
        else:
            self.dense = nn.Linear(sizes[-1], out)
        for m in self.modules():  # Keras: Glorot-uniform kernels, orthogonal recurrent kernels, zero biases
            for name, p in m.named_parameters(recurse=False):
                if name.startswith("weight_hh"):
                    nn.init.orthogonal_(p)
                elif name.startswith("weight"):
                    nn.init.xavier_uniform_(p)
                else:
                    nn.init.zeros_(p)
                if isinstance(m, nn.LSTM) and name.startswith("bias_ih"):
                    with torch.no_grad():  # unit_forget_bias (gate order i, f, g, o)
                        p[p.shape[0] // 4:p.shape[0] // 2] = 1.0

    def forward(self, x):
        for layer in self.layers:
            x, _ = layer(x)
        if self.head == "recurrent":
            return x[:, -1]
        if self.head == "dense":
            return self.dense(x[:, -1])
        return self.dense(x)


class KerasAdam(torch.optim.Optimizer):
    """Adam as TF/Keras (and DL4J) apply it: eps added to sqrt(v) before bias correction (lr_t folds it in);
    torch.optim.Adam adds eps after, which is a different (smaller, early) effective epsilon."""

    def __init__(self, params, lr, eps):
        super().__init__(params, dict(lr=lr, eps=eps))

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            for p in g["params"]:
                s = self.state[p]
                if not s:
                    s["t"], s["m"], s["v"] = 0, torch.zeros_like(p), torch.zeros_like(p)
                s["t"] += 1
                s["m"].mul_(0.9).add_(p.grad, alpha=0.1)
                s["v"].mul_(0.999).addcmul_(p.grad, p.grad, value=0.001)
                lr_t = g["lr"] * math.sqrt(1 - 0.999 ** s["t"]) / (1 - 0.9 ** s["t"])
                p.addcdiv_(s["m"], s["v"].sqrt().add_(g["eps"]), value=-lr_t)


# id: cell, units, horizon, head, seq2seq, lr, published (Géron's validation numbers, as in seed-table.sh)
MODELS = {
    "simple-rnn-1": ("rnn", [], 1, "recurrent", False, 0.005, 0.0109),
    "deep-recurrent": ("rnn", [20, 20], 1, "recurrent", False, 1e-3, 0.00291),
    "deep-dense": ("rnn", [20, 20], 1, "dense", False, 1e-3, 0.00262),
    "deep-dense-10": ("rnn", [20, 20], 10, "dense", False, 1e-3, 0.0085),
    "seq2seq-lstm": ("lstm", [20, 20], 10, "seq2seq", True, 1e-3, 0.00856),
    "seq2seq-gru": ("gru", [20, 20], 10, "seq2seq", True, 1e-3, 0.0103),
}


def metric(net, x, y, seq2seq):
    """MSE of the forecasts; for seq2seq Géron's last_time_step_mse (the last step's 10-vector)."""
    with torch.no_grad():
        p = torch.cat([net(x[i:i + 1000]) for i in range(0, len(x), 1000)])
    if seq2seq:
        p, y = p[:, -1], y[:, -1]
    return float(((p - y) ** 2).mean())


def train(model, seed, splits, args):
    cell, units, horizon, head, seq2seq, lr, _ = MODELS[model]
    torch.manual_seed(seed)
    net = Net(cell, units, horizon, head)
    opt = KerasAdam(net.parameters(), lr, args.eps) if args.adam == "keras" \
        else torch.optim.Adam(net.parameters(), lr, eps=args.eps)
    (xt, yt), valid, test = (tensors(s, horizon, seq2seq) for s in splits)
    best = math.inf
    for epoch in range(args.epochs):
        order = torch.randperm(len(xt))  # Keras' fit(shuffle=True): a new order every epoch
        for i in range(0, len(xt), args.batch):
            idx = order[i:i + args.batch]
            opt.zero_grad()
            loss = ((net(xt[idx]) - yt[idx]) ** 2).mean()
            loss.backward()
            opt.step()
        best = min(best, metric(net, *valid, seq2seq))
    # the last epoch's network, as Géron evaluates it (no early stopping); best = the best epoch's validation
    return metric(net, *valid, seq2seq), metric(net, *test, seq2seq), best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", choices=["geron", "project"], default="geron")
    ap.add_argument("--models", nargs="+", default=list(MODELS))
    ap.add_argument("--seeds", nargs="+", type=int, default=[1, 2, 3])
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--adam", choices=["keras", "torch"], default="keras")
    ap.add_argument("--eps", type=float, default=1e-7)  # Keras' default (DL4J: 1e-8)
    ap.add_argument("--out", default="/tmp/seed_table_torch.tsv")
    args = ap.parse_args()
    make = geron_data if args.data == "geron" else project_data
    data = {h: make(10000, 50 + h) for h in {MODELS[m][2] for m in args.models} | {1, 10}}
    for h, (tr, va, te) in sorted(data.items()):  # the naive rows check the data against the published ones
        print(f"# data={args.data} horizon={h} train/valid/test={len(tr)}/{len(va)}/{len(te)} naive mse valid="
              f"{np.mean((va[:, 50:] - va[:, 49:50]) ** 2):.5f} test={np.mean((te[:, 50:] - te[:, 49:50]) ** 2):.5f}",
              flush=True)
    with open(args.out, "a") as out:
        for model in args.models:
            for seed in args.seeds:
                t0 = time.time()
                valid, test, best = train(model, seed, data[MODELS[model][2]], args)
                row = (f"{args.data}\t{model}\t{seed}\t{args.adam}\t{args.eps:g}\t{MODELS[model][6]}\t{valid:.5f}"
                       f"\t{test:.5f}\t{best:.5f}\t{time.time() - t0:.0f}")
                print(row, flush=True)
                out.write(row + "\n")
                out.flush()


if __name__ == "__main__":
    sys.exit(main())
