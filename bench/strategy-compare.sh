#!/usr/bin/env bash
# Multi-step strategies on Géron's 10-steps-ahead task (issue 10, model.strategy): direct (Dense(10)), iterative
# (a one-step model fed its own forecasts) and seq2seq (every step trained, per-step Dense(10)), each a `run` of
# conf/geron-multistep.conf on the same generated data (10,000 series, seed 42; 70/20/10 split: 7,000 train, 2,000
# validation as Géron's, 1,000 test), Géron's cell (SimpleRNN 20-20) and his learning rates (1e-3, seq2seq 1e-2),
# window.normalization = none (his data is used as is). Prints the strategies' test MSE, last_time_step_mse,
# all_steps_mse, the final validation MSE (2,000 series, the number Géron publishes) and training time, from the
# job's own tables (sql --csv).
#
#   bench/strategy-compare.sh                     (EPOCHS=20 by default)
#   EPOCHS=5 CELL=lstm bench/strategy-compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
W="${BENCH_WORK:-/tmp/rnn-strategies}"
EPOCHS="${EPOCHS:-20}"
CELL="${CELL:-simple-rnn}"
STRATEGIES="${STRATEGIES:-direct iterative seq2seq}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
common=(--conf conf/geron-multistep.conf --set workdir="$W" --set catalog.enabled=false --set output.plots=false
  --set evaluate.future=false --set model.cell="$CELL" --set model.units=[20,20] --set train.epochs="$EPOCHS"
  --set window.normalization=none)
for s in $STRATEGIES; do
  lr=0.001
  [[ "$s" == seq2seq ]] && lr=0.01
  log "run $s (lr $lr, $EPOCHS epochs)"
  ./submit/run-local.sh run "${common[@]}" --set model.strategy="$s" --set model.learning-rate="$lr" \
    --set run-id="strategy-$s" --set train.model-dir="$W/model-$s" > "$W-$s.log" 2>&1 \
    || { tail -40 "$W-$s.log" >&2; exit 1; }
  grep "^phases" "$W-$s.log" >&2 || true
done
./submit/run-local.sh sql --csv --set workdir="$W" --set catalog.enabled=false \
  "SELECT s.run_id, s.model, round(s.mse, 5) AS test_mse, round(s.last_time_step_mse, 5) AS last_time_step_mse,
          round(s.all_steps_mse, 5) AS all_steps_mse, round(r.final_validation_mse, 5) AS validation_mse,
          round(r.train_wall_seconds, 1) AS train_seconds, r.epochs_trained
   FROM summary s JOIN runs r ON s.run_id = r.run_id AND s.model = r.model
   WHERE s.run_id LIKE 'strategy-%' ORDER BY s.run_id"
./submit/run-local.sh sql --csv --set workdir="$W" --set catalog.enabled=false \
  "SELECT run_id, model, round(mse, 5) AS test_mse FROM summary
   WHERE run_id LIKE 'strategy-%' AND model IN ('naive', 'linear') ORDER BY run_id, model"
