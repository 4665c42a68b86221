#!/usr/bin/env bash
# Driver crash and resume: kill -9 the driver JVM in the middle of epoch K of a `run`, rerun the same command
# (same run-id; train.resume = auto is the default) and check that training resumes after epoch K-1, that the final
# tables equal those of an uninterrupted run with the same settings, and that no table holds duplicate rows.
#
#   bench/driver-fault.sh            (~4 minutes on 2 cores; SERIES, EPOCHS, KILL_IN_EPOCH to change)
set -euo pipefail
cd "$(dirname "$0")/.."
W="${BENCH_WORK:-/tmp/rnn-driver-fault}"
SERIES="${SERIES:-20000}"
EPOCHS="${EPOCHS:-5}"
K="${KILL_IN_EPOCH:-3}"
rm -rf "$W"; mkdir -p "$W"
log() { echo "[driver-fault $(date +%H:%M:%S)] $*"; }
# shellcheck source=lib.sh
source bench/lib.sh

./submit/run-local.sh generate --set workdir="$W" --set data.series="$SERIES" > "$W/generate.log" 2>&1
common=(--set workdir="$W" --set data.generator=none --set data.path="$W/data/geron" --set train.epochs="$EPOCHS")

log "uninterrupted run 'clean'"
./submit/run-local.sh run "${common[@]}" --set run-id=clean --set train.model-dir="$W/model-clean" \
  > "$W/clean.log" 2>&1

log "run 'crash': kill -9 the driver during epoch $K"
./submit/run-local.sh run "${common[@]}" --set run-id=crash > "$W/crash-1.log" 2>&1 &
job=$!
wait_for_epoch "$W/crash-1.log" "$((K - 1))" "$EPOCHS" "$job"
sleep 1
driver=$(pgrep -f "SparkSubmit.*run-id=crash" | head -1)
kill -9 "$driver"
wait "$job" || true
log "killed driver $driver; last epoch logged before the kill: $(grep -oE "epoch [0-9]+/$EPOCHS  training loss" "$W/crash-1.log" | tail -1)"

log "rerun of 'crash' (same command)"
./submit/run-local.sh run "${common[@]}" --set run-id=crash > "$W/crash-2.log" 2>&1
grep -E "resuming run|training of crash ended" "$W/crash-2.log" | sed 's/^/  /'
resumed_after=$(grep -oE "resuming run crash after epoch [0-9]+" "$W/crash-2.log" | grep -oE "[0-9]+$" || echo 0)
epochs_rerun=$(grep -cE "epoch [0-9]+/$EPOCHS  training loss" "$W/crash-2.log" || true)

q() { ./submit/run-local.sh sql --set workdir="$W" "$1" 2>/dev/null | grep '^|' ; }
q "SELECT run_id, model, mse, mae, n_series FROM summary ORDER BY model, run_id" | tee "$W/summary.txt"
q "SELECT run_id, final_validation_mse, count(*) OVER (PARTITION BY run_id) AS rows FROM runs ORDER BY run_id" \
  | tee "$W/runs.txt"
differ=$(q "SELECT count(*) AS n FROM (SELECT model, unique_id, step, y_hat FROM forecasts WHERE run_id = 'clean'
  EXCEPT ALL SELECT model, unique_id, step, y_hat FROM forecasts WHERE run_id = 'crash')" | tail -1 | tr -dc '0-9')
dupes=$(q "SELECT count(*) AS n FROM (SELECT model, unique_id, step, cutoff_step FROM forecasts WHERE run_id = 'crash'
  GROUP BY 1, 2, 3, 4 HAVING count(*) > 1)" | tail -1 | tr -dc '0-9')
mse() { awk -F'|' -v r="$1" -v m="$2" '{gsub(/ /, "", $2); gsub(/ /, "", $3)} $2 == r && $3 == m {print $4}' \
  "$W/summary.txt"; }
log "resumed after epoch $resumed_after (expected $((K - 1))); epochs trained by the rerun: $epochs_rerun"
log "lstm test MSE: clean $(mse clean lstm-2x20), crash+resume $(mse crash lstm-2x20); forecasts differing: $differ;" \
  "duplicate forecast keys in 'crash': $dupes"
if [[ "$resumed_after" -eq $((K - 1)) && "$epochs_rerun" -eq $((EPOCHS - K + 1)) && "$differ" == "0" \
      && "$dupes" == "0" && "$(mse clean lstm-2x20)" == "$(mse crash lstm-2x20)" ]]; then
  echo "PASSED: the driver was killed in epoch $K; the rerun resumed after epoch $((K - 1)), trained the remaining"
  echo "        $((EPOCHS - K + 1)) epochs, and its tables equal the uninterrupted run's (no duplicate rows)"
else
  echo "FAILED"; exit 1
fi
