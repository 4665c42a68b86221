"""The table of bench/intervals-compare.sh: per method, the mean over series of the 80% and 95% coverage and of
M4's MSIS at 95%, and wall seconds, R's ets / auto.arima beside this project's models (conformal intervals, and a
quantile network's own).

    python3 bench/intervals_table.py FREQ R_INTERVALS_CSV PROJECT_CSV SECONDS_CSV
"""
import csv
import sys
from collections import defaultdict


def main(freq, r_csv, project_csv, seconds_csv):
    sums = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    for row in csv.DictReader(open(r_csv)):
        s = sums["R " + row["method"]]
        for i, k in enumerate(("coverage_80", "coverage_95", "msis_95")):
            s[i] += float(row[k])
        s[3] += 1
    for row in csv.DictReader(open(project_csv)):
        if row["coverage_80"] in ("", "null", "NULL"):
            continue
        s = sums[row["run_id"] + " " + row["model"]]
        for i, k in enumerate(("coverage_80", "coverage_95", "msis_95")):
            s[i] += float(row[k])
        s[3] += 1
    seconds = {r["method"]: r["seconds"] for r in csv.DictReader(open(seconds_csv))}
    print(f"M4 {freq}: mean over series (targets: coverage within 3 points of nominal; MSIS below R's ets)")
    print("seconds: R fit + forecast summed over series; the project its whole run (train, calibrate, evaluate)")
    print(f"| method | series | coverage 80 | coverage 95 | MSIS 95 | seconds |")
    print(f"|---|---|---|---|---|---|")
    for name, (c80, c95, m95, n) in sorted(sums.items(), key=lambda kv: kv[1][2] / kv[1][3]):
        run = name.split(" ")[1] if name.startswith("R ") else name.split(" ")[0]
        print(f"| {name} | {n} | {c80 / n:.3f} | {c95 / n:.3f} | {m95 / n:.3f} | {seconds.get(run, '')} |")


if __name__ == "__main__":
    main(*sys.argv[1:5])
