#!/usr/bin/python3
"""Generates the PyTorch reference fixtures for the fused RNN layer tests.

Run from the repository root with Debian's python3 (torch 1.13):  /usr/bin/python3 bench/torch_reference.py
Writes src/test/resources/fixtures/rnn/{lstm,gru,rnn}.json, each with fixed random weights (PyTorch layout),
an input [B, T, nIn] (batch first), the full output sequence [B, T, H], sequence lengths for a trailing-padding
case and the final hidden state of each padded sequence (pack_padded_sequence), all computed in float64.
"""
import json
import os

import torch

OUT = "src/test/resources/fixtures/rnn"
N_IN, H, B, T = 3, 5, 4, 7
LENGTHS = [7, 5, 2, 6]


def random_layer(cls, n_in, h, b, t, **kw):
    """A one-layer float64 module with weights ~ U(-0.8, 0.8) and an input [b, t, n_in] ~ U(-1, 1)."""
    m = cls(n_in, h, num_layers=1, batch_first=True, **kw).double()
    with torch.no_grad():
        for p in m.parameters():
            p.uniform_(-0.8, 0.8)
    return m, torch.rand(b, t, n_in, dtype=torch.float64) * 2 - 1


def run(m, x, lengths):
    """The output of x, and the (output, final state) of x packed to the given lengths (trailing padding)."""
    with torch.no_grad():
        y, _ = m(x)
        packed = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), batch_first=True,
                                                         enforce_sorted=False)
        return y, m(packed)


def main():
    torch.manual_seed(20240601)
    os.makedirs(OUT, exist_ok=True)
    for name, cls in (("lstm", torch.nn.LSTM), ("gru", torch.nn.GRU), ("rnn", torch.nn.RNN)):
        kw = {"nonlinearity": "tanh"} if name == "rnn" else {}
        m, x = random_layer(cls, N_IN, H, B, T, **kw)
        y, (_, hn) = run(m, x, LENGTHS)
        if name == "lstm":
            hn = hn[0]
        fixture = {
            "cell": name, "nIn": N_IN, "hidden": H, "batch": B, "steps": T,
            "torch_version": torch.__version__,
            "weight_ih": m.weight_ih_l0.tolist(), "weight_hh": m.weight_hh_l0.tolist(),
            "bias_ih": m.bias_ih_l0.tolist(), "bias_hh": m.bias_hh_l0.tolist(),
            "input": x.tolist(), "output": y.tolist(),
            "lengths": LENGTHS, "last_hidden_packed": hn[0].tolist(),
        }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(fixture, f, indent=1)
        print("wrote", name, "output[0][0] =", y[0, 0, :3].tolist())


if __name__ == "__main__":
    main()
