"""The table of bench/intervals-compare.sh: per method, the mean over series of the 80% and 95% coverage, M4's MSIS
at 95% and the scaled pinball loss at 0.1 / 0.5 / 0.9 (of the 80% bounds and the point forecast) with their mean,
and wall seconds, R's ets / auto.arima beside this project's models (conformal intervals, and a quantile network's
own).

    python3 bench/intervals_table.py FREQ R_INTERVALS_CSV PROJECT_CSV SECONDS_CSV
"""
import csv
import sys
from collections import defaultdict

COLUMNS = ("coverage_80", "coverage_95", "msis_95", "pinball_10", "pinball_50", "pinball_90")


def main(freq, r_csv, project_csv, seconds_csv):
    sums = defaultdict(lambda: [0.0] * len(COLUMNS) + [0])
    rows = [("R " + r["method"], r) for r in csv.DictReader(open(r_csv))]
    rows += [(r["run_id"] + " " + r["model"], r) for r in csv.DictReader(open(project_csv))]
    for name, row in rows:
        if any(row.get(k, "") in ("", "null", "NULL", "NA") for k in COLUMNS):
            continue
        s = sums[name]
        for i, k in enumerate(COLUMNS):
            s[i] += float(row[k])
        s[-1] += 1
    seconds = {r["method"]: r["seconds"] for r in csv.DictReader(open(seconds_csv))}
    title = f"R's datasets, {freq[2:]}" if freq.startswith("R-") else f"M4 {freq}"
    print(f"{title}: mean over series (targets: coverage within 3 points of nominal; MSIS below R's ets)")
    print("seconds: R fit + forecast summed over series; the project its whole run (train, calibrate, evaluate)")
    print("pinball: of the 80% bounds (q 0.1, 0.9) and the point forecast (0.5), each series' scaled by its MASE"
          " denominator; mean: of the three")
    print("| method | series | coverage 80 | coverage 95 | MSIS 95 | pinball 0.1 / 0.5 / 0.9 | pinball mean | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    for name, s in sorted(sums.items(), key=lambda kv: kv[1][2] / kv[1][-1]):
        n = s[-1]
        run = name.split(" ")[1] if name.startswith("R ") else name.split(" ")[0]
        m = [v / n for v in s[:-1]]
        print(f"| {name} | {n} | {m[0]:.3f} | {m[1]:.3f} | {m[2]:.2f} | {m[3]:.3f} / {m[4]:.3f} / {m[5]:.3f} |"
              f" {(m[3] + m[4] + m[5]) / 3:.3f} | {seconds.get(run, '')} |")


if __name__ == "__main__":
    main(*sys.argv[1:5])
