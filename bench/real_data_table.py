#!/usr/bin/env python3
"""One table for bench/real-data-compare.sh: R's forecast methods and this project's models and baselines on the same
holdouts. Inputs: R's per-series metrics (bench/real_data_r.R), the project's series_metrics rows (step 0, exported
with the job's `sql --csv`), and the series metadata (frequency). Only series scored by both sides count.

Rows of the project: run ids are real-<frequency>-<run>; a trained model and the linear baseline are shown per run
("lstm-1x32 [snbase-mase]"), naive, seasonal_naive and the classical baselines once (they depend on no setting
of a run). A yearly
series has season 1: its seasonal naive is the naive forecast (R's snaive is too), so naive's row stands in.
"""
import csv
import statistics
import sys
from collections import defaultdict

r_csv, project_csv, meta_csv = sys.argv[1:4]
frequency = {row["unique_id"]: row["frequency"] for row in csv.DictReader(open(meta_csv))}

# scores[method][series] = (mae, smape, mase)
scores = defaultdict(dict)
for row in csv.DictReader(open(r_csv)):
    if row["mase"] not in ("", "NA"):
        scores["R " + row["method"]][row["unique_id"]] = (float(row["mae"]), float(row["smape"]), float(row["mase"]))

baselines = {"naive", "seasonal_naive", "naive2", "ses", "holt", "damped", "theta", "comb"}
for row in csv.DictReader(open(project_csv)):
    if row["mase"] == "":
        continue
    run = row["run_id"].split("-", 2)[2]
    model = row["model"]
    method = model if model in baselines else f"{model} [{run}]"
    scores[method][row["unique_id"]] = (float(row["mae"]), float(row["smape"]), float(row["mase"]))
for sid, value in scores["naive"].items():   # season 1: seasonal naive is naive
    if frequency.get(sid) == "yearly":
        scores["seasonal_naive"].setdefault(sid, value)

common = set.intersection(*(set(s) for s in scores.values() if s))
naive_r, naive_p = scores["R naive"], scores["naive"]
gap = max(abs(naive_r[s][2] - naive_p[s][2]) for s in common)
print(f"series scored by every method: {len(common)} of {len(frequency)}"
      f" (missing: {', '.join(sorted(set(frequency) - common)) or 'none'})")
print(f"check: |MASE of this project's naive - R's naive| <= {gap:.2e} over those series\n")


def row(method, ids):
    s = scores[method]
    mase = [s[i][2] for i in ids]
    beats = sum(1 for i in ids if s[i][0] < naive_r[i][0] - 1e-9 * abs(naive_r[i][0]))
    return (method, len(ids), statistics.fmean(mase), statistics.median(mase),
            statistics.fmean(s[i][1] for i in ids), beats)


ids = sorted(common)
rows = sorted((row(m, ids) for m in scores), key=lambda r: r[2])
print(f"{'method':<34} {'series':>6} {'mean MASE':>10} {'median MASE':>12} {'mean sMAPE':>11} {'beats naive':>12}")
for method, n, mean, median, smape, beats in rows:
    print(f"{method:<34} {n:>6} {mean:>10.3f} {median:>12.3f} {smape:>11.2f} {beats:>12}")

print("\nmean MASE by frequency")
freqs = [f for f in ("yearly", "quarterly", "monthly") if any(frequency[i] == f for i in ids)]
print(f"{'method':<34} " + " ".join(f"{f + f' ({sum(frequency[i] == f for i in ids)})':>15}" for f in freqs))
for method, *_ in rows:
    cells = [statistics.fmean(scores[method][i][2] for i in ids if frequency[i] == f) for f in freqs]
    print(f"{method:<34} " + " ".join(f"{c:>15.3f}" for c in cells))
