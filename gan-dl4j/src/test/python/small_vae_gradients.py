#!/usr/bin/python3
"""Writes ../resources/fixtures/small_vae_gradients.json: a small VAE in PyTorch (float64) with gan4j's layer pattern
(encoder conv 3x3 -> leaky ReLU 0.2 -> flatten -> dense 10 -> tanh -> head dense 2L, L = 3; decoder dense 12 -> ReLU
-> dense 36 -> reshape 1x6x6), its weights, one batch x in [0, 1], one noise draw eps, and for each likelihood
  z = mu + exp(logvar / 2) * eps,
  reconstruction = -mean_b log p(x_b | z_b)     (log p summed over the 36 values of a sample)
  kl = mean_b 0.5 * sum_j (mu^2 + exp(logvar) - 1 - logvar)
  negative_elbo = reconstruction + kl, loss = reconstruction + beta * kl   (beta = 0.7)
with the gradients of loss w.r.t. every encoder and decoder weight (and the learned log-variance), and a 6-step Adam
(1e-3, 0.9, 0.999) trajectory on the same batch and noise. Likelihoods:
  bernoulli:      log p = -binary_cross_entropy_with_logits(decoded, x), summed
  gaussian_fixed: log p = -0.5 * sum((x - decoded)^2 / 0.25 + log 0.25 + log 2 pi)     (sigma = 0.5)
  gaussian_learned: the same with log sigma^2 a parameter, starting at 0.3 here.
Layouts are PyTorch's; the Java test converts them. Run with Debian's interpreter:
/usr/bin/python3 small_vae_gradients.py
"""
import copy
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(2718)
torch.set_default_dtype(torch.float64)
B, L, BETA = 4, 3, 0.7


class Vae(nn.Module):
    def __init__(self, learned):
        super().__init__()
        self.conv = nn.Conv2d(1, 3, 3, 1, 1)
        self.hidden = nn.Linear(3 * 6 * 6, 10)
        self.head = nn.Linear(10, 2 * L)
        self.d1 = nn.Linear(L, 12)
        self.d2 = nn.Linear(12, 36)
        self.log_variance = nn.Parameter(torch.tensor([0.3])) if learned else None

    def forward(self, x, eps):
        h = F.leaky_relu(self.conv(x), 0.2).reshape(x.shape[0], -1)
        h = self.head(torch.tanh(self.hidden(h)))
        mu, logvar = h[:, :L], h[:, L:]
        z = mu + torch.exp(0.5 * logvar) * eps
        decoded = self.d2(F.relu(self.d1(z))).reshape(x.shape[0], 1, 6, 6)
        kl = 0.5 * (mu ** 2 + logvar.exp() - 1 - logvar).sum(1)
        return decoded, kl


def log_likelihood(kind, model, decoded, x):
    if kind == "bernoulli":
        return -F.binary_cross_entropy_with_logits(decoded, x, reduction="none").sum((1, 2, 3))
    logvar = model.log_variance if kind == "gaussian_learned" else torch.tensor([math.log(0.25)])
    terms = (x - decoded) ** 2 * torch.exp(-logvar) + logvar + math.log(2 * math.pi)
    return -0.5 * terms.sum((1, 2, 3))


def terms(kind, model, x, eps):
    decoded, kl = model(x, eps)
    reconstruction = -log_likelihood(kind, model, decoded, x).mean()
    kl = kl.mean()
    return reconstruction + BETA * kl, reconstruction, kl


def flat(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.detach().reshape(-1)]}


x = torch.rand(B, 1, 6, 6)
eps = torch.randn(B, L)
out = {"x": flat(x), "epsilon": flat(eps), "beta": BETA, "cases": {}}
base = Vae(False)
for kind in ("bernoulli", "gaussian_fixed", "gaussian_learned"):
    model = Vae(kind == "gaussian_learned")
    model.load_state_dict(base.state_dict(), strict=False)
    loss, reconstruction, kl = terms(kind, model, x, eps)
    names = [n for n, _ in model.named_parameters()]
    grads = torch.autograd.grad(loss, list(model.parameters()))
    trained = copy.deepcopy(model)
    opt = torch.optim.Adam(trained.parameters(), lr=1e-3, betas=(0.9, 0.999))
    trajectory = []
    for _ in range(6):
        opt.zero_grad()
        step_loss = terms(kind, trained, x, eps)[0]
        step_loss.backward()
        opt.step()
        trajectory.append(float(step_loss))
    out["cases"][kind] = {
        "loss": float(loss), "reconstruction": float(reconstruction), "kl": float(kl),
        "negative_elbo": float(reconstruction + kl),
        "params": {n: flat(p) for n, p in model.named_parameters()},
        "grads": {n: flat(g) for n, g in zip(names, grads)},
        "trajectory": trajectory,
    }
    print(kind, float(loss), float(reconstruction), float(kl))
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "small_vae_gradients.json")
with open(path, "w") as fh:
    json.dump(out, fh)
print("wrote", path)
