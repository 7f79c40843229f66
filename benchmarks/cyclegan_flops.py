#!/usr/bin/python3
"""FLOPs of one CycleGAN iteration of ../shared/bench/cyclegan_ref.py (its networks and step, batch 8 per domain),
counted with ../shared/bench/flops.py's dispatch counter (convolutions forward and backward, FLOPs = 2 * MACs).

  /usr/bin/python3 benchmarks/cyclegan_flops.py [--bench ../shared/bench] [--batch 8]

The figure goes into CycleGanBenchmark.GFLOP_PER_ITERATION (the achieved rate is stated against the GEMM peak).
"""
import argparse
import itertools
import os
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--bench", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench"))
ap.add_argument("--batch", type=int, default=8)
args = ap.parse_args()
sys.path.insert(0, os.path.abspath(args.bench))
sys.argv = sys.argv[:1]

import torch  # noqa: E402
import torch.nn.functional as nnf  # noqa: E402
from cyclegan_ref import build_cyclegan, set_requires_grad  # noqa: E402
from flops import count  # noqa: E402

torch.manual_seed(0)
g, f, dx, dy = build_cyclegan(16, 3)
opt_g = torch.optim.Adam(itertools.chain(g.parameters(), f.parameters()), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(itertools.chain(dx.parameters(), dy.parameters()), lr=2e-4, betas=(0.5, 0.999))
B = args.batch
ones, zeros = torch.ones(B, 1, 7, 7), torch.zeros(B, 1, 7, 7)


def iteration():
    x, y = torch.rand(B, 1, 28, 28) * 2 - 1, torch.rand(B, 1, 28, 28) * 2 - 1
    fake_y = g(x)
    rec_x = f(fake_y)
    fake_x = f(y)
    rec_y = g(fake_x)
    set_requires_grad((dx, dy), False)
    opt_g.zero_grad()
    loss_g = nnf.mse_loss(dy(fake_y), ones) + nnf.mse_loss(dx(fake_x), ones) \
        + 10 * (nnf.l1_loss(rec_x, x) + nnf.l1_loss(rec_y, y))
    loss_g.backward()
    opt_g.step()
    set_requires_grad((dx, dy), True)
    opt_d.zero_grad()
    (0.5 * (nnf.mse_loss(dy(y), ones) + nnf.mse_loss(dy(fake_y.detach()), zeros))).backward()
    (0.5 * (nnf.mse_loss(dx(x), ones) + nnf.mse_loss(dx(fake_x.detach()), zeros))).backward()
    opt_d.step()


parts, total = count(iteration)
for k, v in sorted(parts.items()):
    print(f"   {k:18s} {v / 1e9:8.4f} GFLOP")
print(f"CycleGAN iteration, batch {B} per domain: {total / 1e9:.4f} GFLOP")
