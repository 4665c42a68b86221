#!/usr/bin/env bash
# Real series against R's forecast package (issue 8, item 6). Exports R's `datasets` series with real dates
# (data-gen/r-datasets.sh), holds out the last horizon of every series (M4 horizons: yearly 6, quarterly 8,
# monthly 18), fits R's ets, auto.arima, thetaf, naive and snaive on the rest (bench/real_data_r.R), and runs this
# project's job on exactly the same holdouts: one `run` per frequency (the horizon is a job-wide setting) and per
# run (RUNS below), split.mode = time with one cutoff (test = the last horizon). The project's numbers are
# read back from its own series_metrics table (`sql --csv`); one table compares them all (bench/real_data_table.py).
# The project's classical baselines (Theta, SES, Holt, Damped, Comb, Naive2) run in every run beside the network.
#
#   bench/real-data-compare.sh                 (~15 minutes on 2 cores; needs r-base-core r-cran-forecast)
#   EPOCHS=20 RUNS="none last-value" CELL=gru bench/real-data-compare.sh
#   JOB_SETTINGS="model.seed=7 train.early-stopping.patience=10" bench/real-data-compare.sh   (more --set's)
#
# Project runs (RUNS, names from RUN_SETTINGS below), each with its own settings on top of the common ones.
#
# Window inputs per frequency are the longest the shortest series allows (input + 3 horizons: training,
# validation and test): yearly 6 (airmiles, 24 years), quarterly 12 (freeny.y, 39 quarters), monthly 18
# (USAccDeaths and the lung deaths, 72 months), so every exported series is scored by both sides.
set -euo pipefail
cd "$(dirname "$0")/.."
W="${BENCH_WORK:-/tmp/rnn-real-data}"
EPOCHS="${EPOCHS:-60}"
CELL="${CELL:-lstm}"
LAYERS="${LAYERS:-1}"
UNITS="${UNITS:-32}"
LEARNING_RATE="${LEARNING_RATE:-0.005}"
RUNS="${RUNS:-${NORMALIZATIONS:-snbase snbase-ens}}"
declare -A RUN_SETTINGS=(
  [defaults]=""
  [none]="window.normalization=none"
  [last-value]="window.normalization=last-value"
  [window-standard]="window.normalization=window-standard"
  # the network forecasts the residual from the seasonal naive forecast (window.target-base), then also trained on
  # MASE-scaled series with MAE
  [snbase]="window.target-base=seasonal-naive"
  [snbase-mase]="scaling.method=mase model.loss=mae window.normalization=last-value window.target-base=seasonal-naive"
  # five networks with the base, their median, and the median combined (mean) with Theta, Damped and Comb
  [snbase-ens]="window.target-base=seasonal-naive model.ensemble.members=5 model.ensemble.losses=[mae,mse] evaluate.combine-with=[theta,damped,comb]"
  # the same five over lookbacks (N-BEATS): windows of 3 horizons (shorter series left-padded and masked), member k
  # reading the last 1, 2, 3, 1, 2 horizons (@<k>H@ is k times the frequency's horizon)
  [snbase-lbens]="window.target-base=seasonal-naive window.input=@3H@ model.ensemble.members=5 model.ensemble.losses=[mae,mse] model.ensemble.lookbacks=[@1H@,@2H@,@3H@] evaluate.combine-with=[theta,damped,comb]"
  [snbase-mase-ens]="scaling.method=mase model.loss=mae window.normalization=last-value window.target-base=seasonal-naive model.ensemble.members=5 model.ensemble.losses=[mae,mse] evaluate.combine-with=[theta]"
)
command -v Rscript >/dev/null || { echo "Rscript not found: apt-get install -y r-base-core r-cran-forecast" >&2; exit 1; }
mkdir -p "$W"
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

log "exporting R's datasets to $W/data"
# shellcheck source=m4_lib.sh
source bench/m4_lib.sh
r_datasets_by_frequency "$W/data"
log "R forecast (ets, auto.arima, thetaf, naive, snaive)"
t0=$SECONDS
Rscript bench/real_data_r.R "$W/data/calendar.csv" "$W/data/calendar-meta.csv" "$W/r" > "$W/r.log" 2>&1 \
  || { cat "$W/r.log" >&2; exit 1; }
r_seconds=$((SECONDS - t0))

declare -A HORIZON=([yearly]=6 [quarterly]=8 [monthly]=18)
declare -A INPUT=([yearly]=6 [quarterly]=12 [monthly]=18)
common=(--set workdir="$W/job" --set catalog.enabled=false --set data.generator=none --set data.format=csv
        --set 'evaluate.baselines=[naive,seasonal_naive,linear,naive2,ses,holt,damped,theta,comb]')
extra=()
for kv in ${JOB_SETTINGS:-}; do extra+=(--set "$kv"); done
job_seconds=0
for freq in yearly quarterly monthly; do
  for run in $RUNS; do
    [[ -v RUN_SETTINGS[$run] ]] || { echo "unknown run $run (runs: ${!RUN_SETTINGS[*]})" >&2; exit 2; }
    own=()
    settings="${RUN_SETTINGS[$run]}"
    for k in 1 2 3 4 5 6 7; do settings="${settings//@${k}H@/$((k * ${HORIZON[$freq]}))}"; done
    for kv in $settings; do own+=(--set "$kv"); done
    id="real-$freq-$run"
    log "$id: $CELL ${LAYERS}x$UNITS, $EPOCHS epochs $settings"
    t0=$SECONDS
    ./submit/run-local.sh run "${common[@]}" --set run-id="$id" --set data.path="$W/data/$freq.csv" \
      --set data.name="r-$freq" --set window.input="${INPUT[$freq]}" --set window.horizon="${HORIZON[$freq]}" \
      --set window.max-per-series=100000 --set split.mode=time \
      --set split.cutoffs=1 --set scaling.method=standard --set model.cell="$CELL" --set model.layers="$LAYERS" \
      --set model.units="$UNITS" --set model.learning-rate="$LEARNING_RATE" --set train.epochs="$EPOCHS" \
      --set train.model-dir="$W/job/model-$id" --set output.plots=false "${own[@]}" "${extra[@]}" \
      > "$W/$id.log" 2>&1 || { tail -40 "$W/$id.log" >&2; exit 1; }
    job_seconds=$((job_seconds + SECONDS - t0))
    grep -E "^rows read|^phases" "$W/$id.log" | sed "s/^/  $id: /" >&2 || true
  done
done

./submit/run-local.sh sql "${common[@]}" --csv --rows 100000 \
  "SELECT run_id, model, unique_id, mae, smape, mase FROM series_metrics WHERE step = 0 AND run_id LIKE 'real-%'" \
  2> "$W/sql.log" | grep -v '^$' > "$W/project-metrics.csv" || { tail -20 "$W/sql.log" >&2; exit 1; }

python3 bench/real_data_table.py "$W/r/r-metrics.csv" "$W/project-metrics.csv" "$W/data/calendar-meta.csv"
echo
echo "wall: R ${r_seconds} s (all methods, all series); this project's runs ${job_seconds} s" \
  "($(wc -w <<< "$RUNS") runs x 3 frequencies, $EPOCHS epochs, JVM start-up included)"
