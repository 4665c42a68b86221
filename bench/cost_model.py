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
# 2 peers on loopback: t(V) = 2 (a0 + m) + 2 * (1/2) * 8 V / bw0. The bandwidth from the two largest sizes'
# difference, the fixed part from the smallest size (a least-squares line is dominated by the large sizes and
# makes the fixed part vanish).
peersum.sort(key=lambda r: r[1])
(_, v_small, t_small), (_, v_a, t_a), (_, v_b, t_b) = peersum[0], peersum[-2], peersum[-1]
slope = (t_b - t_a) * 1e-6 / (v_b - v_a)          # seconds per summed double, 2 peers
loopback_bw = 8 / slope                            # bytes/s each peer moves (it sends V/2 twice: 8V/2*2 bytes)
fixed = max(0.0, t_small * 1e-6 - slope * v_small)
per_message = fixed / 2                            # a0 + m on loopback, per step
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
for label, w in (("w1", 1), ("w2-diloco", 2), ("w4-chosen", 4), ("w8-chosen", 8), ("w16-chosen", 16)):
    try:
        e = training(label)["epochs"]
        epochs_to_t[w] = (reach(e, T), len(e))
    except FileNotFoundError:
        pass
print("\nepochs to T measured (the default rule): " + ", ".join(
    f"W={w}: {e if e else f'not in {n}'}" for w, (e, n) in epochs_to_t.items()))


def t_sum(values, w):
    if w == 1:
        return 0.0
    return 2 * (LATENCY + (w - 1) * per_message + (w - 1) / w * 8 * values / BANDWIDTH)


# V: parameters and Adam's two moments of the default model (model.json's count), and of a larger model for scale
# (2 x 256 LSTM, layers laid out as here: 4h(n+h)+4h per layer, 256 + 1 dense: 789,761 parameters)
models = {f"default ({params:,} parameters)": 3 * params, "2x256 LSTM (789,761 parameters)": 3 * 789_761}
print("\nPredicted for a cluster of W one-core workers. Epoch time is what the systems side decides; time to T "
      "multiplies it by the epochs to T, measured where this run measured it (W <= 16 logical workers on this "
      "machine) and otherwise not predicted: convergence beyond 16 workers was not measured.\n")
print("| model | N windows | W | rounds/epoch | t_fit ms | t_sum ms | exchange share | epoch s | epochs to T "
      "| time to T s | speedup to T vs W=1 |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for name, values in models.items():
    for windows in (700_000, 7_000_000):
        base = None
        for w in (1, 16, 64, 256):
            rounds = math.ceil(windows / (w * B * K))
            fit = B * K / rate1
            # the larger model fits (789,761 / default) times slower per sample (FLOPs scale with parameters)
            if values > 3 * params:
                fit *= values / (3 * params)
            comm = t_sum(values, w)
            epoch = rounds * (fit + comm)
            e, n = epochs_to_t.get(w, (None, None))
            if w == 1:
                base = e * epoch
            if e:
                total, speed, shown = e * epoch, f"{base / (e * epoch):.1f}x", f"{e} (measured)"
            else:
                total, speed = None, "-"
                shown = f"not reached in {n} (measured)" if n else "not measured"
            print(f"| {name} | {windows:,} | {w} | {rounds} | {fit * 1e3:.1f} | {comm * 1e3:.2f} | "
                  f"{comm / (fit + comm):.1%} | {epoch:,.1f} | {shown} | {f'{total:,.0f}' if total else '-'} | {speed} |")
