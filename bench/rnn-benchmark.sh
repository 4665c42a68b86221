#!/usr/bin/env bash
# Training / inference throughput of the fused recurrent layers against DL4J's LSTM and PyTorch, one thread,
# with every side on an optimized BLAS.
#
#   bench/rnn-benchmark.sh [seconds-per-point]      (default 4)
#
# Model: 2 stacked recurrent layers of h units + dense output, seq -> 1, Adam(1e-3), float32, 50-step Géron series.
# Grid: h = 20, 64, 128, 256 x batch = 32, 256, 1024 for fused LSTM, fused GRU, PyTorch nn.LSTM and nn.GRU;
# DL4J's LSTM (+LastTimeStep) only at h = 20 and 64 (batch 32, 256, 1024): it is slow. Every library is pinned to
# one thread.
#
# Length of a full run at 4 s per point: 54 points (JVM: 12 fused LSTM + 12 fused GRU + 6 DL4J; torch: 12 LSTM +
# 12 GRU). Each JVM point takes >= 9 s (warm-up 2 s, training 4 s, inference warm-up 1 s, inference 2 s), each
# torch point >= 6 s (training 4 s, inference 2 s, plus 2 warm-up calls): 30 x 9 + 24 x 6 = ~7 minutes of floors;
# + ~20 s JIT warm-up of the fused kernels, ~30-60 s classpath + javac + JVM/torch start-up; + the large points
# (h >= 128 at batch 1024, h = 256 at batch 256), where one training iteration takes seconds (h = 256, batch 1024:
# ~240 GFLOP per LSTM iteration) and the minimum of 3 timed iterations (plus 1-2 warm-up ones) exceeds the floor:
# ~0.5 minute more for the fused layers at ~60 GFLOP/s, ~2-4.5 minutes more for torch at 25-12 GFLOP/s.
# In all ~10-14 minutes (other seconds-per-point values scale the floors proportionally).
#
# Fairness: Debian's python3-torch is built with BLAS_INFO=generic, i.e. it calls whatever libblas.so.3 the
# alternatives system points to; without an optimized BLAS installed that is the reference netlib libblas3, many
# times slower at matrix products. The script therefore installs libopenblas0-pthread with torch, prints which
# BLAS torch actually loaded (the libblas.so.3 alternative, torch.__config__'s BLAS_INFO and the libraries mapped
# into the torch process after a matmul) and fails if it is the reference BLAS (FORCE_REFERENCE_BLAS=1 to run
# anyway; the table header then says so). The JVM side (ND4J nd4j-native and the fused layers) uses the OpenBLAS
# bundled with ND4J (org.bytedeco:openblas, JavaCPP); RnnBenchmark prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_POINT="${1:-4}"

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 OMP_DYNAMIC=false
PY=/usr/bin/python3
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
need=()
"$PY" -c 'import torch' 2>/dev/null || need+=(python3-torch)
dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'install ok installed' \
  || need+=(libopenblas0-pthread)
if [ "${#need[@]}" -gt 0 ]; then
  echo "[bench] installing python3-torch libopenblas0-pthread (Debian packages; missing: ${need[*]})" >&2
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y python3-torch libopenblas0-pthread >&2
fi

OUT=target/rnn-bench
mkdir -p "$OUT/classes"
RESULTS="$OUT/results.txt"
: > "$RESULTS"

# --- which BLAS torch uses -------------------------------------------------------------------------------------
ALT="$(update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | sed -n 's/^Value: //p' || true)"
[ -n "$ALT" ] || ALT="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo '?')"
echo "BLAS libblas.so.3-alternative $ALT" | tee -a "$RESULTS" >&2
"$PY" bench/torch_bench.py --blas-info | grep -E '^(BLAS|PEAK)' | tee -a "$RESULTS" >&2
TORCH_KIND="$(sed -n 's/^BLAS torch-kind //p' "$RESULTS")"
case "$ALT" in */blas/libblas.so*) ALT_REFERENCE=1 ;; *) ALT_REFERENCE=0 ;; esac
if [ "$TORCH_KIND" = reference ] || [ "$TORCH_KIND" = unknown ] || [ "$ALT_REFERENCE" = 1 ]; then
  if [ "${FORCE_REFERENCE_BLAS:-0}" = 1 ]; then
    echo "[bench] WARNING: torch runs on the reference (netlib) BLAS or an unknown one (kind '$TORCH_KIND'," \
      "libblas.so.3 -> $ALT); FORCE_REFERENCE_BLAS=1: running anyway, the numbers are NOT a fair comparison" >&2
    echo "BLAS torch-forced-reference 1" >> "$RESULTS"
  else
    echo "FAILED: torch would run its matrix products on the reference BLAS (kind '$TORCH_KIND'," \
      "libblas.so.3 -> $ALT), which would make the PyTorch numbers unfairly slow. Install an optimized BLAS" \
      "(apt-get install libopenblas0-pthread) and make it the libblas.so.3-x86_64-linux-gnu alternative" \
      "(update-alternatives --config libblas.so.3-x86_64-linux-gnu), or set FORCE_REFERENCE_BLAS=1 to publish" \
      "unfair numbers anyway." >&2
    exit 1
  fi
fi

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

echo "[bench] JVM: fused LSTM, fused GRU, DL4J LSTM (${SECONDS_PER_POINT}s per point)" >&2
java -Xmx8g -cp "$OUT/classes:$CP" io.rnnforecast.model.layers.bench.RnnBenchmark \
  systems=fused-lstm,fused-gru,dl4j-lstm hidden=20,64,128,256 hidden.dl4j-lstm=20,64 batch=32,256,1024 \
  seconds="$SECONDS_PER_POINT" 2>/dev/null \
  | grep -E '^(RESULT|BLAS|PEAK)' | tee -a "$RESULTS" >&2
echo "[bench] PyTorch $("$PY" -c 'import torch; print(torch.__version__)')" >&2
"$PY" bench/torch_bench.py --cells lstm,gru --hidden 20,64,128,256 --batch 32,256,1024 \
  --seconds "$SECONDS_PER_POINT" | grep '^RESULT' | tee -a "$RESULTS" >&2
echo "TORCH_VERSION $("$PY" -c 'import torch; print(torch.__version__)')" >> "$RESULTS"

"$PY" - "$RESULTS" <<'PYEOF'
import math, os, re, sys
r, peak, info = {}, {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT (\S+) h=(\d+) bs=(\d+) train=([\d.]+) infer=([\d.]+)", line)
    if m:
        sysname, h, bs, tr, inf = m.groups()
        r[(sysname, int(h), int(bs))] = (float(tr), float(inf))
    m = re.match(r"PEAK (\S+) n=(\d+) gflops=([\d.]+)", line)
    if m:
        peak[m.group(1)] = (int(m.group(2)), float(m.group(3)))
    m = re.match(r"(BLAS \S+|TORCH_VERSION) ?(.*)", line.rstrip("\n"))
    if m:
        info[m.group(1)] = m.group(2)

H, BS, DL4J_H = (20, 64, 128, 256), (32, 256, 1024), (20, 64)
T = 50
GATES = {"lstm": 4, "gru": 3}


def fwd_flops(cell, h):
    # Matrix-product FLOPs of one sample's forward pass (element-wise work -- activations, gate products, Adam --
    # ignored): a recurrent layer with n inputs, h units and G gate blocks (LSTM 4, GRU 3) does 2*T*G*h*(n+h)
    # per sample (per batch: 2*B*T*Gh*(n+h)); layer 1 has n = 1, layer 2 n = h; the dense head h -> 1 on the
    # last step 2*h. Backward ~ 2x forward, so a training step ~ 3x forward.
    g = GATES[cell]
    return 2 * T * g * h * (1 + h) + 2 * T * g * h * (h + h) + 2 * h


CELL = {"fused-lstm": "lstm", "torch-lstm": "lstm", "dl4j-lstm": "lstm", "fused-gru": "gru", "torch-gru": "gru"}


def g(s, h, bs, i):
    v = r.get((s, h, bs))
    return v[i] if v else float("nan")


def gflops(s, h, bs, i):
    return g(s, h, bs, i) * fwd_flops(CELL[s], h) * (3 if i == 0 else 1) / 1e9


def num(x, fmt):
    return "–" if math.isnan(x) else format(x, fmt)


def ratio(a, b, fmt):
    return "–" if math.isnan(a) or math.isnan(b) or b == 0 else format(a / b, fmt) + "x"


tp = peak.get("torch-sgemm", (1024, float("nan")))
jp = peak.get("jvm-openblas-sgemm", (1024, float("nan")))
cands = [(v, k) for k, v in (("torch SGEMM", tp[1]), ("JVM OpenBLAS SGEMM", jp[1])) if not math.isnan(v)]
PEAK, peak_src = max(cands) if cands else (float("nan"), "none")


def gp(s, h, bs, i):
    x = gflops(s, h, bs, i)
    return "–" if math.isnan(x) else f"{x:.1f} ({100 * x / PEAK:.0f}%)"


kind = info.get("BLAS torch-kind", "?")
forced = "BLAS torch-forced-reference" in info
torch_libs = " ".join(os.path.basename(p) for p in info.get("BLAS torch-runtime", "?").split())
jar = re.search(r"openblas-([\d.]+)-[\d.]+\.jar", info.get("BLAS jvm-openblas", ""))
jvm_libs = " ".join(os.path.basename(p) for p in info.get("BLAS jvm-openblas", "").split("mapped=", 1)[-1].split()
                    if "jni" not in p)
fused = re.search(r"RnnBlas.enabled\(\)=(\w+)", info.get("BLAS jvm-fused-path", ""))
fused = fused.group(1) if fused else "?"
nd4j = re.search(r"blas=(\S+) vendor=(\S+)", info.get("BLAS jvm-nd4j", ""))
print(f"\nBLAS, torch {info.get('TORCH_VERSION', '?')}: {kind.upper()}{' (FORCED: reference BLAS, NOT a fair comparison)' if forced else ''}"
      f" -- loaded {torch_libs}; libblas.so.3 alternative -> {info.get('BLAS libblas.so.3-alternative', '?')};"
      f" torch.__config__: {info.get('BLAS torch-config', '?')} (build-time: calls the system libblas.so.3)")
print(f"BLAS, JVM: OpenBLAS {jar.group(1) if jar else '?'} bundled with ND4J nd4j-native (org.bytedeco:openblas;"
      f" loaded {jvm_libs}); DL4J LSTM via ND4J {nd4j.group(1).rsplit('.', 1)[-1] if nd4j else '?'}"
      f" (vendor {nd4j.group(2) if nd4j else '?'}); fused layers call its cblas_sgemm directly:"
      f" {'on' if fused == 'true' else 'OFF (Java loops)' if fused == 'false' else '?'}")
print(f"FP32 peak of one core, measured in this run (best of 5 {tp[0]}^3 SGEMMs, 1 thread): torch {tp[1]:.1f},"
      f" JVM OpenBLAS {jp[1]:.1f} GFLOP/s; % of peak below is against {PEAK:.1f} GFLOP/s ({peak_src})")
for i, title in ((0, "TRAINING"), (1, "INFERENCE (forward only)")):
    print(f"\n{title} throughput, samples/s, 1 thread (2 layers, seq->1, {T} steps, Adam);"
          f" torch on {kind}, JVM on bundled OpenBLAS")
    print("| h | batch | fused LSTM | torch LSTM | fLSTM/tLSTM | fused GRU | torch GRU | fGRU/tGRU | DL4J LSTM "
          "| fLSTM/DL4J | fGRU/DL4J | GFLOP/s (% peak): fused LSTM | torch LSTM | fused GRU | torch GRU | DL4J LSTM |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for h in H:
        for bs in BS:
            fl, tl, fg, tg, dl = (g(s, h, bs, i) for s in ("fused-lstm", "torch-lstm", "fused-gru", "torch-gru",
                                                          "dl4j-lstm"))
            print(f"| {h} | {bs} | {num(fl, '.0f')} | {num(tl, '.0f')} | {ratio(fl, tl, '.2f')} "
                  f"| {num(fg, '.0f')} | {num(tg, '.0f')} | {ratio(fg, tg, '.2f')} | {num(dl, '.0f')} "
                  f"| {ratio(fl, dl, '.1f')} | {ratio(fg, dl, '.1f')} | "
                  + " | ".join(gp(s, h, bs, i) for s in ("fused-lstm", "torch-lstm", "fused-gru", "torch-gru",
                                                         "dl4j-lstm")) + " |")
print(f"\nGFLOP/s = samples/s x matrix-product FLOPs per sample, by formula: one recurrent layer with n inputs, h units"
      f" over T = {T} steps and batch B does forward 2*B*T*G*h*(n+h) FLOPs, G = 4 gate blocks for LSTM, 3 for GRU;"
      f" both layers counted (layer 1 n = 1, layer 2 n = h) plus the dense head (2*B*h); backward ~ 2x forward,"
      f" so training = 3x forward, inference = 1x. Element-wise work (activations, gate products, Adam) is"
      f" ignored. DL4J's LSTM runs only at h = {', '.join(map(str, DL4J_H))} ('–': not run).")
ok = True
for h in H:
    for bs in BS:
        for f, t in (("fused-lstm", "torch-lstm"), ("fused-gru", "torch-gru")):
            if not g(f, h, bs, 0) >= 1.5 * g(t, h, bs, 0):
                ok = False; print(f"MISSED 1.5x PyTorch: {f} h={h} bs={bs}")
            if h in DL4J_H and not g(f, h, bs, 0) >= 5 * g("dl4j-lstm", h, bs, 0):
                ok = False; print(f"MISSED 5x DL4J LSTM: {f} h={h} bs={bs}")
print(f"\nGoals (training: fused >= 1.5x PyTorch at every point, PyTorch on {kind}"
      f"{' -- FORCED reference BLAS, unfair' if forced else ''}; >= 5x DL4J LSTM at every point DL4J runs,"
      f" h = {', '.join(map(str, DL4J_H))}):", "MET" if ok else "NOT MET")
PYEOF
