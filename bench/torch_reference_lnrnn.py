#!/usr/bin/python3
"""PyTorch reference for the fused layer-normalised simple RNN (Géron's LNSimpleRNNCell).

Run from the repository root with Debian's python3 (torch 1.13):  /usr/bin/python3 bench/torch_reference_lnrnn.py
Writes src/test/resources/fixtures/rnn/lnrnn.json, all in float64.

The weights are those of a torch.nn.RNNCell, but the cell is not called: RNNCell applies tanh itself, while
Géron's cell normalises the linear combination first. So each step is written out from the same parameters:
    a_t = F.linear(x_t, weight_ih, bias_ih) + F.linear(h_{t-1}, weight_hh, bias_hh)
    h_t = tanh(LayerNorm(a_t))        with nn.LayerNorm(H, eps=1e-3): Keras' LayerNormalization default epsilon,
                                      which the Java layer uses too (PyTorch's own default is 1e-5)
The fixture holds the parameters, an input [B, T, nIn], the output sequence [B, T, H], the gradients of
loss = sum(output * upstream) for a fixed random upstream [B, T, H] (parameters and input), and the state after the
first `lengths[b]` steps of each sequence (the masked last-step case).
"""
import json
import os

import torch
import torch.nn.functional as F

OUT = "src/test/resources/fixtures/rnn"
N_IN, H, B, T = 3, 5, 4, 7
EPS = 1e-3
LENGTHS = [7, 5, 2, 6]


def run(cell, norm, x):
    h = torch.zeros(x.shape[0], H, dtype=torch.float64)
    states = []
    for t in range(x.shape[1]):
        a = F.linear(x[:, t], cell.weight_ih, cell.bias_ih) + F.linear(h, cell.weight_hh, cell.bias_hh)
        h = torch.tanh(norm(a))
        states.append(h)
    return torch.stack(states, dim=1)


def main():
    torch.manual_seed(20240610)
    os.makedirs(OUT, exist_ok=True)
    cell = torch.nn.RNNCell(N_IN, H, nonlinearity="tanh").double()
    norm = torch.nn.LayerNorm(H, eps=EPS).double()
    with torch.no_grad():
        for p in cell.parameters():
            p.uniform_(-0.8, 0.8)
        norm.weight.uniform_(0.5, 1.5)
        norm.bias.uniform_(-0.3, 0.3)
    x = (torch.rand(B, T, N_IN, dtype=torch.float64) * 2 - 1).requires_grad_(True)
    upstream = torch.rand(B, T, H, dtype=torch.float64) - 0.5
    y = run(cell, norm, x)
    (y * upstream).sum().backward()
    with torch.no_grad():
        last = torch.stack([run(cell, norm, x[b:b + 1, :LENGTHS[b]])[0, -1] for b in range(B)])
    fixture = {
        "cell": "lnrnn", "nIn": N_IN, "hidden": H, "batch": B, "steps": T, "epsilon": EPS,
        "torch_version": torch.__version__,
        "weight_ih": cell.weight_ih.tolist(), "weight_hh": cell.weight_hh.tolist(),
        "bias_ih": cell.bias_ih.tolist(), "bias_hh": cell.bias_hh.tolist(),
        "gamma": norm.weight.tolist(), "beta": norm.bias.tolist(),
        "input": x.tolist(), "output": y.tolist(), "upstream": upstream.tolist(),
        "grad_weight_ih": cell.weight_ih.grad.tolist(), "grad_weight_hh": cell.weight_hh.grad.tolist(),
        "grad_bias": cell.bias_ih.grad.tolist(), "grad_gamma": norm.weight.grad.tolist(),
        "grad_beta": norm.bias.grad.tolist(), "grad_input": x.grad.tolist(),
        "lengths": LENGTHS, "last_hidden_packed": last.tolist(),
    }
    assert torch.equal(cell.bias_ih.grad, cell.bias_hh.grad)
    with open(os.path.join(OUT, "lnrnn.json"), "w") as f:
        json.dump(fixture, f, indent=1)
    print("wrote lnrnn, output[0][0] =", y[0, 0, :3].tolist())


if __name__ == "__main__":
    main()
