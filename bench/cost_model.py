"""The time-to-accuracy cost model of bench/time-to-accuracy.sh, from inputs measured in the same run.

Usage: cost_model.py WORKDIR  (reads WORKDIR/peersum.txt from PeerSumBenchmark, the runs' model.json files)

A round of W workers with the barrier engine costs
    t_round(W) = t_fit + t_sum(W)
    t_fit      = B * K / r1                      (one worker fits K minibatches of B at r1 samples/s: the W=1
                                                  run's training rate, one core per worker)
    t_sum(W)   = 2 * (a + (W - 1) * m + (W - 1) / W * 8 V / bw)
                                                 (PeerSum: a reduce-scatter and an all-gather; each peer sends
                                                  and receives (W - 1) / W of the V summed doubles per step, its
                                                  W - 1 messages in parallel: a the network's latency, m the
                                                  per-message software cost, bw the link's bandwidth)
and time to accuracy is epochs_to_T(W) * ceil(N / (W * B * K)) * t_round(W). m and the loopback bandwidth are
fitted to PeerSumBenchmark on this machine (2 peers, loopback); the cluster's a and bw are inputs (10 Gbit/s,
50 us). Left out: stragglers (every worker is as fast as the W=1 run), the epoch's stage start and its
validation pass, which do not depend on the round count.
"""
import json
import math
import re
import sys

work = sys.argv[1]
LATENCY = 50e-6          # one-way TCP latency on a 10 GbE network, seconds (an input, not measured here)
BANDWIDTH = 10e9 / 8     # 10 Gbit/s in bytes/s (an input)


def training(label):
    return json.load(open(f"{work}/{label}/model/model.json"))["provenance"]["training"]


def reach(epochs, target):
    for e in epochs:
        if e["validationMse"] <= target:
            return e["epoch"]
    return None


peersum = [tuple(map(float, m)) for m in re.findall(r"peers=(\d+) values=(\d+) micros=([\d.]+)",
                                                       open(f"{work}/peersum.txt").read())]
# fit micros = 2 (a0 + m + V * 8 / (2 bw0)) for 2 peers on loopback: least squares on (V, micros)
xs = [v for _, v, _ in peersum]
ys = [us * 1e-6 for _, _, us in peersum]
n = len(xs)
mx, my = sum(xs) / n, sum(ys) / n
slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
fixed = my - slope * mx
per_message = fixed / 2              # a0 + m on loopback, per step
loopback_bw = 8 / (slope / 2 * 2)    # bytes/s: slope = 2 * (1/2) * 8 / bw0
w1 = training("w1")
rate1 = sum(e["examples"] for e in w1["epochs"]) / sum(e["seconds"] for e in w1["epochs"])
T = w1["epochs"][-1]["validationMse"]
B, K = 32, 20
params = json.load(open(f"{work}/w1/model/model.json"))["provenance"]["parameters"]["params"]
print(f"\nCost model inputs (measured in this run): one worker fits {rate1:,.0f} samples/s (W=1 run); PeerSum on "
      f"loopback, 2 peers: {fixed * 1e6:.0f} us fixed per sum ({per_message * 1e6:.0f} us per step), "
      f"{loopback_bw / 1e9:.2f} GB/s; the cluster: {LATENCY * 1e6:.0f} us latency, {BANDWIDTH * 8 / 1e9:.0f} Gbit/s.")
for v, us in ((v, us) for _, v, us in peersum):
    print(f"  PeerSum of {int(v):,} doubles between 2 peers on loopback: {us:,.0f} us")

epochs_to_t = {}
for label, w in (("w1", 1), ("w2-chosen", 2), ("w4-chosen", 4), ("w8-chosen", 8), ("w16-chosen", 16)):
    try:
        epochs_to_t[w] = reach(training(label)["epochs"], T)
    except FileNotFoundError:
        pass
print("\nepochs to T measured: " + ", ".join(f"W={w}: {e if e else 'not in 20'}" for w, e in epochs_to_t.items()))
known = [w for w, e in epochs_to_t.items() if e]
far = max(known) if known else 1


def t_sum(values, w):
    if w == 1:
        return 0.0
    m = per_message
    return 2 * (LATENCY + (w - 1) * m + (w - 1) / w * 8 * values / BANDWIDTH)


# V: parameters and Adam's two moments of the default model (model.json's count), and of a larger model for scale
# (2 x 256 LSTM, layers laid out as here: 4h(n+h)+4h per layer, 256 + 1 dense: 789,761 parameters)
models = {f"default ({params:,} parameters)": 3 * params, "2x256 LSTM (789,761 parameters)": 3 * 789_761}
print("\n| model | N windows | W | rounds/epoch | t_fit ms | t_sum ms | overhead share | epochs to T (source) "
      "| predicted time to T s | speedup vs W=1 |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name, values in models.items():
    for windows in (700_000, 7_000_000):
        base = None
        for w in (1, 16, 64, 256):
            rounds = math.ceil(windows / (w * B * K))
            fit = B * K / rate1
            # the larger model fits (792,833 / 5,061) times slower per sample (FLOPs scale with parameters)
            if values > 3 * params:
                fit *= values / (3 * params)
            comm = t_sum(values, w)
            e = epochs_to_t.get(w) or epochs_to_t.get(far) or epochs_to_t.get(1)
            source = "measured" if epochs_to_t.get(w) else f"W={far}'s, assumed"
            total = e * rounds * (fit + comm)
            base = base or total
            print(f"| {name} | {windows:,} | {w} | {rounds} | {fit * 1e3:.1f} | {comm * 1e3:.2f} | "
                  f"{comm / (fit + comm):.1%} | {e} ({source}) | {total:,.0f} | {base / total:.1f}x |")
