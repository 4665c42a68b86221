#!/usr/bin/env bash
# Prediction intervals against R's (issue 19): M4 Hourly and Weekly (../shared/data/m4, converted by data-gen/m4.sh),
# each series' competition test values held out; R forecast's ets and auto.arima at level = c(80, 95)
# (bench/intervals_r.R) and this project's conformal intervals (evaluate.intervals, the default [80, 95]) on the
# network and on the naive, seasonal naive, linear and Theta baselines, on exactly those holdouts (split.mode =
# time, one cutoff: the calibration uses each series' horizon before it), and a quantile network (model.quantiles
# with the bounds of both levels) whose intervals are its own quantiles (evaluate.intervals.method = quantiles; its
# baselines conformal). One table per frequency: mean coverage at 80 and 95, MSIS at 95 and wall seconds
# (bench/intervals_table.py).
#
#   bench/intervals-compare.sh                           (needs r-base-core r-cran-forecast)
#   FREQUENCIES=Weekly R_METHODS=ets bench/intervals-compare.sh
#   PROJECT_ONLY=1 bench/intervals-compare.sh            (reuses R's last results)
#   JOB_SETTINGS="train.epochs=5" bench/intervals-compare.sh   (more --set's for every project run)
#   RUNS=conformal bench/intervals-compare.sh            (the project runs, from RUN_SETTINGS below)
set -euo pipefail
cd "$(dirname "$0")/.."
W="${BENCH_WORK:-/tmp/rnn-intervals}"
FREQUENCIES="${FREQUENCIES:-Hourly Weekly}"
# auto.arima on the hourly series (season 24) takes about 20 s a series (70 minutes on 2 cores, bench/m4-compare.sh)
declare -A R_DEFAULT=([Hourly]=ets [Weekly]=ets,auto.arima)
command -v Rscript >/dev/null || { echo "Rscript not found: apt-get install -y r-base-core r-cran-forecast" >&2; exit 1; }
log() { echo "[intervals $(date +%H:%M:%S)] $*" >&2; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p "$W"
./data-gen/m4.sh "$W/data" >&2

declare -A HORIZON=([Hourly]=48 [Weekly]=13)
declare -A SEASON=([Hourly]=24 [Weekly]=1)
declare -A INPUT=([Hourly]=96 [Weekly]=26)
# Both project runs use M4's recipe of bench/m4-compare.sh (MASE scaling, last-value normalization, windows 12
# steps apart). conformal: the point network on the MAE loss; quantiles: the pinball loss at the five levels that
# bound the 80% and 95% intervals and the median (a quantile network refuses model.loss).
RUNS="${RUNS:-conformal quantiles}"
recipe="scaling.method=mase window.normalization=last-value window.stride=12"
declare -A RUN_SETTINGS=(
  [conformal]="$recipe model.loss=mae"
  [quantiles]="$recipe model.quantiles=[0.025,0.1,0.5,0.9,0.975] evaluate.intervals.method=quantiles"
)
extra=()
for kv in ${JOB_SETTINGS:-}; do extra+=(--set "$kv"); done
# shellcheck source=m4_lib.sh
source bench/m4_lib.sh
common=(--set catalog.enabled=false --set data.generator=none --set data.format=csv --set output.plots=false
        --set split.mode=time --set split.cutoffs=1 --set scaling.method=standard --set window.max-per-series=50
        --set evaluate.future=false --set 'evaluate.intervals.levels=[80,95]'
        --set 'evaluate.baselines=[naive,seasonal_naive,linear,theta]')

for freq in $FREQUENCIES; do
  lower="$(tr '[:upper:]' '[:lower:]' <<< "$freq")"
  out="$W/$lower"
  mkdir -p "$out"
  methods="${R_METHODS:-${R_DEFAULT[$freq]}}"
  if [[ -z "${PROJECT_ONLY:-}" ]]; then
    log "$freq: R ($methods) on ${R_CORES:-2} cores"
    Rscript bench/intervals_r.R "$W/data/$lower.csv" "${SEASON[$freq]}" "${HORIZON[$freq]}" "$out/r" "$methods" \
      > "$out/r.log" 2>&1 || { tail -30 "$out/r.log" >&2; exit 1; }
  fi
  cp "$out/r/r-seconds.csv" "$out/seconds.csv"
  for run in $RUNS; do
    [[ -v RUN_SETTINGS[$run] ]] || { echo "unknown run $run (runs: ${!RUN_SETTINGS[*]})" >&2; exit 2; }
    m4_project_run "$out" "$run" "$W/data/$lower.csv" "$lower" "${INPUT[$freq]}" "${HORIZON[$freq]}" \
      "${SEASON[$freq]}" "${RUN_SETTINGS[$run]}"
  done
  ids="$(sed "s/[^ ]\+/'&'/g; s/ /,/g" <<< "$RUNS")"
  ./submit/run-local.sh sql "${common[@]}" --set workdir="$out/job" --csv --rows 1000000 \
    "SELECT run_id, model, unique_id, coverage[80] AS coverage_80, coverage[95] AS coverage_95,
            msis[95] AS msis_95 FROM series_metrics WHERE step = 0 AND run_id IN ($ids)" \
    2> "$out/sql.log" | grep -v '^$' > "$out/project-intervals.csv" || { tail -20 "$out/sql.log" >&2; exit 1; }
  python3 bench/intervals_table.py "$freq" "$out/r/r-intervals.csv" "$out/project-intervals.csv" \
    "$out/seconds.csv" | tee "$out/table.txt"
  echo
done
