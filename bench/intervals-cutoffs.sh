#!/usr/bin/env bash
# Conformal intervals in a backtest over several cutoffs (issue 19: "with split.mode = time and several cutoffs, on
# the earlier cutoffs' errors"): M4 Weekly / Hourly (../shared/data/m4), split.mode = time with CUTOFFS test horizons
# per series (default 4, the last one the competition's test horizon), M4's recipe of bench/intervals-compare.sh.
# One `run` calibrates cutoff k on the validation windows and the cutoffs before it
# (evaluate.intervals.earlier-cutoffs = true, the default: run id "earlier"); an `evaluate` of the same model
# calibrates every cutoff on the validation windows alone (false: run id "validation"). Same forecasts, only the
# intervals differ. Table per cutoff and model: coverage at 80 / 95 and MSIS at 95, each series' MSIS scaled by
# its MASE denominator (mae / mase of its series_metrics row), then averaged over series (bench/intervals_cutoffs_table.py).
#
#   bench/intervals-cutoffs.sh                    (Weekly, 4 cutoffs: ~4 minutes on 2 cores)
#   FREQUENCIES="Weekly Hourly" CUTOFFS=3 bench/intervals-cutoffs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
W="${BENCH_WORK:-/tmp/rnn-intervals-cutoffs}"
FREQUENCIES="${FREQUENCIES:-Weekly}"
CUTOFFS="${CUTOFFS:-4}"
log() { echo "[cutoffs $(date +%H:%M:%S)] $*" >&2; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p "$W"
./data-gen/m4.sh "$W/data" >&2

extra=()
for kv in ${JOB_SETTINGS:-}; do extra+=(--set "$kv"); done
# shellcheck source=m4_lib.sh
source bench/m4_lib.sh
# evaluation settings (evaluate takes them; the recipe comes with the saved model)
evaluation=(--set catalog.enabled=false --set data.generator=none --set data.format=csv --set output.plots=false
            --set evaluate.future=false --set 'evaluate.intervals.levels=[80,95]'
            --set 'evaluate.baselines=[naive,seasonal_naive,linear,theta]')
common=("${evaluation[@]}" --set split.mode=time --set split.cutoffs="$CUTOFFS" --set scaling.method=standard
        --set window.max-per-series=50)
recipe="scaling.method=mase window.normalization=last-value window.stride=12 model.loss=mae"

for freq in $FREQUENCIES; do
  lower="$(tr '[:upper:]' '[:lower:]' <<< "$freq")"
  out="$W/$lower"
  rm -rf "$out" && mkdir -p "$out"
  m4_project_run "$out" earlier "$W/data/$lower.csv" "$lower" "${INPUT[$freq]}" "${HORIZON[$freq]}" \
    "${SEASON[$freq]}" "$recipe"
  log "$lower: evaluate with evaluate.intervals.earlier-cutoffs=false"
  ./submit/run-local.sh evaluate "${evaluation[@]}" --set workdir="$out/job" --set run-id=validation \
    --set data.path="$W/data/$lower.csv" --set data.name="m4-$lower" --set evaluate.season="${SEASON[$freq]}" \
    --set train.model-dir="$out/job/model-earlier" --set evaluate.intervals.earlier-cutoffs=false "${extra[@]}" \
    > "$out/validation.log" 2>&1 || { tail -40 "$out/validation.log" >&2; exit 1; }
  # per forecast point: its cutoff's number in its series (1 = the earliest), covered at 80 / 95, the interval score
  # at 95 (Gneiting-Raftery, alpha 0.05) divided by the series' MASE denominator
  ./submit/run-local.sh sql "${evaluation[@]}" --set workdir="$out/job" --csv --rows 10000000 \
    "WITH f AS (SELECT run_id, model, unique_id, y, lo, hi,
                  dense_rank() OVER (PARTITION BY run_id, model, unique_id ORDER BY cutoff_step) AS cutoff
                FROM forecasts WHERE y IS NOT NULL AND hi[80] IS NOT NULL),
          s AS (SELECT run_id, model, unique_id, mae / mase AS scale FROM series_metrics WHERE step = 0 AND mase > 0)
     SELECT f.run_id, f.model, f.unique_id, cutoff,
            avg(CASE WHEN y >= lo[80] AND y <= hi[80] THEN 1.0 ELSE 0.0 END) AS coverage_80,
            avg(CASE WHEN y >= lo[95] AND y <= hi[95] THEN 1.0 ELSE 0.0 END) AS coverage_95,
            avg((hi[95] - lo[95]) + 40 * greatest(lo[95] - y, 0) + 40 * greatest(y - hi[95], 0)) / first(scale)
              AS msis_95
     FROM f JOIN s ON f.run_id = s.run_id AND f.model = s.model AND f.unique_id = s.unique_id
     GROUP BY f.run_id, f.model, f.unique_id, cutoff" \
    2> "$out/sql.log" | grep -v '^$' > "$out/per-cutoff.csv" || { tail -20 "$out/sql.log" >&2; exit 1; }
  python3 bench/intervals_cutoffs_table.py "$freq" "$out/per-cutoff.csv" | tee "$out/table.txt"
  echo
done
