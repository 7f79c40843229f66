#!/usr/bin/python3
"""Writes ../resources/fixtures/small_cyclegan_gradients.json: a small CycleGAN in PyTorch (float64) with gan4j's
layer pattern (conv, instance norm with and without affine part, a residual block, transposed conv, PatchGAN
discriminators), its weights, one batch of each domain, and
  generator phase: L = mse(D_Y(G(x)), 1) + mse(D_X(F(y)), 1) + 10 (|F(G(x)) - x| + |G(F(y)) - y|)
                       + 5 (|G(y) - y| + |F(x) - x|)   (means), gradients w.r.t. G's and F's weights;
  discriminator phase on fake_y = G(x), fake_x = F(y) (detached):
                   L = 0.5 mse(D_X(x), 1) + 0.5 mse(D_X(fake_x), 0) + the same for D_Y, gradients w.r.t. D_X, D_Y;
  a 12-step trajectory with Adam(2e-4, 0.5, 0.999): generator step, then discriminator step on the translations of
  that step's forward pass (no image pool).
Layouts are PyTorch's; the Java test converts them. Run with Debian's interpreter:
/usr/bin/python3 small_cyclegan_gradients.py
"""
import copy
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(4321)
torch.set_default_dtype(torch.float64)
B = 3
CYCLE, IDENTITY = 10.0, 5.0


class Translator(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 4, 3, 1, 1, bias=False)
        self.c2 = nn.Conv2d(4, 8, 3, 2, 1, bias=False)
        self.n2 = nn.InstanceNorm2d(8, affine=True)
        self.r1 = nn.Conv2d(8, 8, 3, 1, 1, bias=False)
        self.r2 = nn.Conv2d(8, 8, 3, 1, 1, bias=False)
        self.up = nn.ConvTranspose2d(8, 4, 4, 2, 1, bias=False)
        self.out = nn.Conv2d(4, 1, 3, 1, 1, bias=True)

    def forward(self, x):
        h = F.relu(F.instance_norm(self.c1(x)))
        h = F.relu(self.n2(self.c2(h)))
        h = h + F.instance_norm(self.r2(F.relu(F.instance_norm(self.r1(h)))))
        h = F.relu(F.instance_norm(self.up(h)))
        return torch.tanh(self.out(h))


class Patch(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 4, 4, 2, 1, bias=True)
        self.c2 = nn.Conv2d(4, 8, 4, 2, 1, bias=False)
        self.c3 = nn.Conv2d(8, 1, 3, 1, 1, bias=True)

    def forward(self, x):
        h = F.leaky_relu(self.c1(x), 0.2)
        h = F.leaky_relu(F.instance_norm(self.c2(h)), 0.2)
        return self.c3(h)


g, f, dx, dy = Translator(), Translator(), Patch(), Patch()
with torch.no_grad():
    for t in (g, f):
        t.n2.weight.uniform_(0.5, 1.5)
        t.n2.bias.uniform_(-0.2, 0.2)
x = torch.rand(B, 1, 8, 8) * 2 - 1
y = torch.rand(B, 1, 8, 8) * 2 - 1


def mse(a, target):
    return ((a - target) ** 2).mean()


def generator_terms(g, f, dx, dy):
    fake_y, fake_x = g(x), f(y)
    rec_x, rec_y = f(fake_y), g(fake_x)
    adv_xy, adv_yx = mse(dy(fake_y), 1.0), mse(dx(fake_x), 1.0)
    cycle_x, cycle_y = (rec_x - x).abs().mean(), (rec_y - y).abs().mean()
    identity = (g(y) - y).abs().mean() + (f(x) - x).abs().mean()
    total = adv_xy + adv_yx + CYCLE * (cycle_x + cycle_y) + IDENTITY * identity
    return total, dict(adversarial_xy=adv_xy, adversarial_yx=adv_yx, cycle_x=cycle_x, cycle_y=cycle_y,
                       identity=identity), fake_x.detach(), fake_y.detach()


def discriminator_terms(dx, dy, fake_x, fake_y):
    lx = 0.5 * mse(dx(x), 1.0) + 0.5 * mse(dx(fake_x), 0.0)
    ly = 0.5 * mse(dy(y), 1.0) + 0.5 * mse(dy(fake_y), 0.0)
    return lx + ly, dict(discriminator_x=lx, discriminator_y=ly)


total_g, terms_g, fake_x, fake_y = generator_terms(g, f, dx, dy)
gen_params = list(g.parameters()) + list(f.parameters())
grads_gen = torch.autograd.grad(total_g, gen_params)
total_d, terms_d = discriminator_terms(dx, dy, fake_x, fake_y)
disc_params = list(dx.parameters()) + list(dy.parameters())
grads_disc = torch.autograd.grad(total_d, disc_params)

tg, tf, tdx, tdy = (copy.deepcopy(m) for m in (g, f, dx, dy))
opt_gen = torch.optim.Adam(list(tg.parameters()) + list(tf.parameters()), lr=2e-4, betas=(0.5, 0.999))
opt_disc = torch.optim.Adam(list(tdx.parameters()) + list(tdy.parameters()), lr=2e-4, betas=(0.5, 0.999))
trajectory = []
for _ in range(12):
    opt_gen.zero_grad()
    lg, _, fx, fy = generator_terms(tg, tf, tdx, tdy)
    lg.backward()
    opt_gen.step()
    opt_disc.zero_grad()
    ld, _ = discriminator_terms(tdx, tdy, fx, fy)
    ld.backward()
    opt_disc.step()
    trajectory.append([float(lg), float(ld)])


def flat(t):
    return {"shape": list(t.shape), "values": [float(v) for v in t.detach().reshape(-1)]}


def named(module, grads=None):
    names = [n for n, _ in module.named_parameters()]
    values = [p for _, p in module.named_parameters()] if grads is None else grads
    return {n: flat(v) for n, v in zip(names, values)}


ng = len(list(g.parameters()))
nd = len(list(dx.parameters()))
out = {
    "x": flat(x), "y": flat(y), "fake_x": flat(fake_x), "fake_y": flat(fake_y),
    "generator_loss": float(total_g), "discriminator_loss": float(total_d),
    "terms": {k: float(v) for k, v in {**terms_g, **terms_d}.items()},
    "g": named(g), "f": named(f), "dx": named(dx), "dy": named(dy),
    "grad_g": named(g, grads_gen[:ng]), "grad_f": named(f, grads_gen[ng:]),
    "grad_dx": named(dx, grads_disc[:nd]), "grad_dy": named(dy, grads_disc[nd:]),
    "trajectory": trajectory,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures",
                    "small_cyclegan_gradients.json")
with open(path, "w") as fh:
    json.dump(out, fh)
print("wrote", path, "generator", float(total_g), "discriminator", float(total_d))
