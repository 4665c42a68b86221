#!/usr/bin/env bash
# Training / inference throughput of the fused recurrent layers against DL4J's LSTM and PyTorch, one thread.
#
#   bench/rnn-benchmark.sh [seconds-per-point]      (default 4; a full run takes ~5 minutes)
#
# Model: 2 stacked recurrent layers (h = 20 and h = 64) + dense output, seq -> 1, Adam(1e-3), float32,
# 50-step Géron series, batch sizes 32 and 256. Systems: fused LSTM, fused GRU, DL4J LSTM (+LastTimeStep),
# PyTorch nn.LSTM / nn.GRU. Every library is pinned to one thread.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_POINT="${1:-4}"

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 OMP_DYNAMIC=false
PY=/usr/bin/python3
if ! "$PY" -c 'import torch' 2>/dev/null; then
  echo "[bench] installing python3-torch (Debian package)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y python3-torch >&2
fi

OUT=target/rnn-bench
mkdir -p "$OUT/classes"
# Classpath from Maven (offline first); only this package and its benchmark are compiled, so the benchmark
# does not depend on the rest of the project compiling.
if ! mvn -o -q dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=test >/dev/null 2>&1; then
  mvn -q dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=test >/dev/null
fi
CP="$(cat "$OUT/cp.txt")"
javac -nowarn -d "$OUT/classes" -cp "$CP" \
  $(find src/main/java/io/rnnforecast/model/layers -name '*.java') \
  src/test/java/io/rnnforecast/model/layers/GeronData.java \
  src/test/java/io/rnnforecast/model/layers/bench/RnnBenchmark.java 2>&1 | grep -v '^Note:' >&2 || true

RESULTS="$OUT/results.txt"
: > "$RESULTS"
echo "[bench] JVM: fused LSTM, fused GRU, DL4J LSTM (${SECONDS_PER_POINT}s per point)" >&2
java -Xmx4g -cp "$OUT/classes:$CP" io.rnnforecast.model.layers.bench.RnnBenchmark \
  systems=fused-lstm,fused-gru,dl4j-lstm hidden=20,64 batch=32,256 seconds="$SECONDS_PER_POINT" 2>/dev/null \
  | grep '^RESULT' | tee -a "$RESULTS" >&2
echo "[bench] PyTorch $("$PY" -c 'import torch; print(torch.__version__)')" >&2
"$PY" bench/torch_bench.py --cells lstm,gru --hidden 20,64 --batch 32,256 --seconds "$SECONDS_PER_POINT" \
  | grep '^RESULT' | tee -a "$RESULTS" >&2

"$PY" - "$RESULTS" <<'PYEOF'
import re, sys
r = {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT (\S+) h=(\d+) bs=(\d+) train=([\d.]+) infer=([\d.]+)", line)
    if m:
        sysname, h, bs, tr, inf = m.groups()
        r[(sysname, int(h), int(bs))] = (float(tr), float(inf))

def g(s, h, bs, i):
    v = r.get((s, h, bs))
    return v[i] if v else float("nan")

for i, title in ((0, "TRAINING"), (1, "INFERENCE (forward only)")):
    print(f"\n{title} throughput, samples/s, 1 thread (2 layers, seq->1, 50 steps, Adam)")
    print("| h | batch | fused LSTM | fused GRU | DL4J LSTM | torch LSTM | torch GRU "
          "| fLSTM/tLSTM | fGRU/tGRU | fLSTM/DL4J | fGRU/DL4J |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for h in (20, 64):
        for bs in (32, 256):
            fl, fg, dl = g("fused-lstm", h, bs, i), g("fused-gru", h, bs, i), g("dl4j-lstm", h, bs, i)
            tl, tg = g("torch-lstm", h, bs, i), g("torch-gru", h, bs, i)
            print(f"| {h} | {bs} | {fl:.0f} | {fg:.0f} | {dl:.0f} | {tl:.0f} | {tg:.0f} "
                  f"| {fl/tl:.2f}x | {fg/tg:.2f}x | {fl/dl:.1f}x | {fg/dl:.1f}x |")
ok = True
for h in (20, 64):
    for bs in (32, 256):
        for f, t in (("fused-lstm", "torch-lstm"), ("fused-gru", "torch-gru")):
            if not g(f, h, bs, 0) >= 1.5 * g(t, h, bs, 0):
                ok = False; print(f"MISSED 1.5x PyTorch: {f} h={h} bs={bs}")
            if not g(f, h, bs, 0) >= 5 * g("dl4j-lstm", h, bs, 0):
                ok = False; print(f"MISSED 5x DL4J LSTM: {f} h={h} bs={bs}")
print("\nGoals (training: fused >= 1.5x PyTorch and >= 5x DL4J LSTM at every point):", "MET" if ok else "NOT MET")
PYEOF
