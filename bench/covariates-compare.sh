#!/usr/bin/env bash
# Covariates (issue 20), one run:
#  1. the promo ablation: data.generator = promo (README: Géron's two sines scaled by a per-series category, plus a
#     planned promotion flag that lifts y, plus a temperature that leads y by 3 steps), SERIES series, 10 steps
#     ahead, the default network trained four times on the same data: no covariates, the historic temperature,
#     the future promo flag, both, both and the per-series category (one-hot) repeated on every step, and the same
#     with the category as the first layer's initial state (model.static-input = initial-state). Test MASE, sMAPE and MSE of the network and of the least-squares `linear`
#     baseline (which reads the same covariates), training samples/s, the cached bytes per window.
#  2. memory: MEMORY_SERIES promo series with both covariates, one epoch, the default 4g driver (no OOM; bytes per
#     window and the cache's size from the log).
#  3. R's Seatbelts (monthly drivers killed or seriously injured, 1969-1984; data-gen/r-datasets.sh), last 12
#     months held out: R's auto.arima without and with xreg (bench/covariates_r.R) against the network without
#     covariates, with the seat-belt law (known ahead), and with kms, PetrolPrice and law as future covariates
#     (what auto.arima's xreg is told: the held-out months' real values, an ex post forecast).
#
#   bench/covariates-compare.sh                 (needs r-base-core r-cran-forecast for part 3)
#   SERIES=10000 MEMORY_SERIES=0 bench/covariates-compare.sh   (a quick look; 0 skips part 2)
#   PARTS="1 3" bench/covariates-compare.sh
#   SERIES=10000 PARTS=1 ROWS="all-category all-category-initial" bench/covariates-compare.sh   (rows of part 1)
set -euo pipefail
cd "$(dirname "$0")/.."
W="${BENCH_WORK:-/tmp/rnn-covariates}"
SERIES="${SERIES:-100000}"
MEMORY_SERIES="${MEMORY_SERIES:-1000000}"
PARTS="${PARTS:-1 2 3}"
log() { echo "[covariates $(date +%H:%M:%S)] $*" >&2; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p "$W"
common=(--set catalog.enabled=false --set output.plots=false --set 'evaluate.intervals.levels=[]')

# sql WORKDIR QUERY: the job's sql command on the Parquet tables under WORKDIR, as CSV
sql() {
  ./submit/run-local.sh sql "${common[@]}" --set workdir="$1" --csv --rows 1000000 "$2" 2>> "$W/sql.log" \
    | grep -v '^$'
}

# run NAME WORKDIR SETTINGS...: the job's `run`, its log in $W/NAME.log; prints its wall seconds
run() {
  local name="$1" workdir="$2" t0=$SECONDS
  shift 2
  log "run $name"
  ./submit/run-local.sh run "${common[@]}" --set workdir="$workdir" --set run-id="$name" \
    --set train.model-dir="$workdir/model-$name" "$@" > "$W/$name.log" 2>&1 \
    || { tail -40 "$W/$name.log" >&2; exit 1; }
  echo "$name,$((SECONDS - t0))" >> "$W/seconds.csv"
}

bytes_per_window() {
  grep -o "cached blocks: .* MB" "$W/$1.log" | head -1
}

rm -f "$W/seconds.csv"
if [[ " $PARTS " == *" 1 "* ]]; then
  data="$W/data/promo-$SERIES"
  log "generating $SERIES promo series"
  ./submit/run-local.sh generate "${common[@]}" --set workdir="$W/promo" --set data.generator=promo \
    --set data.series="$SERIES" --set window.horizon=10 --set data.path="$data" > "$W/generate.log" 2>&1 \
    || { tail -20 "$W/generate.log" >&2; exit 1; }
  declare -A ABLATION=(
    [none]=""
    [historic]="data.covariates.historic=[temperature]"
    [future]="data.covariates.future=[promo]"
    [all]="data.covariates.historic=[temperature] data.covariates.future=[promo]"
    [all-category]="data.covariates.historic=[temperature] data.covariates.future=[promo] data.covariates.categorical=[category]"
    [all-category-initial]="data.covariates.historic=[temperature] data.covariates.future=[promo] data.covariates.categorical=[category] model.static-input=initial-state"
  )
  # ROWS picks ablation rows (none is the ratios' base, always run)
  ROWS="none ${ROWS:-historic future all all-category all-category-initial}"
  for name in $ROWS; do
    own=()
    for kv in ${ABLATION[$name]}; do own+=(--set "$kv"); done
    run "$name" "$W/promo" --set data.generator=none --set data.path="$data" --set data.name=promo \
      --set window.horizon=10 "${own[@]}"
  done
  sql "$W/promo" "SELECT s.run_id, s.model, s.mase_mean, s.smape, s.mse, r.train_samples_per_sec
                  FROM summary s JOIN runs r ON s.run_id = r.run_id
                  WHERE s.model IN ('lstm-2x20', 'linear', 'naive') AND s.split = 'test'
                  ORDER BY s.model, s.run_id" > "$W/promo.csv"
  python3 - "$W/promo.csv" "$SERIES" $ROWS <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
by = {(r["model"], r["run_id"]): r for r in rows}
order = sys.argv[3:]
print(f"\n## promo set, {int(sys.argv[2]):,} series, horizon 10, default 2x20 LSTM, 20 epochs (same data, same seed)\n")
print("| covariates | lstm MASE | lstm sMAPE | lstm MSE | linear MASE | linear MSE | lstm MASE / none's | lstm / linear (MASE) | train samples/s | / none's |")
print("|---|---|---|---|---|---|---|---|---|---|")
base = by[("lstm-2x20", "none")]
for run in order:
    n, l = by[("lstm-2x20", run)], by[("linear", run)]
    f = lambda r, k: float(r[k])
    print(f"| {run} | {f(n,'mase_mean'):.4f} | {f(n,'smape'):.3f} | {f(n,'mse'):.5f} | {f(l,'mase_mean'):.4f} | "
          f"{f(l,'mse'):.5f} | {f(n,'mase_mean')/f(base,'mase_mean'):.3f}x | {f(n,'mase_mean')/f(l,'mase_mean'):.3f} | "
          f"{f(n,'train_samples_per_sec'):,.0f} | {f(n,'train_samples_per_sec')/f(base,'train_samples_per_sec'):.2f}x |")
naive = by[("naive", "none")]
print(f"\nnaive: MASE {float(naive['mase_mean']):.4f}, MSE {float(naive['mse']):.5f}")
EOF
  for name in $ROWS; do echo "$name: $(bytes_per_window "$name")"; done
fi

if [[ " $PARTS " == *" 2 "* ]] && [[ "$MEMORY_SERIES" -gt 0 ]]; then
  t0=$SECONDS
  run memory "$W/memory" --set data.generator=promo --set data.series="$MEMORY_SERIES" --set window.horizon=10 \
    --set train.epochs=1 --set data.path="$W/data/promo-memory" \
    --set 'data.covariates.historic=[temperature]' --set 'data.covariates.future=[promo]'
  echo
  echo "## memory: $MEMORY_SERIES promo series, historic temperature + future promo, 1 epoch, driver ${DRIVER_MEMORY:-4g}"
  echo "exit 0 in $((SECONDS - t0)) s; $(bytes_per_window memory)"
  grep -o "phases: .*" "$W/memory.log" | tail -1
fi

if [[ " $PARTS " == *" 3 "* ]]; then
  command -v Rscript >/dev/null || { echo "Rscript not found: apt-get install -y r-base-core r-cran-forecast" >&2; exit 1; }
  ./data-gen/r-datasets.sh "$W/r-datasets" > "$W/r-datasets.log" 2>&1 || { tail -20 "$W/r-datasets.log" >&2; exit 1; }
  seatbelts="$W/r-datasets/seatbelts.csv"
  log "R: auto.arima with and without xreg, and with the law only"
  Rscript bench/covariates_r.R "$seatbelts" > "$W/r-seatbelts.csv" 2> "$W/r-seatbelts.log"
  Rscript bench/covariates_r.R "$seatbelts" "" kms,PetrolPrice | tail -n +2 | sed 's/auto_arima_xreg/auto_arima_xreg_law/' \
    | grep xreg >> "$W/r-seatbelts.csv" 2>> "$W/r-seatbelts.log"
  # one monthly series: windows of 24 months, every training window (stride 1), the last 12 months tested
  monthly=(--set data.generator=none --set data.format=csv --set data.path="$seatbelts"
           --set data.name=seatbelts --set split.mode=time --set split.cutoffs=1 --set window.input=24
           --set window.horizon=12 --set window.max-per-series=1000 --set scaling.method=standard
           --set evaluate.season=12 --set evaluate.future=false)
  run sb-none "$W/seatbelts" "${monthly[@]}"
  run sb-law "$W/seatbelts" "${monthly[@]}" --set 'data.covariates.future=[law]'
  run sb-all "$W/seatbelts" "${monthly[@]}" --set 'data.covariates.future=[kms,PetrolPrice,law]'
  sql "$W/seatbelts" "SELECT run_id, model, mase_mean, smape FROM summary WHERE split = 'test'
                      AND model IN ('lstm-2x20', 'linear', 'naive', 'seasonal_naive') ORDER BY run_id, model" \
    > "$W/seatbelts.csv"
  echo
  echo "## Seatbelts drivers, last 12 months held out (MASE with the seasonal naive scale, m = 12)"
  echo
  echo "| method | covariates | MASE | sMAPE |"
  echo "|---|---|---|---|"
  tail -n +2 "$W/r-seatbelts.csv" | awk -F, '{printf "| R %s | %s | %.4f | %.3f |\n", $2, $3, $4, $5}'
  tail -n +2 "$W/seatbelts.csv" | awk -F, '{c = $1 == "sb-none" ? "" : $1 == "sb-law" ? "law (future)" : "kms;PetrolPrice;law (future)";
    if ($1 != "sb-none" && ($2 == "naive" || $2 == "seasonal_naive")) next;
    printf "| %s | %s | %.4f | %.3f |\n", $2, c, $3, $4}'
fi
echo
echo "wall seconds per run:"
cat "$W/seconds.csv"
