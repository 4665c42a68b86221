#!/usr/bin/python3
"""Generates the PyTorch reference fixtures for the bidirectional wrapper over the fused LSTM and GRU.

Run from the repository root with Debian's python3 (torch 1.13):
  /usr/bin/python3 bench/torch_reference_bidirectional.py
Writes src/test/resources/fixtures/rnn/{bilstm,bigru}.json: a one-layer torch.nn.LSTM / GRU with
bidirectional=True and fixed random weights (PyTorch layout: the forward direction's weight_ih_l0 ..., the
backward direction's weight_ih_l0_reverse ...), an input [B, T, nIn] (batch first), the output sequence
[B, T, 2H] (forward h, then backward h, per step), and for trailing padding (lengths) the output of the packed
sequence padded back with zeros (pad_packed_sequence), all computed in float64.
"""
import json
import os

import torch

from torch_reference import random_layer, run

OUT = "src/test/resources/fixtures/rnn"
N_IN, H, B, T = 3, 4, 4, 6
LENGTHS = [6, 4, 1, 5]


def weights(m, suffix):
    return {
        "weight_ih" + suffix: getattr(m, "weight_ih_l0" + suffix).tolist(),
        "weight_hh" + suffix: getattr(m, "weight_hh_l0" + suffix).tolist(),
        "bias_ih" + suffix: getattr(m, "bias_ih_l0" + suffix).tolist(),
        "bias_hh" + suffix: getattr(m, "bias_hh_l0" + suffix).tolist(),
    }


def main():
    torch.manual_seed(20261204)
    os.makedirs(OUT, exist_ok=True)
    for name, cls in (("lstm", torch.nn.LSTM), ("gru", torch.nn.GRU)):
        m, x = random_layer(cls, N_IN, H, B, T, bidirectional=True)
        y, (y_packed, _) = run(m, x, LENGTHS)
        y_padded, _ = torch.nn.utils.rnn.pad_packed_sequence(y_packed, batch_first=True, total_length=T)
        fixture = {"cell": name, "nIn": N_IN, "hidden": H, "batch": B, "steps": T,
                   "torch_version": torch.__version__}
        fixture.update(weights(m, ""))
        fixture.update(weights(m, "_reverse"))
        fixture.update({"input": x.tolist(), "output": y.tolist(), "lengths": LENGTHS,
                        "output_packed": y_padded.tolist()})
        with open(os.path.join(OUT, "bi" + name + ".json"), "w") as f:
            json.dump(fixture, f, indent=1)
        print("wrote bi" + name, "output[0][0] =", y[0, 0, :3].tolist())


if __name__ == "__main__":
    main()
