"""The table of bench/intervals-cutoffs.sh: per model and test cutoff (1 = the earliest), the mean over series of
coverage at 80 / 95 and MSIS at 95, with each cutoff calibrated on the validation windows and the cutoffs before it
(run "earlier") beside every cutoff calibrated on the validation windows alone (run "validation").

    python3 bench/intervals_cutoffs_table.py FREQ PER_CUTOFF_CSV
"""
import csv
import sys
from collections import defaultdict


def main(freq, per_cutoff_csv):
    sums = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    for row in csv.DictReader(open(per_cutoff_csv)):
        s = sums[(row["model"], int(row["cutoff"]), row["run_id"])]
        for i, k in enumerate(("coverage_80", "coverage_95", "msis_95")):
            s[i] += float(row[k])
        s[3] += 1
    models = sorted({m for m, _, _ in sums})
    cutoffs = sorted({c for _, c, _ in sums})
    print(f"M4 {freq}: mean over series per test cutoff (1 = the earliest; the last is M4's test horizon);"
          " calibrated on the validation windows alone | on those and the cutoffs before")
    print("| model | cutoff | series | coverage 80 | coverage 95 | MSIS 95 |")
    print("|---|---|---|---|---|---|")
    for m in models:
        for c in cutoffs:
            v, e = sums.get((m, c, "validation")), sums.get((m, c, "earlier"))
            if not v or not e:
                continue
            cells = [f"{v[i] / v[3]:.3f} / {e[i] / e[3]:.3f}" if i < 2 else f"{v[i] / v[3]:.2f} / {e[i] / e[3]:.2f}"
                     for i in range(3)]
            print(f"| {m} | {c} | {e[3]} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(*sys.argv[1:])
