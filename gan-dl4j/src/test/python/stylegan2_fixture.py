#!/usr/bin/python3
"""Writes ../resources/fixtures/stylegan2.json: a tiny StyleGAN2 (stylegan2_torch.py; 8x8 images with 3 channels,
z = w = 5, 2 mapping layers, channels 8 at 4x4 and 4 at 8x8, minibatch-stddev groups of 2, batch 4) in float64:

  weights   every parameter in gan4j's layout (biases, affine biases and noise strengths perturbed off their
            initial values so that every term is exercised);
  forward   the mapping's w, the synthesis block outputs and images (toRGB skip sums), the image, the minibatch
            stddev output and the discriminator's logits for one set of inputs;
  grads     parameter gradients of the four losses of training/loss.py: G main (softplus(-D(G(z)))), D main
            (softplus(D(G(z))) + softplus(-D(x))), R1 (gamma/2 * sum |grad_x D(x)|^2, times the interval) and the
            path length penalty (weight * (|J^T y| - a)^2 with a the updated running mean, times the interval;
            double backprop), with the R1 penalties and the path lengths;
  trajectory ten alternating steps (G main; G path length every 2nd step on half the batch; D main; R1 every 3rd
            step) with Adam (0.0025, betas (0, 0.99), eps 1e-8) corrected for lazy regularization (lr * c,
            betas ** c, c = k / (k + 1)) in Kingma and Ba's efficient form (class Adam), every optimizer stepping every parameter (a gradient that does not reach a
            parameter is zero, as the reference's `* 0` terms make it), and w_avg tracked from the G main phase's
            unmixed w (beta 0.995): the weights, the path-length mean and w_avg after the last step.

Style-mixing masks, per-pixel noise, path-length noise, latents and real images are drawn here and written out.
Run with Debian's interpreter: /usr/bin/python3 stylegan2_fixture.py
"""
import json
import math
import os

import torch

import stylegan2_torch as sg

torch.set_default_dtype(torch.float64)
DT = torch.float64
A = sg.Arch(resolution=8, image_channels=3, z=5, w=5, mapping_layers=2, channel_base=32, channel_max=8, mbstd_group=2)
B = 4
GAMMA, R1_EVERY, PL_EVERY, PL_WEIGHT, LR, BETA2, W_AVG_BETA = 0.5, 3, 2, 2.0, 0.0025, 0.99, 0.995
gen = torch.Generator().manual_seed(20260)


def flat(t):
    t = torch.as_tensor(t, dtype=DT)
    return {"shape": list(t.shape), "values": [float(v) for v in t.detach().reshape(-1)]}


def noise_layers():
    keys = []
    for res in A.block_res:
        keys += ["G/b4/conv1"] if res == 4 else [f"G/b{res}/conv0", f"G/b{res}/conv1"]
    return keys, {k: (int(k.split("/")[1][1:])) for k in keys}


LAYERS, LAYER_RES = noise_layers()


def draw_inputs(batch):
    noises = {k: torch.randn(batch, 1, LAYER_RES[k], LAYER_RES[k], generator=gen) for k in LAYERS}
    cut = int(torch.randint(1, A.num_ws, [], generator=gen))
    mask = (torch.arange(A.num_ws) < cut).to(DT)
    return {"z1": torch.randn(batch, A.z, generator=gen), "z2": torch.randn(batch, A.z, generator=gen),
            "mask": mask, "noises": noises}


def inputs_json(i):
    out = {"z1": flat(i["z1"]), "z2": flat(i["z2"]), "mask": flat(i["mask"]),
           "noises": {k: flat(v) for k, v in i["noises"].items()}}
    for extra in ("real", "pl_noise"):
        if extra in i:
            out[extra] = flat(i[extra])
    return out


def leaves(p):
    return {k: v.clone().requires_grad_(True) for k, v in p.items()}


def grads_of(loss, params):
    gs = torch.autograd.grad(loss, list(params.values()), allow_unused=True)
    return {k: (torch.zeros_like(v) if g is None else g) for (k, v), g in zip(params.items(), gs)}


g0 = sg.init_generator(A, gen, DT, perturb=True)
d0 = sg.init_discriminator(A, gen, DT, perturb=True)
real = torch.rand(B, A.image_channels, 8, 8, generator=gen) * 2 - 1

# ---- forward values and gradients at the initial weights
main_in = draw_inputs(B)
main_in["real"] = real
pl_in = draw_inputs(B // 2)
pl_in["pl_noise"] = torch.randn(B // 2, A.image_channels, 8, 8, generator=gen)
pl_mean0 = 0.3

g, d = leaves(g0), leaves(d0)
trace = {}
w1 = sg.mapping(A, g, main_in["z1"])
ws = sg.mix(w1, sg.mapping(A, g, main_in["z2"]), main_in["mask"])
img = sg.synthesis(A, g, ws, main_in["noises"], trace)
dtrace = {}
logits = sg.discriminator(A, d, img, dtrace)
forward = {"w": flat(w1), "ws": flat(ws), "image": flat(img), "logits": flat(logits)}
forward.update({k: flat(v) for k, v in trace.items()})
forward.update({k: flat(v) for k, v in dtrace.items()})

g_main = sg.generator_main(A, g, d, main_in["z1"], main_in["z2"], main_in["mask"], main_in["noises"])
d_main = sg.discriminator_main(A, g, d, real, main_in["z1"], main_in["z2"], main_in["mask"], main_in["noises"])
r1_loss, r1_pen = sg.r1(A, d, real, GAMMA, R1_EVERY)
pl_loss, pl_len, pl_new = sg.path_length(A, g, pl_in["z1"], pl_in["z2"], pl_in["mask"], pl_in["noises"],
                                         pl_in["pl_noise"], pl_mean0, PL_WEIGHT, PL_EVERY)
losses = {
    "g_main": {"loss": float(g_main), "grads": {k: flat(v) for k, v in sg.to_gan4j(grads_of(g_main, g)).items()}},
    "d_main": {"loss": float(d_main), "grads": {k: flat(v) for k, v in sg.to_gan4j(grads_of(d_main, d)).items()}},
    "r1": {"loss": float(r1_loss), "penalties": flat(r1_pen),
           "grads": {k: flat(v) for k, v in sg.to_gan4j(grads_of(r1_loss, d)).items()}},
    "path_length": {"loss": float(pl_loss), "lengths": flat(pl_len), "new_mean": float(pl_new),
                    "grads": {k: flat(v) for k, v in sg.to_gan4j(grads_of(pl_loss, g)).items()}},
}


# ---- trajectory
class Adam:
    """Adam in Kingma and Ba's efficient form (section 2: alpha_t = alpha sqrt(1 - b2^t) / (1 - b1^t), then
    theta -= alpha_t m / (sqrt(v) + eps)), the form ND4J and gan4j use; torch.optim.Adam adds eps to the
    bias-corrected sqrt(v_hat) instead, which moves this tiny network's weights by up to 3.4e-4 relative in ten steps
    where a gradient is near eps."""

    def __init__(self, params, interval):
        c = interval / (interval + 1)
        self.lr, self.b1, self.b2, self.eps, self.t = LR * c, 0.0 ** c, BETA2 ** c, 1e-8, 0
        self.m = {k: torch.zeros_like(v) for k, v in params.items()}
        self.v = {k: torch.zeros_like(v) for k, v in params.items()}

    def step(self, params, grads):
        self.t += 1
        for k in params:
            self.m[k] = self.b1 * self.m[k] + (1 - self.b1) * grads[k]
            self.v[k] = self.b2 * self.v[k] + (1 - self.b2) * grads[k] ** 2
            step = self.lr * math.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t)
            params[k] = (params[k] - step * self.m[k] / (self.v[k].sqrt() + self.eps)).detach()


gp, dp = dict(g0), dict(d0)
g_opt, d_opt = Adam(gp, PL_EVERY), Adam(dp, R1_EVERY)
pl_mean, w_avg = 0.0, torch.zeros(A.w)
steps = []
for t in range(10):
    step = {"real": flat(torch.rand(B, A.image_channels, 8, 8, generator=gen) * 2 - 1)}
    real_t = torch.tensor(step["real"]["values"]).reshape(step["real"]["shape"])
    gi = draw_inputs(B)
    step["g_main"] = inputs_json(gi)
    g = leaves(gp)
    loss = sg.generator_main(A, g, {k: v for k, v in dp.items()}, gi["z1"], gi["z2"], gi["mask"], gi["noises"])
    w_mean = sg.mapping(A, g, gi["z1"]).mean(0).detach()
    g_opt.step(gp, grads_of(loss, g))
    w_avg = w_mean + W_AVG_BETA * (w_avg - w_mean)
    step["losses"] = {"g_main": float(loss)}
    if t % PL_EVERY == 0:
        pi = draw_inputs(B // 2)
        pi["pl_noise"] = torch.randn(B // 2, A.image_channels, 8, 8, generator=gen)
        step["path_length"] = inputs_json(pi)
        g = leaves(gp)
        loss, _, pl_mean_new = sg.path_length(A, g, pi["z1"], pi["z2"], pi["mask"], pi["noises"], pi["pl_noise"],
                                              pl_mean, PL_WEIGHT, PL_EVERY)
        g_opt.step(gp, grads_of(loss, g))
        pl_mean = float(pl_mean_new)
        step["losses"]["path_length"] = float(loss)
    di = draw_inputs(B)
    step["d_main"] = inputs_json(di)
    d = leaves(dp)
    loss = sg.discriminator_main(A, gp, d, real_t, di["z1"], di["z2"], di["mask"], di["noises"])
    d_opt.step(dp, grads_of(loss, d))
    step["losses"]["d_main"] = float(loss)
    if t % R1_EVERY == 0:
        d = leaves(dp)
        loss, _ = sg.r1(A, d, real_t, GAMMA, R1_EVERY)
        d_opt.step(dp, grads_of(loss, d))
        step["losses"]["r1"] = float(loss)
    steps.append(step)

out = {
    "arch": {"resolution": A.resolution, "image_channels": A.image_channels, "z": A.z, "w": A.w,
             "mapping_layers": A.mapping_layers, "channel_base": A.channel_base, "channel_max": A.channel_max,
             "mbstd_group": A.mbstd_group, "batch": B},
    "settings": {"r1_gamma": GAMMA, "r1_interval": R1_EVERY, "pl_interval": PL_EVERY, "pl_weight": PL_WEIGHT,
                 "learning_rate": LR, "beta2": BETA2, "w_avg_beta": W_AVG_BETA, "pl_mean": pl_mean0},
    "weights": {k: flat(v) for k, v in {**sg.to_gan4j(g0), **sg.to_gan4j(d0)}.items()},
    "inputs": {"main": inputs_json(main_in), "path_length": inputs_json(pl_in)},
    "forward": forward,
    "losses": losses,
    "trajectory": {"steps": steps,
                   "final": {k: flat(v) for k, v in {**sg.to_gan4j(gp), **sg.to_gan4j(dp)}.items()},
                   "pl_mean": pl_mean, "w_avg": flat(w_avg)},
}
target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "stylegan2.json")
with open(target, "w") as f:
    json.dump(out, f)
print("wrote", os.path.normpath(target), os.path.getsize(target), "bytes")
