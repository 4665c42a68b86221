#!/usr/bin/env bash
# `predict` at scale, measured against `check` (ingestion alone) on the same data in the same run:
#
#   train a model on 10k Géron series (2 epochs), generate SERIES (default 1,000,000) other series, then
#   check    reads and assembles them (the floor: what any command on that data costs)
#   predict  reads them the same way, forecasts the horizon past the end of every series, writes the forecasts
#
#   bench/predict-benchmark.sh            (~6 minutes on 2 cores; SERIES=100000 for a quick one)
#
# Prints predict's wall time, series per second, its ratio to check, and verifies the forecasts table holds
# exactly SERIES x horizon x 2 rows (model and naive) for the run, counted with the job's own sql command.
set -euo pipefail
cd "$(dirname "$0")/.."
W="${BENCH_WORK:-/tmp/rnn-predict-bench}"
SERIES="${SERIES:-1000000}"
mkdir -p "$W"
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

job() {  # label args... : the job's output in $W/<label>.log, its wall seconds in $W/<label>.seconds
  local label="$1"; shift
  log "$label: $*"
  local t0=$SECONDS
  ./submit/run-local.sh "$@" > "$W/$label.log" 2>&1 || { tail -30 "$W/$label.log" >&2; exit 1; }
  echo "$((SECONDS - t0))" > "$W/$label.seconds"
  log "$label: $((SECONDS - t0)) s"
}

common=(--set workdir="$W" --set data.generator=none)
[[ -d "$W/data-10k" ]] || job gen-10k generate --set workdir="$W" --set data.series=10000 \
  --set data.path="$W/data-10k"
[[ -d "$W/data-$SERIES" ]] || job gen-new generate --set workdir="$W" --set data.series="$SERIES" --set data.seed=7 \
  --set data.path="$W/data-$SERIES"
job train train "${common[@]}" --set data.path="$W/data-10k" --set train.epochs=2 --set run-id=model-10k
job check check "${common[@]}" --set data.path="$W/data-$SERIES"
job predict predict "${common[@]}" --set data.path="$W/data-$SERIES" --set run-id=predict-bench
job count sql "${common[@]}" "SELECT count(*) AS n FROM forecasts WHERE run_id = 'predict-bench'"

rows=$(grep -oE '\|[0-9]+ *\|' "$W/count.log" | tr -dc '0-9')
c=$(cat "$W/check.seconds"); p=$(cat "$W/predict.seconds")
python3 - "$SERIES" "$c" "$p" "$rows" <<'PY'
import sys
n, c, p, rows = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print(f"series                 {n:,}")
print(f"check (ingest only)    {c} s")
print(f"predict                {p} s   {n / p:,.0f} series/s   {p / c:.2f} x check")
print(f"forecast rows written  {rows:,} (expected {n * 2:,}: horizon 1, model + naive) -> {'OK' if rows == n * 2 else 'MISMATCH'}")
PY
grep -h "PredictStep\|SeriesSource" "$W/predict.log" | sed 's/^/  /'
