"""Fixture for SpectralNormFixtureTest: three consecutive SGD steps of a small network whose conv, transposed conv
and dense layers are wrapped in torch.nn.utils.spectral_norm (one power iteration per forward pass, eps 1e-12),
float64. Records the initial weights and u vectors, the input, and per step: the loss, sigma of every layer (with
the u, v of that step's power iteration and the weight before the update), u after the iteration, and every
parameter gradient.

Run: /usr/bin/python3 spectral_norm_steps.py > ../resources/fixtures/spectral_norm_steps.json
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

torch.manual_seed(2018)
torch.set_default_dtype(torch.float64)

conv = spectral_norm(nn.Conv2d(2, 3, 3, 1, 1))
deconv = spectral_norm(nn.ConvTranspose2d(3, 2, 4, 2, 1))
fc = spectral_norm(nn.Linear(2 * 12 * 12, 1))
layers = {"conv": conv, "deconv": deconv, "fc": fc}
x = torch.randn(3, 2, 6, 6)
c = torch.randn(3, 1)
LR = 0.1


def tensor(t):
    return {"shape": list(t.shape), "values": t.detach().reshape(-1).tolist()}


def forward():
    h = F.leaky_relu(conv(x), 0.2)
    h = F.leaky_relu(deconv(h), 0.2)
    return fc(h.flatten(1))


def matrix(name, layer):
    w = layer.weight_orig
    if name == "deconv":
        w = w.transpose(0, 1)
    return w.reshape(w.shape[0], -1)


fixture = {
    "lr": LR,
    "x": tensor(x),
    "c": tensor(c),
    "initial": {n: {"weight": tensor(l.weight_orig), "bias": tensor(l.bias), "u": tensor(l.weight_u)}
                for n, l in layers.items()},
    "steps": [],
}
for step in range(3):
    for l in layers.values():
        l.zero_grad()
    loss = (forward() * c).sum()
    loss.backward()
    record = {"loss": loss.item(), "layers": {}}
    with torch.no_grad():
        for n, l in layers.items():
            sigma = torch.dot(l.weight_u, matrix(n, l) @ l.weight_v)
            record["layers"][n] = {"sigma": sigma.item(), "u": tensor(l.weight_u),
                                   "grad_weight": tensor(l.weight_orig.grad), "grad_bias": tensor(l.bias.grad)}
        for l in layers.values():
            l.weight_orig -= LR * l.weight_orig.grad
            l.bias -= LR * l.bias.grad
    fixture["steps"].append(record)
print(json.dumps(fixture))
