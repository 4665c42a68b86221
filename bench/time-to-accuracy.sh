#!/usr/bin/env bash
# Time to accuracy with parameter averaging: how soon W workers reach the validation MSE one worker reaches, for
# each rule that combines the workers' parameters (train.outer.*, train.learning-rate-scaling, train.warmup-rounds,
# train.averaging-frequency). One run, every figure against the local[1] W=1 run of the same run:
#
#   bench/time-to-accuracy.sh                    (~40 minutes on 2 cores)
#   CONFIGS="w1 w2-average w2-outer-m05" bench/time-to-accuracy.sh    (a subset; w1 is always run first)
#   REPORT_ONLY=1 bench/time-to-accuracy.sh      (the table again from the last run's files)
#
# Data: 100k Géron series (data.generator defaults), default model (2 x 20 LSTM, batch 32 per worker, averaging
# every 20 minibatches), 20 epochs (EPOCHS). T = the validation MSE the W=1 run has after its last epoch. Wall
# seconds are the training time summed from model.json's epochs (validation passes excluded, as the job's epochs
# table counts them). Test MSE: `evaluate` of the saved model on the same data (only for runs listed in EVALUATE).
# Logical workers: train.workers = W on local[2] runs W shares per round in waves of 2; the result depends on W,
# not on the slots, so epochs to T (not seconds) is the figure for W = 4, 8, 16.
set -euo pipefail
cd "$(dirname "$0")/.."
W="${BENCH_WORK:-/tmp/rnn-tta-bench}"
EPOCHS="${EPOCHS:-20}"
SERIES="${SERIES:-100000}"
CONFIGS="${CONFIGS:-w1 w2-average w2-lr-linear w2-lr-sqrt w2-outer-lr2 w2-outer-m05 w2-outer-m07 w2-diloco w2-f5 w2-barrier-average w2-barrier-chosen w4-average w4-chosen w8-chosen w16-chosen}"
EVALUATE="${EVALUATE:-w1 w2-average w2-diloco}"
# the rule the W = 4, 8, 16 and barrier runs use: the defaults' (train.outer: learning rate 0.7, momentum 0.9)
CHOSEN="${CHOSEN:---set train.outer.learning-rate=0.7 --set train.outer.momentum=0.9 --set train.learning-rate-scaling=none --set train.warmup-rounds=0}"
mkdir -p "$W"
log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1

# label -> master, workers, extra settings
settings() {
  case "$1" in
    w1) echo "local[1] 1" ;;
    w2-average) echo "local[2] 2 --set train.outer.learning-rate=1 --set train.outer.momentum=0 --set train.learning-rate-scaling=none --set train.warmup-rounds=0" ;;
    w2-lr-linear) echo "local[2] 2 --set train.learning-rate-scaling=linear --set train.warmup-rounds=55 --set train.outer.momentum=0 --set train.outer.learning-rate=1" ;;
    w2-lr-sqrt) echo "local[2] 2 --set train.learning-rate-scaling=sqrt --set train.warmup-rounds=55 --set train.outer.momentum=0 --set train.outer.learning-rate=1" ;;
    w2-outer-lr2) echo "local[2] 2 --set train.outer.learning-rate=2 --set train.outer.momentum=0 --set train.learning-rate-scaling=none" ;;
    w2-outer-m05) echo "local[2] 2 --set train.outer.learning-rate=1 --set train.outer.momentum=0.5 --set train.learning-rate-scaling=none" ;;
    w2-outer-m07) echo "local[2] 2 --set train.outer.learning-rate=1 --set train.outer.momentum=0.7 --set train.learning-rate-scaling=none" ;;
    w2-diloco) echo "local[2] 2 --set train.outer.learning-rate=0.7 --set train.outer.momentum=0.9 --set train.learning-rate-scaling=none" ;;
    w2-f5) echo "local[2] 2 --set train.averaging-frequency=5 --set train.outer.learning-rate=1 --set train.outer.momentum=0 --set train.learning-rate-scaling=none" ;;
    w2-chosen) echo "local[2] 2 $CHOSEN" ;;
    w2-barrier-average) echo "local[2] 2 --set train.engine=barrier --set train.outer.learning-rate=1 --set train.outer.momentum=0 --set train.learning-rate-scaling=none --set train.warmup-rounds=0" ;;
    w2-barrier-chosen) echo "local[2] 2 --set train.engine=barrier $CHOSEN" ;;
    w4-chosen) echo "local[2] 4 $CHOSEN" ;;
    w8-chosen) echo "local[2] 8 $CHOSEN" ;;
    w16-chosen) echo "local[2] 16 $CHOSEN" ;;
    # for many workers: a larger outer step (amplification lr / (1 - momentum) = 20), or the workers' rate x sqrt(W)
    w16-outer-m095) echo "local[2] 16 --set train.outer.learning-rate=1 --set train.outer.momentum=0.95 --set train.learning-rate-scaling=none --set train.warmup-rounds=0" ;;
    w16-chosen-lr-sqrt) echo "local[2] 16 --set train.outer.learning-rate=0.7 --set train.outer.momentum=0.9 --set train.learning-rate-scaling=sqrt --set train.warmup-rounds=14" ;;
    # measured, stop 33 (epochs to T not reached; see README): shorter rounds with the rate x sqrt(W) and outer
    # momentum diverged (W=16, 5 minibatches a round: validation MSE 0.02-0.05 in epochs 2-8)
    w16-f5-lr-sqrt) echo "local[2] 16 --set train.outer.learning-rate=0.7 --set train.outer.momentum=0.9 --set train.learning-rate-scaling=sqrt --set train.warmup-rounds=54 --set train.averaging-frequency=5" ;;
    w16-f10-lr-sqrt) echo "local[2] 16 --set train.outer.learning-rate=0.7 --set train.outer.momentum=0.9 --set train.learning-rate-scaling=sqrt --set train.warmup-rounds=28 --set train.averaging-frequency=10" ;;
    w8-f10-lr-sqrt) echo "local[2] 8 --set train.outer.learning-rate=0.7 --set train.outer.momentum=0.9 --set train.learning-rate-scaling=sqrt --set train.warmup-rounds=54 --set train.averaging-frequency=10" ;;
    w16-outer1-lr-sqrt) echo "local[2] 16 --set train.outer.learning-rate=1 --set train.outer.momentum=0.9 --set train.learning-rate-scaling=sqrt --set train.warmup-rounds=14" ;;
    # today's defaults (train.learning-rate-scaling = auto: from 8 workers the recipe of w8-f10-lr-sqrt / w16-f10-lr-sqrt)
    w2-defaults|w4-defaults|w8-defaults|w16-defaults) w="${1%%-*}"; echo "local[2] ${w#w}" ;;
    # the standalone cluster of 2 workers x 1 core on 127.0.0.1 (started by this script), both engines
    cluster-chosen) echo "spark://127.0.0.1:7077 2 $CHOSEN" ;;
    cluster-barrier-chosen) echo "spark://127.0.0.1:7077 2 --set train.engine=barrier $CHOSEN" ;;
    w4-average|w8-average|w16-average) w="${1%%-*}"; echo "local[2] ${w#w} --set train.outer.learning-rate=1 --set train.outer.momentum=0 --set train.learning-rate-scaling=none --set train.warmup-rounds=0" ;;
    *) echo "unknown configuration $1" >&2; exit 2 ;;
  esac
}

job() {  # label master command args...: the job's output in $W/<label>.log
  local label="$1" master="$2"; shift 2
  local t0=$SECONDS
  SPARK_MASTER="$master" ./submit/run-local.sh "$@" > "$W/$label.log" 2>&1 || { tail -30 "$W/$label.log" >&2; exit 1; }
  log "$label: $((SECONDS - t0)) s"
}

if [[ -z "${REPORT_ONLY:-}" ]]; then
  mvn -B -q -Dmaven.test.skip=true package >&2
  data="$W/data-$SERIES"
  if [[ ! -d "$data" ]]; then
    job gen 'local[2]' generate --set data.series="$SERIES" --set data.path="$data" --set workdir="$W/gen"
  fi
  if [[ " $CONFIGS " == *" cluster-"* ]]; then
    ./submit/standalone-cluster.sh start 2 1 >&2
    trap './submit/standalone-cluster.sh stop >/dev/null 2>&1 || true' EXIT
  fi
  for label in $(echo w1 $CONFIGS | tr ' ' '\n' | awk '!seen[$0]++'); do
    read -r master workers extra <<< "$(settings "$label")"
    # KEEP_W1=1: the reference run of an earlier run of this script is kept (same data and settings)
    if [[ ! ( "$label" == w1 && -f "$W/w1/model/model.json" && -n "${KEEP_W1:-}" ) ]]; then
      rm -rf "${W:?}/$label" "$W/$label-eval.done"
      log "$label: $master, train.workers=$workers $extra"
      # shellcheck disable=SC2086
      job "$label" "$master" train --set workdir="$W/$label" --set data.path="$data" --set train.epochs="$EPOCHS" \
        --set train.workers="$workers" --set run-id="$label" --set output.plots=false $extra
    fi
    if [[ " $EVALUATE " == *" $label "* && ! -f "$W/$label-eval.done" ]]; then
      job "$label-eval" "$master" evaluate --set workdir="$W/$label" --set data.path="$data" --set run-id="$label" \
        --set train.workers="$workers" --set evaluate.baselines='[naive,seasonal_naive]' --set output.plots=false \
        --set evaluate.intervals.levels='[]' $extra
      touch "$W/$label-eval.done"
    fi
  done
fi

if [[ -z "${REPORT_ONLY:-}" ]]; then
  # the cost model's exchange figures: PeerSum between 2 peers on loopback (the barrier engine's per-round sum)
  mvn -B -q -o test-compile >&2 2>/dev/null || mvn -B -q test-compile >&2
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$W/cp-test.txt" -Dmdep.includeScope=test >/dev/null 2>&1 \
    || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$W/cp-test.txt" -Dmdep.includeScope=test >/dev/null
  java -cp "target/test-classes:target/classes:$(cat "$W/cp-test.txt")" io.rnnforecast.train.bench.PeerSumBenchmark \
    peers=2 values=2000,15183,100000,1000000,4000000 seconds=2 | grep '^RESULT' | tee "$W/peersum.txt" >&2
fi

python3 bench/time_to_accuracy_table.py "$W" $(echo w1 $CONFIGS | tr ' ' '\n' | awk '!seen[$0]++')
[[ -f "$W/peersum.txt" ]] && python3 bench/cost_model.py "$W"
