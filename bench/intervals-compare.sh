#!/usr/bin/env bash
# Prediction intervals against R's (issue 19): M4 Hourly and Weekly (../shared/data/m4, converted by data-gen/m4.sh)
# and R's datasets series by frequency (data-gen/r-datasets.sh; yearly, quarterly, monthly), each series' last
# horizon held out (M4's: the competition's test values); R forecast's ets and auto.arima at level = c(80, 95)
# (bench/intervals_r.R) and this project's conformal intervals (evaluate.intervals, the default [80, 95]) on the
# network and on the naive, seasonal naive, linear and Theta baselines, on exactly those holdouts (split.mode =
# time, one cutoff: the calibration uses each series' horizon before it), and a quantile network (model.quantiles
# with the bounds of both levels) whose intervals are its own quantiles (evaluate.intervals.method = quantiles; its
# baselines conformal). One table per frequency: mean coverage at 80 and 95, MSIS at 95, the scaled pinball loss
# at 0.1 / 0.5 / 0.9 of every method's 80% bounds and point forecast (y_hat; a quantile network's is its 0.5
# quantile), each series' scaled by its MASE denominator (the project's mae / mase; R's in-sample seasonal naive
# MAE), and wall seconds (bench/intervals_table.py).
#
#   bench/intervals-compare.sh                           (needs r-base-core r-cran-forecast)
#   FREQUENCIES=Weekly R_METHODS=ets bench/intervals-compare.sh
#   PROJECT_ONLY=1 bench/intervals-compare.sh            (reuses R's last results)
#   JOB_SETTINGS="train.epochs=5" bench/intervals-compare.sh   (more --set's for every project run)
#   RUNS=conformal bench/intervals-compare.sh            (the project runs, from RUN_SETTINGS below)
#   FREQUENCIES="R-yearly R-quarterly R-monthly" bench/intervals-compare.sh   (R's datasets, data-gen/r-datasets.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
W="${BENCH_WORK:-/tmp/rnn-intervals}"
FREQUENCIES="${FREQUENCIES:-Hourly Weekly R-yearly R-quarterly R-monthly}"
# auto.arima on the hourly series (season 24) takes about 20 s a series (70 minutes on 2 cores, bench/m4-compare.sh)
declare -A R_DEFAULT=([Hourly]=ets [Weekly]=ets,auto.arima [R-yearly]=ets,auto.arima [R-quarterly]=ets,auto.arima
                      [R-monthly]=ets,auto.arima)
command -v Rscript >/dev/null || { echo "Rscript not found: apt-get install -y r-base-core r-cran-forecast" >&2; exit 1; }
log() { echo "[intervals $(date +%H:%M:%S)] $*" >&2; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p "$W"
extra=()
for kv in ${JOB_SETTINGS:-}; do extra+=(--set "$kv"); done
# shellcheck source=m4_lib.sh
source bench/m4_lib.sh
[[ " $FREQUENCIES " == *" Hourly "* || " $FREQUENCIES " == *" Weekly "* ]] && ./data-gen/m4.sh "$W/data" >&2
[[ "$FREQUENCIES" == *R-* ]] && r_datasets_by_frequency "$W/data"

# M4's (bench/m4_lib.sh), and R's datasets split by frequency with bench/real-data-compare.sh's horizons and inputs
HORIZON+=([R-yearly]=6 [R-quarterly]=8 [R-monthly]=18)
SEASON+=([R-yearly]=1 [R-quarterly]=4 [R-monthly]=12)
INPUT+=([R-yearly]=6 [R-quarterly]=12 [R-monthly]=18)
# The M4 runs use M4's recipe of bench/m4-compare.sh (MASE scaling, last-value normalization, windows 12 steps
# apart). conformal: the point network on the MAE loss; quantiles: the pinball loss at the five levels that bound
# the 80% and 95% intervals and the median (a quantile network refuses model.loss).
RUNS="${RUNS:-conformal quantiles conformal-k1}"
recipe="scaling.method=mase window.normalization=last-value window.stride=12"
declare -A RUN_SETTINGS=(
  [conformal]="$recipe model.loss=mae"
  [quantiles]="$recipe model.quantiles=[0.025,0.1,0.5,0.9,0.975] evaluate.intervals.method=quantiles"
  # conformal on the validation windows alone (evaluate.intervals.calibration-horizons = 1, the default before
  # 2026-12-08; conformal and quantiles calibrate on each series' last 4 horizons before the test one, the default)
  [conformal-k1]="$recipe model.loss=mae evaluate.intervals.calibration-horizons=1"
)
# R's datasets (4 to 11 series a frequency): bench/real-data-compare.sh's network (1 x 32 LSTM on the residual from
# the seasonal naive forecast, 60 epochs, every window); conformal on the validation windows alone (too few scores
# for 95%: unbounded) and on each series' last 5 horizons before the test one
RUNS_R="${RUNS_R:-conformal-r conformal-r-k5}"
rrecipe="window.target-base=seasonal-naive model.layers=1 model.units=32 model.learning-rate=0.005 train.epochs=60"
rrecipe+=" window.max-per-series=100000"
RUN_SETTINGS+=(
  [conformal-r]="$rrecipe evaluate.intervals.calibration-horizons=1"
  [conformal-r-k5]="$rrecipe evaluate.intervals.calibration-horizons=5"
)
common=(--set catalog.enabled=false --set data.generator=none --set data.format=csv --set output.plots=false
        --set split.mode=time --set split.cutoffs=1 --set scaling.method=standard --set window.max-per-series=50
        --set evaluate.future=false --set 'evaluate.intervals.levels=[80,95]'
        --set 'evaluate.baselines=[naive,seasonal_naive,linear,theta]')

for freq in $FREQUENCIES; do
  lower="$(tr '[:upper:]' '[:lower:]' <<< "$freq")"
  out="$W/$lower"
  data="$W/data/${lower#r-}.csv"
  mkdir -p "$out"
  methods="${R_METHODS:-${R_DEFAULT[$freq]}}"
  if [[ -z "${PROJECT_ONLY:-}" ]]; then
    log "$freq: R ($methods) on ${R_CORES:-2} cores"
    Rscript bench/intervals_r.R "$data" "${SEASON[$freq]}" "${HORIZON[$freq]}" "$out/r" "$methods" \
      > "$out/r.log" 2>&1 || { tail -30 "$out/r.log" >&2; exit 1; }
  fi
  cp "$out/r/r-seconds.csv" "$out/seconds.csv"
  runs="$RUNS"
  [[ "$freq" == R-* ]] && runs="$RUNS_R"
  for run in $runs; do
    [[ -v RUN_SETTINGS[$run] ]] || { echo "unknown run $run (runs: ${!RUN_SETTINGS[*]})" >&2; exit 2; }
    m4_project_run "$out" "$run" "$data" "$lower" "${INPUT[$freq]}" "${HORIZON[$freq]}" \
      "${SEASON[$freq]}" "${RUN_SETTINGS[$run]}"
  done
  ids="$(sed "s/[^ ]\+/'&'/g; s/ /,/g" <<< "$runs")"
  ./submit/run-local.sh sql "${common[@]}" --set workdir="$out/job" --csv --rows 1000000 \
    "WITH p AS (SELECT run_id, model, unique_id,
                  avg(greatest(0.1 * (y - lo[80]), -0.9 * (y - lo[80]))) AS p10,
                  avg(greatest(0.5 * (y - y_hat), -0.5 * (y - y_hat))) AS p50,
                  avg(greatest(0.9 * (y - hi[80]), -0.1 * (y - hi[80]))) AS p90
                FROM forecasts WHERE y IS NOT NULL AND run_id IN ($ids) GROUP BY run_id, model, unique_id)
     SELECT m.run_id, m.model, m.unique_id, coverage[80] AS coverage_80, coverage[95] AS coverage_95,
            msis[95] AS msis_95, p10 / (mae / mase) AS pinball_10, p50 / (mae / mase) AS pinball_50,
            p90 / (mae / mase) AS pinball_90
     FROM series_metrics m JOIN p ON m.run_id = p.run_id AND m.model = p.model AND m.unique_id = p.unique_id
     WHERE step = 0 AND m.run_id IN ($ids)" \
    2> "$out/sql.log" | grep -v '^$' > "$out/project-intervals.csv" || { tail -20 "$out/sql.log" >&2; exit 1; }
  python3 bench/intervals_table.py "$freq" "$out/r/r-intervals.csv" "$out/project-intervals.csv" \
    "$out/seconds.csv" | tee "$out/table.txt"
  echo
done
