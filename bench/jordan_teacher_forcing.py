#!/usr/bin/python3
"""Teacher forcing against free running for the Jordan network trained sequence-to-sequence (issue 22).

Run from the repository root with Debian's python3 (torch 1.13), one thread:
    nice -n 10 /usr/bin/python3 bench/jordan_teacher_forcing.py [--epochs 10] [--series 10000] [--stacked]

Géron's data (ch.15: two sines plus noise, 50 steps, targets Y[:, t, k] = s[t + k + 1], k < 10), 70/20 split,
the Jordan network of 20 hidden units whose 10 outputs are fed back:
    h_t = tanh(W x_t + U f_{t-1} + b), y_t = V h_t + c
(--stacked: x_t is the output of an Elman layer of 20 units first, as model.cell = jordan, units = [20, 20]),
with f_{t-1} = y_{t-1} (free running: the network's own previous output, trained through) or the true previous
target Y[:, t-1] (teacher forcing, f_{-1} = 0). Adam 1e-2, batch 32, MSE over every step. Both are scored free
running on the validation series (the only way a forecast can run: the true Y[:, t-1] holds s[t+1..t+9], values
after step t), as last_time_step_mse and over every step; teacher forcing also with its own feedback (what its
training loss sees). Prints one line per variant.
"""
import argparse
import time

import numpy as np
import torch

HIDDEN, STEPS, HORIZON = 20, 50, 10


def generate_time_series(batch_size, n_steps, rng):
    freq1, freq2, offsets1, offsets2 = rng.rand(4, batch_size, 1)
    time_ = np.linspace(0, 1, n_steps)
    series = 0.5 * np.sin((time_ - offsets1) * (freq1 * 10 + 10))
    series += 0.2 * np.sin((time_ - offsets2) * (freq2 * 20 + 20))
    series += 0.1 * (rng.rand(batch_size, n_steps) - 0.5)
    return series.astype(np.float32)


class Jordan(torch.nn.Module):
    def __init__(self, stacked):
        super().__init__()
        self.below = torch.nn.RNN(1, HIDDEN, batch_first=True) if stacked else None
        self.w = torch.nn.Linear(HIDDEN if stacked else 1, HIDDEN)
        self.u = torch.nn.Linear(HORIZON, HIDDEN, bias=False)
        self.v = torch.nn.Linear(HIDDEN, HORIZON)

    def forward(self, x, teacher=None):
        """x [B, T, 1]; teacher [B, T, HORIZON] (the true targets) or None (free running)."""
        if self.below is not None:
            x = self.below(x)[0]
        fed = torch.zeros(x.shape[0], HORIZON)
        outputs = []
        for t in range(x.shape[1]):
            y = self.v(torch.tanh(self.w(x[:, t]) + self.u(fed)))
            outputs.append(y)
            fed = y if teacher is None else teacher[:, t]
        return torch.stack(outputs, dim=1)


def scores(model, x, y, teacher):
    with torch.no_grad():
        out = model(x, y if teacher else None)
    return float(((out[:, -1] - y[:, -1]) ** 2).mean()), float(((out - y) ** 2).mean())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--series", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--stacked", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(1)
    rng = np.random.RandomState(42)
    s = generate_time_series(args.series, STEPS + HORIZON, rng)
    x = torch.tensor(s[:, :STEPS, None])
    y = torch.tensor(np.stack([s[:, t + 1:t + 1 + HORIZON] for t in range(STEPS)], axis=1))
    n_train, n_valid = int(0.7 * args.series), int(0.2 * args.series)
    xt, yt = x[:n_train], y[:n_train]
    xv, yv = x[n_train:n_train + n_valid], y[n_train:n_train + n_valid]
    for variant in ("free-running", "teacher-forcing"):
        torch.manual_seed(args.seed)
        model = Jordan(args.stacked)
        opt = torch.optim.Adam(model.parameters(), lr=1e-2)
        gen = torch.Generator().manual_seed(args.seed)
        t0 = time.time()
        for _ in range(args.epochs):
            perm = torch.randperm(n_train, generator=gen)
            for i in range(0, n_train, 32):
                idx = perm[i:i + 32]
                out = model(xt[idx], yt[idx] if variant == "teacher-forcing" else None)
                loss = ((out - yt[idx]) ** 2).mean()
                opt.zero_grad()
                loss.backward()
                opt.step()
        seconds = time.time() - t0
        last, every = scores(model, xv, yv, teacher=False)
        line = (f"{variant:<16} validation free running: last_time_step_mse {last:.5f} all_steps_mse {every:.5f}")
        if variant == "teacher-forcing":
            tf_last, tf_every = scores(model, xv, yv, teacher=True)
            line += f"; fed the true targets: {tf_last:.5f} / {tf_every:.5f}"
        print(line + f"  ({'Elman 20 + ' if args.stacked else ''}Jordan 20, seed {args.seed}, {args.epochs} epochs,"
              f" {seconds:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
