#!/usr/bin/env python3
"""The span of the conformal intervals' scale (evaluate.intervals.scale-horizons), checked outside the job.

For M4 Hourly or Weekly (../shared/data/m4), the naive forecast (seasonal naive on Hourly, season 24) is
calibrated by split conformal prediction on each series' last horizon before the test one (one score per series
and step: |error| / scale; the ceil((n + 1) 0.95)-th smallest per step) and scored on the test horizon by M4's
MSIS at 95%, with the scale over the whole in-sample part (0) or over the last k horizons before each origin.

    python3 bench/interval_scale_span.py Weekly     (numpy only; about 10 s)
"""
import csv
import math
import sys

import numpy as np

FREQ = sys.argv[1] if len(sys.argv) > 1 else "Weekly"
H, M = {"Weekly": (13, 1), "Hourly": (48, 24)}[FREQ]
DATA = sys.argv[2] if len(sys.argv) > 2 else "../shared/data/m4"


def load(path):
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    return [np.array([float(v) for v in r[1:] if v not in ("", "NA")]) for r in rows]


def seasonal_mae(x):
    m = M if len(x) > 2 * M else 1
    return np.mean(np.abs(x[m:] - x[:-m]))


def forecast(x):
    return np.array([x[len(x) - M + (s % M)] for s in range(H)])


def scale(x, horizons):
    recent = seasonal_mae(x[-horizons * H:]) if horizons else 0
    return recent if recent > 0 else seasonal_mae(x)


def msis(y, lo, hi, x, a=0.05):
    return np.mean((hi - lo) + 2 / a * (lo - y) * (y < lo) + 2 / a * (y - hi) * (y > hi)) / seasonal_mae(x)


def main():
    train, test = load(f"{DATA}/{FREQ}-train.csv"), load(f"{DATA}/{FREQ}-test.csv")
    print(f"M4 {FREQ}, {len(train)} series, naive forecast, split conformal at 95%")
    print("| scale-horizons | MSIS 95 | coverage 95 |\n|---|---|---|")
    for horizons in (0, 2, 4, 8, 16):
        scores = np.array([np.abs(x[-H:] - forecast(x[:-H])) / scale(x[:-H], horizons) for x in train])
        q = np.sort(scores, axis=0)[math.ceil((len(scores) + 1) * 0.95) - 1]
        ms, cov = [], []
        for x, y in zip(train, test):
            f, s = forecast(x), scale(x, horizons)
            ms.append(msis(y, f - q * s, f + q * s, x))
            cov.append(np.mean((y >= f - q * s) & (y <= f + q * s)))
        print(f"| {horizons} | {np.mean(ms):.2f} | {np.mean(cov):.3f} |")


if __name__ == "__main__":
    main()
