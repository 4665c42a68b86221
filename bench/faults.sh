#!/usr/bin/env bash
# Fault tolerance on a real standalone cluster (2 workers x 1 core on 127.0.0.1): kill -9 one executor JVM in the
# middle of an epoch and check that the job still finishes every epoch, saves the model, writes the tables, and
# that the runs table records the lost executor and the failed tasks.
#
#   bench/faults.sh                      (~4 minutes)
#   ENGINE=barrier bench/faults.sh       (train.engine = barrier: the epoch's barrier stage fails and runs again)
set -euo pipefail
cd "$(dirname "$0")/.."
W="${BENCH_WORK:-/tmp/rnn-faults}"
SERIES="${SERIES:-50000}"
EPOCHS="${EPOCHS:-4}"
ENGINE="${ENGINE:-rounds}"
rm -rf "$W"; mkdir -p "$W"
log() { echo "[faults $(date +%H:%M:%S)] $*"; }
# shellcheck source=lib.sh
source bench/lib.sh

./submit/standalone-cluster.sh start 2 1
trap './submit/standalone-cluster.sh stop >/dev/null 2>&1 || true' EXIT

log "run: $SERIES series, $EPOCHS epochs on spark://127.0.0.1:7077"
SPARK_MASTER=spark://127.0.0.1:7077 ./submit/run-local.sh run --set workdir="$W" --set data.series="$SERIES" \
  --set train.epochs="$EPOCHS" --set train.engine="$ENGINE" --set run-id=faults > "$W/run.log" 2>&1 &
job=$!

# wait for epoch 1 to finish, then for a few rounds of epoch 2
wait_for_epoch "$W/run.log" 1 "$EPOCHS" "$job"
# rounds: a few rounds into epoch 2; barrier: inside epoch 2's stage (its shares are cut in ~1 s)
sleep "${KILL_AFTER:-2}"
victim=$(pgrep -f CoarseGrainedExecutorBackend | head -1)
log "epoch 2 under way: kill -9 executor JVM $victim"
kill -9 "$victim"

status=0
wait "$job" || status=$?
grep -E "epoch [0-9]+/$EPOCHS  training loss|Lost executor|lost|barrier stage failed|phases:" "$W/run.log" | grep -vE "^\s*at " | head -20
log "job exit code $status"
[[ $status -eq 0 ]] || { tail -40 "$W/run.log"; echo "FAILED: the job did not finish"; exit 1; }
[[ -f "$W/model/model.zip" ]] || { echo "FAILED: no model saved"; exit 1; }
epochs_done=$(grep -c "epoch [0-9]*/$EPOCHS  training loss" "$W/run.log" || true)
./submit/run-local.sh sql --set workdir="$W" \
  "SELECT run_id, executors, executors_lost, failed_tasks, rounds_per_epoch, final_validation_mse FROM runs" \
  2>/dev/null | tee "$W/runs.txt"
lost=$(awk -F'|' '/faults/ {gsub(/ /, "", $4); print $4}' "$W/runs.txt")
summary_rows=$(./submit/run-local.sh sql --set workdir="$W" "SELECT count(*) AS n FROM summary WHERE run_id = 'faults'" \
  2>/dev/null | awk -F'|' 'NR==4 {gsub(/ /, "", $2); print $2}')
log "engine $ENGINE; epochs finished: $epochs_done of $EPOCHS; executors lost recorded: $lost; summary rows: $summary_rows"
# Training is deterministic for a seed, data and worker count, and a retried task recomputes the same share from
# the same parameters: the same command without the kill must end with the same validation MSE.
log "the same run without a fault"
SPARK_MASTER=spark://127.0.0.1:7077 ./submit/run-local.sh train --set workdir="$W/clean" --set data.path="$W/data/geron" \
  --set train.epochs="$EPOCHS" --set train.engine="$ENGINE" --set run-id=clean > "$W/clean.log" 2>&1
mse() { grep -oE "epoch $EPOCHS/$EPOCHS .*validation MSE [0-9.]+" "$1" | grep -oE "[0-9.]+$"; }
log "final validation MSE: with the executor killed $(mse "$W/run.log"), without a fault $(mse "$W/clean.log")"
if [[ "$epochs_done" -eq "$EPOCHS" && "${lost:-0}" -ge 1 && "${summary_rows:-0}" -ge 2 \
      && "$(mse "$W/run.log")" == "$(mse "$W/clean.log")" ]]; then
  echo "PASSED: an executor was killed mid-epoch; all $EPOCHS epochs ran, the model and the tables were written,"
  echo "        and the final validation MSE equals (to the 6 logged digits) that of the run without a fault"
else
  echo "FAILED"; exit 1
fi
