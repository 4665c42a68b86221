"""The table of bench/time-to-accuracy.sh: reads each run's model.json (epochs: examples, seconds, validation MSE)
and, where evaluated, the test MSE the evaluate step printed. Usage: time_to_accuracy_table.py WORKDIR LABEL..."""
import json
import os
import re
import sys

work, labels = sys.argv[1], sys.argv[2:]


def training(label):
    return json.load(open(f"{work}/{label}/model/model.json"))["provenance"]["training"]


def test_mse(label):
    """The trained model's test MSE from the summary `evaluate` printed (Spark's showString table)."""
    path = f"{work}/{label}-eval.log"
    if not os.path.exists(path):
        return None
    header = None
    for line in open(path):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if "model" in cells and "mse" in cells:
            header = cells
        elif header and len(cells) == len(header) and cells[header.index("model")].startswith(("lstm", "gru", "rnn")):
            return float(cells[header.index("mse")])
    return None


def settings(label):
    log = open(f"{work}/{label}.log").read()
    m = re.search(r"with (\d+) workers.*?averaging every (\d+) minibatches.*?rounds per epoch \((.*?)\)", log)
    if not m:
        return None, ""
    every = "" if m.group(2) == "20" else f", averaging every {m.group(2)}"
    r = re.match(r"(\w+); outer learning rate ([\d.]+), momentum ([\d.]+)( restarted on plateaus)?; worker learning"
                 r" rate x([\d.]+), warm-up (\d+) rounds", m.group(3))
    rule = (f"{r.group(1)}, outer {r.group(2)} / {r.group(3)}{' restarted' if r.group(4) else ''}, lr x{r.group(5)}"
            + (f", warm-up {r.group(6)}" if r.group(6) != "0" else "") + every) if r else m.group(3)
    return int(m.group(1)), rule


def reach(epochs, target):
    """(epoch, training seconds summed up to it) of the first epoch whose validation MSE <= target."""
    seconds = 0.0
    for e in epochs:
        seconds += e["seconds"]
        if e["validationMse"] <= target:
            return e["epoch"], seconds
    return None, None


runs = {label: training(label) for label in labels}
base = runs["w1"]["epochs"]
T = base[-1]["validationMse"]
_, w1_seconds = reach(base, T)
w1_test = test_mse("w1")
print(f"\nTime to accuracy ({os.uname().nodename}, {os.cpu_count()} cores): T = W=1's validation MSE after "
      f"{len(base)} epochs = {T:.6f}; 1.25 T = {1.25 * T:.6f}. Seconds: training time summed over epochs "
      "(validation passes excluded).\n")
print("| run | workers | engine, outer lr / momentum, worker lr | samples/s | epochs to T | s to T | / W=1 | epochs to 1.25 T | s to 1.25 T | "
      "best val MSE | test MSE | test / W=1 |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for label in labels:
    e = runs[label]["epochs"]
    workers, rule = settings(label)
    rate = sum(x["examples"] for x in e) / sum(x["seconds"] for x in e)
    ep, sec = reach(e, T)
    ep125, sec125 = reach(e, 1.25 * T)
    best = min(x["validationMse"] for x in e)
    tm = test_mse(label)
    ratio = f"{sec / w1_seconds:.2f}" if sec else f"not in {len(e)}"
    print(f"| {label} | {workers} | {rule} | {rate:,.0f} | {ep or '-'} | {f'{sec:.0f}' if sec else '-'} | {ratio} | "
          f"{ep125 or '-'} | {f'{sec125:.0f}' if sec125 else '-'} | {best:.6f} | "
          f"{f'{tm:.6f}' if tm else '-'} | {f'{tm / w1_test:.3f}' if tm and w1_test else '-'} |")
print("\nvalidation MSE by epoch:")
for label in labels:
    print(f"  {label}: " + " ".join(f"{x['validationMse']:.5f}" for x in runs[label]["epochs"]))
