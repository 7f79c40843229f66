#!/usr/bin/python3
"""PyTorch reference of gan4j's StyleGAN2 training step (benchmarks `stylegan`): the same networks and phases as
gan4j's StyleGanTrainer, from gan-dl4j/src/test/python/stylegan2_torch.py (the formulas its fixture checks), float32.

One iteration = G main; path length on half the batch every 4th; D main; R1 every 16th (the reference's lazy
regularization), style mixing 0.9, per-pixel noise, Adam(0.0025, 0, 0.99) corrected for lazy regularization, on
Fashion-MNIST padded to 32x32 (random images when the data are absent). Reported: per-iteration time as the median
over whole 16-iteration cycles of the cycle's time / 16 (a cycle holds 4 path-length and 1 R1 phase), after one
untimed cycle. PyTorch at its fastest setting, as ../shared/bench does: --threads OpenMP threads, OpenBLAS held to
--blas-threads, glibc's allocator tuned (re-executes itself with MALLOC_* set).

  /usr/bin/python3 benchmarks/stylegan2_ref.py --threads 1 --cycles 3
"""
import os
import sys

_TUNED_MALLOC = {"MALLOC_MMAP_THRESHOLD_": "17179869184", "MALLOC_TRIM_THRESHOLD_": "17179869184",
                 "MALLOC_TOP_PAD_": "1073741824"}
if os.environ.get("REF_DEFAULT_MALLOC") != "1" and any(os.environ.get(k) != v for k, v in _TUNED_MALLOC.items()):
    os.environ.update(_TUNED_MALLOC)
    os.execv(sys.executable, [sys.executable] + sys.argv)

import argparse
import ctypes
import gzip
import json
import math
import statistics
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--blas-threads", type=int, default=None)
    ap.add_argument("--cycles", type=int, default=3, help="timed 16-iteration cycles")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--channels", type=int, default=32)
    ap.add_argument("--w", type=int, default=64)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
    ap.add_argument("--train", type=int, default=0,
                    help="instead of timing: train this many iterations and write samples of the EMA generator")
    ap.add_argument("--samples-at", default="1", help="with --train: comma-separated iterations to write samples at")
    ap.add_argument("--ema", type=float, default=0.99, help="with --train: generator EMA decay")
    ap.add_argument("--out", default="stylegan-torch", help="with --train: folder for samples-<iteration>.idx")
    ap.add_argument("--lr", type=float, default=0.0025)
    ap.add_argument("--mbstd-group", type=int, default=4)
    ap.add_argument("--pl-weight", type=float, default=2.0)
    ap.add_argument("--mixing", type=float, default=0.9)
    args = ap.parse_args()
    blas = args.threads if args.blas_threads is None else args.blas_threads
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    os.environ["OPENBLAS_NUM_THREADS"] = str(blas)
    import torch
    torch.set_num_threads(args.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    for name in ("libopenblas.so.0", "libopenblas.so"):
        try:
            ctypes.CDLL(name).openblas_set_num_threads(blas)
            break
        except OSError:
            pass
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, "..", "gan-dl4j", "src", "test", "python"))
    import stylegan2_torch as sg

    dt = torch.float32
    torch.set_default_dtype(dt)
    a = sg.Arch(resolution=32, image_channels=1, z=args.w, w=args.w, mapping_layers=2, channel_base=4096,
                channel_max=args.channels, mbstd_group=args.mbstd_group)
    gen = torch.Generator().manual_seed(1)
    g = {k: v.requires_grad_(True) for k, v in sg.init_generator(a, gen, dt, perturb=False).items()}
    d = {k: v.requires_grad_(True) for k, v in sg.init_discriminator(a, gen, dt, perturb=False).items()}
    real_all = load(args.data, gen)
    b = args.batch

    def adam(params, interval):
        c = interval / (interval + 1)
        return torch.optim.Adam(params, lr=args.lr * c, betas=(0.0, 0.99 ** c), eps=1e-8)

    g_opt, d_opt = adam(list(g.values()), 4), adam(list(d.values()), 16)
    layers = [k for res in a.block_res for k in ((["G/b4/conv1"]) if res == 4 else [f"G/b{res}/conv0", f"G/b{res}/conv1"])]

    def inputs(n):
        cut = int(torch.randint(1, a.num_ws, [], generator=gen)) if torch.rand([], generator=gen) < args.mixing else a.num_ws
        mask = (torch.arange(a.num_ws) < cut).to(dt)
        noises = {k: torch.randn(n, 1, int(k.split("/")[1][1:]), int(k.split("/")[1][1:]), generator=gen) for k in layers}
        return torch.randn(n, a.z, generator=gen), torch.randn(n, a.z, generator=gen), mask, noises

    def step(t, pl_mean):
        real = real_all[torch.randint(0, real_all.shape[0], (b,), generator=gen)]
        g_opt.zero_grad(set_to_none=True)
        sg.generator_main(a, g, d, *inputs(b)).backward()
        g_opt.step()
        if t % 4 == 0 and args.pl_weight > 0:
            g_opt.zero_grad(set_to_none=True)
            z1, z2, mask, noises = inputs(b // 2)
            loss, _, pl_mean = sg.path_length(a, g, z1, z2, mask, noises, torch.randn(b // 2, 1, 32, 32, generator=gen),
                                              pl_mean, args.pl_weight, 4)
            loss.backward()
            g_opt.step()
        d_opt.zero_grad(set_to_none=True)
        sg.discriminator_main(a, g, d, real, *inputs(b)).backward()
        d_opt.step()
        if t % 16 == 0:
            d_opt.zero_grad(set_to_none=True)
            sg.r1(a, d, real, 0.01, 16)[0].backward()
            d_opt.step()
        return float(pl_mean)

    pl_mean = 0.0
    if args.train:
        train(args, a, g, step, sg)
        return
    for t in range(16):
        pl_mean = step(t, pl_mean)
    cycles = []
    for c in range(args.cycles):
        t0 = time.perf_counter()
        for t in range(16):
            pl_mean = step(t, pl_mean)
        cycles.append((time.perf_counter() - t0) / 16)
        print(f"# cycle {c + 1}: {cycles[-1] * 1000:.1f} ms/iteration", flush=True)
    res = {"benchmark": "stylegan", "threads": args.threads, "blas_threads": blas, "batch": b, "channels": args.channels,
           "w": args.w, "cycles": len(cycles), "sec_per_iter_median": statistics.median(cycles),
           "sec_per_iter_min": min(cycles), "torch": torch.__version__}
    print(f"stylegan threads={args.threads} batch={b} channels={args.channels}: "
          f"{res['sec_per_iter_median'] * 1000:.1f} ms/iteration (median of {len(cycles)} cycles)")
    print("RESULT " + json.dumps(res), flush=True)


def train(args, a, g, step, sg):
    """Learning curve of the reference: 2,000 EMA-generator samples (z from seed 99, fresh noise) at each requested
    iteration, their centre 28x28 as an IDX file samples-<iteration>.idx (uint8, [-1, 1] mapped to 0-255), which
    gan4j's `metrics` program scores (docs/scripts/stylegan-reference-curve.sh)."""
    import torch
    os.makedirs(args.out, exist_ok=True)
    at = {int(x) for x in args.samples_at.split(",")}
    ema = {k: v.detach().clone() for k, v in g.items()}
    zgen = torch.Generator().manual_seed(99)
    z = torch.randn(2000, a.z, generator=zgen)
    pl_mean = 0.0
    t0 = time.perf_counter()
    for t in range(1, args.train + 1):
        pl_mean = step(t - 1, pl_mean)
        with torch.no_grad():
            for k, v in g.items():
                ema[k].mul_(args.ema).add_(v.detach(), alpha=1 - args.ema)
        if t in at:
            with torch.no_grad():
                w = sg.mapping(a, ema, z)
                ws = w.unsqueeze(1).repeat(1, a.num_ws, 1)
                noises = {}
                for res in a.block_res:
                    for name in (["conv1"] if res == 4 else ["conv0", "conv1"]):
                        noises[f"G/b{res}/{name}"] = torch.randn(2000, 1, res, res, generator=zgen)
                img = sg.synthesis(a, ema, ws, noises)[:, 0, 2:30, 2:30]
            pixels = ((img.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)
            with open(os.path.join(args.out, f"samples-{t}.idx"), "wb") as f:
                f.write(bytes([0, 0, 8, 3]) + b"".join(n.to_bytes(4, "big") for n in pixels.shape) + pixels.numpy().tobytes())
            print(f"# iteration {t}: samples written ({time.perf_counter() - t0:.0f} s)", flush=True)


def load(path, gen):
    import torch
    if not os.path.exists(path):
        return torch.rand(1024, 1, 32, 32, generator=gen) * 2 - 1
    with gzip.open(path, "rb") as f:
        raw = f.read()
    n, rows, cols = int.from_bytes(raw[4:8], "big"), int.from_bytes(raw[8:12], "big"), int.from_bytes(raw[12:16], "big")
    x = torch.frombuffer(bytearray(raw[16:]), dtype=torch.uint8).reshape(n, 1, rows, cols).float() / 127.5 - 1
    padded = torch.full((n, 1, 32, 32), -1.0)
    padded[:, :, 2:30, 2:30] = x
    return padded


if __name__ == "__main__":
    main()
