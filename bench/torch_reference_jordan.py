#!/usr/bin/python3
"""PyTorch reference for the fused Jordan layer (model.cell = jordan), an independent loop written for the test.

Run from the repository root with Debian's python3 (torch 1.13):  /usr/bin/python3 bench/torch_reference_jordan.py
Writes src/test/resources/fixtures/rnn/jordan.json, all in float64.

PyTorch has no Jordan cell, so each step is written out with three nn.Linear layers:
    h_t = tanh(w(x_t) + u(y_{t-1}))      w: Linear(nIn, hidden), u: Linear(out, hidden) (its bias folds into w's)
    y_t = v(h_t)                         v: Linear(hidden, out)
    y_0 = 0
and autograd backpropagates through the fed-back y (nothing is detached). The fixture holds the parameters, an
input [B, T, nIn], the output sequence y [B, T, out], the gradients of loss = sum(y * upstream) for a fixed random
upstream [B, T, out] (every parameter and the input), and y after the first `lengths[b]` steps of each sequence
(the masked last-step case).
"""
import json
import os

import torch

OUT = "src/test/resources/fixtures/rnn"
N_IN, HIDDEN, N_OUT, B, T = 3, 5, 2, 4, 7
LENGTHS = [7, 5, 2, 6]


def run(w, u, v, x):
    y = torch.zeros(x.shape[0], N_OUT, dtype=torch.float64)
    outputs = []
    for t in range(x.shape[1]):
        h = torch.tanh(w(x[:, t]) + u(y))
        y = v(h)
        outputs.append(y)
    return torch.stack(outputs, dim=1)


def main():
    torch.manual_seed(20261206)
    os.makedirs(OUT, exist_ok=True)
    w = torch.nn.Linear(N_IN, HIDDEN).double()
    u = torch.nn.Linear(N_OUT, HIDDEN).double()
    v = torch.nn.Linear(HIDDEN, N_OUT).double()
    with torch.no_grad():
        for m in (w, u, v):
            for p in m.parameters():
                p.uniform_(-0.9, 0.9)
    x = (torch.rand(B, T, N_IN, dtype=torch.float64) * 2 - 1).requires_grad_(True)
    upstream = torch.rand(B, T, N_OUT, dtype=torch.float64) - 0.5
    y = run(w, u, v, x)
    (y * upstream).sum().backward()
    with torch.no_grad():
        last = torch.stack([run(w, u, v, x[b:b + 1, :LENGTHS[b]])[0, -1] for b in range(B)])
    assert torch.equal(w.bias.grad, u.bias.grad)
    fixture = {
        "cell": "jordan", "nIn": N_IN, "hidden": HIDDEN, "nOut": N_OUT, "batch": B, "steps": T,
        "torch_version": torch.__version__,
        "w_weight": w.weight.tolist(), "w_bias": w.bias.tolist(), "u_weight": u.weight.tolist(),
        "u_bias": u.bias.tolist(), "v_weight": v.weight.tolist(), "v_bias": v.bias.tolist(),
        "input": x.tolist(), "output": y.tolist(), "upstream": upstream.tolist(),
        "grad_w_weight": w.weight.grad.tolist(), "grad_u_weight": u.weight.grad.tolist(),
        "grad_bias": w.bias.grad.tolist(), "grad_v_weight": v.weight.grad.tolist(),
        "grad_v_bias": v.bias.grad.tolist(), "grad_input": x.grad.tolist(),
        "lengths": LENGTHS, "last_output_packed": last.tolist(),
    }
    with open(os.path.join(OUT, "jordan.json"), "w") as f:
        json.dump(fixture, f, indent=1)
    print("wrote jordan, output[0][0] =", y[0, 0].tolist(), "output[0][-1] =", y[0, -1].tolist())


if __name__ == "__main__":
    main()
