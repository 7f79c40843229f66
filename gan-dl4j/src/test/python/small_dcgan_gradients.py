#!/usr/bin/python3
"""Writes ../resources/fixtures/small_dcgan_gradients.json: a small DCGAN-shaped GAN in PyTorch (float64), its
weights, one real batch, two latent batches, and the non-saturating losses with their gradients:
  D phase: lossD = BCEwL(D(real), 1) + BCEwL(D(G(z_d)), 0), gradients w.r.t. D's weights
  G phase: lossG = BCEwL(D(G(z_g)), 1), gradients w.r.t. G's weights
Both networks in train mode (batch statistics). Layouts are PyTorch's; the Java test converts them.
Run with Debian's interpreter: /usr/bin/python3 small_dcgan_gradients.py
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(1234)
torch.set_default_dtype(torch.float64)
B, NZ = 6, 8


class G(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(NZ, 4 * 7 * 7, bias=False)
        self.bn0 = nn.BatchNorm2d(4)
        self.up1 = nn.ConvTranspose2d(4, 3, 4, 2, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(3)
        self.up2 = nn.ConvTranspose2d(3, 1, 4, 2, 1, bias=True)

    def forward(self, z):
        h = F.relu(self.bn0(self.fc(z).view(-1, 4, 7, 7)))
        h = F.relu(self.bn1(self.up1(h)))
        return torch.tanh(self.up2(h))


class D(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 4, 4, 2, 1, bias=True)
        self.c2 = nn.Conv2d(4, 8, 4, 2, 1, bias=False)
        self.bn = nn.BatchNorm2d(8)
        self.fc = nn.Linear(8 * 7 * 7, 1)

    def forward(self, x):
        h = F.leaky_relu(self.c1(x), 0.2)
        h = F.leaky_relu(self.bn(self.c2(h)), 0.2)
        return self.fc(h.flatten(1))


g, d = G(), D()
with torch.no_grad():  # non-trivial batch-norm affine parameters
    for bn in (g.bn0, g.bn1, d.bn):
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.2, 0.2)
g.train(); d.train()
real = torch.rand(B, 1, 28, 28) * 2 - 1
z_d = torch.randn(B, NZ)
z_g = torch.randn(B, NZ)
bce = F.binary_cross_entropy_with_logits
ones, zeros = torch.ones(B, 1), torch.zeros(B, 1)

loss_d = bce(d(real), ones) + bce(d(g(z_d)), zeros)
grads_d = torch.autograd.grad(loss_d, list(d.parameters()))
loss_g = bce(d(g(z_g)), ones)
grads_g = torch.autograd.grad(loss_g, list(g.parameters()))


# 30 training steps on the same batches (the Java test replays them through its phases and optimizers):
# D step on (real, z_d), then G step on z_g, Adam(2e-4, 0.5, 0.999) each; BN running statistics not used.
opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
g_train, d_train = G(), D()
g_train.load_state_dict(g.state_dict()); d_train.load_state_dict(d.state_dict())
opt_d = torch.optim.Adam(d_train.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_g = torch.optim.Adam(g_train.parameters(), lr=2e-4, betas=(0.5, 0.999))
trajectory = []
for _ in range(30):
    opt_d.zero_grad()
    ld = bce(d_train(real), ones) + bce(d_train(g_train(z_d).detach()), zeros)
    ld.backward()
    opt_d.step()
    opt_g.zero_grad()
    lg = bce(d_train(g_train(z_g)), ones)
    lg.backward()
    opt_g.step()
    trajectory.append([float(ld), float(lg)])


def flat(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.detach().reshape(-1)]}


out = {
    "real": flat(real), "z_d": flat(z_d), "z_g": flat(z_g),
    "loss_d": float(loss_d), "loss_g": float(loss_g), "trajectory": trajectory,
    "g": {n: flat(p) for n, p in g.named_parameters()},
    "d": {n: flat(p) for n, p in d.named_parameters()},
    "grad_d": {n: flat(x) for (n, _), x in zip(d.named_parameters(), grads_d)},
    "grad_g": {n: flat(x) for (n, _), x in zip(g.named_parameters(), grads_g)},
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures",
                    "small_dcgan_gradients.json")
with open(path, "w") as f:
    json.dump(out, f)
print("wrote", path, "loss_d", float(loss_d), "loss_g", float(loss_g))
