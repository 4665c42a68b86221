#!/usr/bin/env python3
"""One table per frequency for bench/m4-compare.sh: R's M4 benchmarks, ets, auto.arima and thetaf (bench/m4_r.R) and
this project's models (its series_metrics rows, step 0, exported with the job's `sql --csv`) on the same holdouts,
with M4's sMAPE, MASE and OWA, wall seconds, and the published figures of ../shared/data/m4/README.md beside them.

OWA as M4 computes it: a method's sMAPE and MASE are means over all series of the frequency, then
OWA = (sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2) / 2 with R's Naive2 of the same run. Only series scored by every
method count (a method missing a series is named with how many it missed).

  m4_table.py FREQUENCY R_METRICS PROJECT_METRICS SECONDS_CSV
SECONDS_CSV: method, seconds (R's per method, the project's per run id).
"""
import csv
import statistics
import sys
from collections import defaultdict

frequency, r_csv, project_csv, seconds_csv = sys.argv[1:5]

# M4 organisers' figures for the best submissions and this repository's README's benchmark recomputation
PUBLISHED = {
    "Hourly": {"ES-RNN (Smyl, M4 winner)": (9.328, 0.893, 0.440), "FFORMA": (11.506, 0.819, 0.484),
               "Doornik et al. (best Hourly)": (8.913, 0.801, 0.410), "M4 RNN benchmark": (14.698, 3.048, 1.036),
               "M4 Theta (published)": (18.138, 2.455, 1.006), "M4 Naive2 (published)": (18.383, 2.395, 1.000)},
    "Weekly": {"ES-RNN (Smyl, M4 winner)": (7.817, 2.356, 0.851), "FFORMA": (7.625, 2.108, 0.796),
               "Forecast Pro (best Weekly)": (6.582, 2.107, 0.739), "M4 RNN benchmark": (15.220, 5.132, 1.755),
               "M4 Damped (published)": (8.867, 2.400, 0.916), "M4 Theta (published)": (9.094, 2.637, 0.971)},
}

scores = defaultdict(dict)   # method -> series -> (smape, mase)
for row in csv.DictReader(open(r_csv)):
    scores["R " + row["method"]][row["unique_id"]] = (float(row["smape"]), float(row["mase"]))
for row in csv.DictReader(open(project_csv)):
    if row["mase"] in ("", "null"):
        continue
    method = row["model"] + " [" + row["run_id"] + "]"
    scores[method][row["unique_id"]] = (float(row["smape"]), float(row["mase"]))
seconds = {row["method"]: float(row["seconds"]) for row in csv.DictReader(open(seconds_csv))}

every = set.union(*(set(s) for s in scores.values()))
common = set.intersection(*(set(s) for s in scores.values()))
missing = {m: len(every) - len(s) for m, s in scores.items() if len(s) < len(every)}
print(f"M4 {frequency}: {len(common)} series scored by every method of {len(every)}"
      + ("" if not missing else "; missing: " + ", ".join(f"{m} {n}" for m, n in sorted(missing.items()))))


def means(method):
    s = scores[method]
    return statistics.fmean(s[i][0] for i in common), statistics.fmean(s[i][1] for i in common)


naive2 = means("R Naive2")


def owa(smape, mase):
    return (smape / naive2[0] + mase / naive2[1]) / 2


def time_of(method):
    if method.startswith("R "):
        name = method[2:]
        key = "m4" if name in ("Naive", "sNaive", "Naive2", "SES", "Holt", "Damped", "Theta", "Comb") else name
        return seconds.get(key)
    return seconds.get(method[method.index("[") + 1:-1])


rows = sorted(((m, *means(m)) for m in scores), key=lambda r: owa(r[1], r[2]))
print(f"{'method':<52} {'sMAPE':>8} {'MASE':>7} {'OWA':>6} {'seconds':>9}")
for method, smape, mase in rows:
    t = time_of(method)
    print(f"{method:<52} {smape:>8.3f} {mase:>7.3f} {owa(smape, mase):>6.3f} {'' if t is None else f'{t:.0f}':>9}")
print("published (not run here):")
for method, (smape, mase, o) in PUBLISHED[frequency].items():
    print(f"  {method:<50} {smape:>8.3f} {mase:>7.3f} {o:>6.3f}")
print("(R's M4 benchmarks share one timing: 'seconds' is all eight together; R runs on its own cores first, the"
      " project after)")
