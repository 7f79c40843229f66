"""StyleGAN2 in plain PyTorch, in the form gan4j builds (formulas of NVlabs/stylegan2-ada-pytorch
training/networks.py and training/loss.py, non-fused modulated convolution): the reference of the fixture script
stylegan2_fixture.py and of the benchmark benchmarks/stylegan2_ref.py.

Parameters live in one flat dict per network, in PyTorch layouts ([out, in] dense, [out, in, k, k] convolution),
named as gan4j names them; to_gan4j() converts a dict to gan4j's layouts ([in, out] dense, [k, k, in, out]
convolution, [k, k, out, in] for the transposed convolution of an upsampling layer).
"""
import math

import torch
import torch.nn.functional as F

SQRT2 = math.sqrt(2.0)
SQRT_HALF = math.sqrt(0.5)
ALPHA = 0.2


class Arch:
    def __init__(self, resolution, image_channels, z, w, mapping_layers, channel_base, channel_max, mbstd_group,
                 lr_mul=0.01):
        self.resolution, self.image_channels, self.z, self.w = resolution, image_channels, z, w
        self.mapping_layers, self.channel_base, self.channel_max = mapping_layers, channel_base, channel_max
        self.mbstd_group, self.lr_mul = mbstd_group, lr_mul
        self.block_res = [2 ** i for i in range(2, int(math.log2(resolution)) + 1)]
        self.num_ws = 2 * len(self.block_res)

    def ch(self, res):
        return min(self.channel_base // res, self.channel_max)


def fir(gain, dtype):
    f = torch.tensor([1.0, 3.0, 3.0, 1.0], dtype=dtype)
    k = torch.outer(f, f)
    return (k / k.sum() * gain).reshape(1, 1, 4, 4)


def per_channel(x, fn):
    b, c, h, w = x.shape
    y = fn(x.reshape(b * c, 1, h, w))
    return y.reshape(b, c, y.shape[2], y.shape[3])


def upsample_image(x):
    """upfirdn2d.upsample2d(x, [1,3,3,1]): zeros between samples, FIR filter, gain 4."""
    return per_channel(x, lambda t: F.conv_transpose2d(t, fir(4.0, t.dtype), stride=2, padding=1))


def lrelu(x, gain=SQRT2):
    return F.leaky_relu(x, ALPHA) * gain


# ---------------------------------------------------------------- initialisation

def init_generator(a, gen, dtype, perturb):
    """N(0, 1) weights (N(0, 1)/lr_mul in the mapping), biases 0, affine biases 1, noise strengths 0; with perturb,
    biases, affine biases and noise strengths get N(0, 0.1²) offsets so that every term of a fixture is exercised."""
    p = {}

    def rnd(*shape, scale=1.0):
        return torch.randn(*shape, generator=gen, dtype=dtype) * scale

    def off(*shape):
        return rnd(*shape, scale=0.1) if perturb else torch.zeros(*shape, dtype=dtype)

    inp = a.z
    for i in range(a.mapping_layers):
        p[f"G/map{i}/W"] = rnd(a.w, inp) / a.lr_mul
        p[f"G/map{i}/b"] = off(a.w)
        inp = a.w
    p["G/const"] = rnd(a.ch(4), 4, 4)
    for res in a.block_res:
        cout = a.ch(res)
        layers = [("conv1", cout, cout)] if res == 4 else [("conv0", a.ch(res // 2), cout), ("conv1", cout, cout)]
        for name, cin, co in layers:
            key = f"G/b{res}/{name}"
            p[key + "/affine/W"] = rnd(cin, a.w)
            p[key + "/affine/b"] = 1.0 + off(cin)
            p[key + "/W"] = rnd(co, cin, 3, 3)
            p[key + "/noise_strength"] = off(1)
            p[key + "/b"] = off(co)
        key = f"G/b{res}/torgb"
        p[key + "/affine/W"] = rnd(cout, a.w)
        p[key + "/affine/b"] = 1.0 + off(cout)
        p[key + "/W"] = rnd(a.image_channels, cout, 1, 1)
        p[key + "/b"] = off(a.image_channels)
    return p


def init_discriminator(a, gen, dtype, perturb):
    p = {}

    def rnd(*shape):
        return torch.randn(*shape, generator=gen, dtype=dtype)

    def off(*shape):
        return torch.randn(*shape, generator=gen, dtype=dtype) * 0.1 if perturb else torch.zeros(*shape, dtype=dtype)

    r = a.resolution
    p["D/fromrgb/W"] = rnd(a.ch(r), a.image_channels, 1, 1)
    p["D/fromrgb/b"] = off(a.ch(r))
    res = r
    while res > 4:
        tmp, out = a.ch(res), a.ch(res // 2)
        p[f"D/b{res}/conv0/W"] = rnd(tmp, tmp, 3, 3)
        p[f"D/b{res}/conv0/b"] = off(tmp)
        p[f"D/b{res}/conv1/W"] = rnd(out, tmp, 3, 3)
        p[f"D/b{res}/conv1/b"] = off(out)
        p[f"D/b{res}/skip/W"] = rnd(out, tmp, 1, 1)
        res //= 2
    c = a.ch(4)
    p["D/b4/conv/W"] = rnd(c, c + 1, 3, 3)
    p["D/b4/conv/b"] = off(c)
    p["D/b4/fc/W"] = rnd(c, c * 16)
    p["D/b4/fc/b"] = off(c)
    p["D/b4/out/W"] = rnd(1, c)
    p["D/b4/out/b"] = off(1)
    return p


def to_gan4j(p):
    out = {}
    for k, v in p.items():
        if v.dim() == 2:
            out[k] = v.t().contiguous()
        elif v.dim() == 4 and k.endswith("conv0/W") and k.startswith("G/"):
            out[k] = v.permute(2, 3, 0, 1).contiguous()
        elif v.dim() == 4:
            out[k] = v.permute(2, 3, 1, 0).contiguous()
        else:
            out[k] = v
    return out


# ---------------------------------------------------------------- generator

def mapping(a, p, z):
    x = z * torch.rsqrt(z.square().mean(1, keepdim=True) + 1e-8)
    for i in range(a.mapping_layers):
        wt = p[f"G/map{i}/W"]
        x = lrelu(x @ (wt * (a.lr_mul / math.sqrt(wt.shape[1]))).t() + p[f"G/map{i}/b"] * a.lr_mul)
    return x


def mix(w1, w2, mask):
    """ws[:, i] = w1 where mask[i] = 1, else w2 (mask: 1 below the crossover index)."""
    m = mask.reshape(1, -1, 1)
    return w2.unsqueeze(1) + (w1 - w2).unsqueeze(1) * m


def affine(p, key, w):
    wt = p[key + "/affine/W"]
    return w @ (wt / math.sqrt(wt.shape[1])).t() + p[key + "/affine/b"]


def synthesis_layer(p, key, x, w, noise, up):
    """Modulated 3x3 convolution with demodulation (non-fused), noise, bias, leaky ReLU with gain √2."""
    weight = p[key + "/W"]
    s = affine(p, key, w)
    d = torch.rsqrt((weight.unsqueeze(0) * s.reshape(s.shape[0], 1, -1, 1, 1)).square().sum([2, 3, 4]) + 1e-8)
    x = x * s.reshape(s.shape[0], -1, 1, 1)
    if up:
        x = F.conv_transpose2d(x, weight.transpose(0, 1), stride=2)
        x = per_channel(x, lambda t: F.conv2d(t, fir(4.0, t.dtype), padding=1))
    else:
        x = F.conv2d(x, weight, padding=1)
    x = x * d.reshape(d.shape[0], -1, 1, 1) + noise * p[key + "/noise_strength"]
    return lrelu(x + p[key + "/b"].reshape(1, -1, 1, 1))


def torgb(p, key, x, w):
    weight = p[key + "/W"]
    s = affine(p, key, w) / math.sqrt(weight.shape[1])
    y = F.conv2d(x * s.reshape(s.shape[0], -1, 1, 1), weight)
    return y + p[key + "/b"].reshape(1, -1, 1, 1)


def synthesis(a, p, ws, noises, trace=None):
    """ws: [B, num_ws, w]; noises: dict layer key -> [B, 1, r, r]."""
    b = ws.shape[0]
    x = p["G/const"].unsqueeze(0).repeat(b, 1, 1, 1)
    img = None
    for i, res in enumerate(a.block_res):
        if res == 4:
            x = synthesis_layer(p, "G/b4/conv1", x, ws[:, 0], noises["G/b4/conv1"], False)
        else:
            x = synthesis_layer(p, f"G/b{res}/conv0", x, ws[:, 2 * i - 1], noises[f"G/b{res}/conv0"], True)
            x = synthesis_layer(p, f"G/b{res}/conv1", x, ws[:, 2 * i], noises[f"G/b{res}/conv1"], False)
        if trace is not None:
            trace[f"G/b{res}/x"] = x
        y = torgb(p, f"G/b{res}/torgb", x, ws[:, 2 * i + 1])
        img = y if img is None else upsample_image(img) + y
        if trace is not None:
            trace[f"G/b{res}/img"] = img
    return img


# ---------------------------------------------------------------- discriminator

def conv(p, key, x, stride=1, padding=0):
    weight = p[key + "/W"]
    fan_in = weight.shape[1] * weight.shape[2] * weight.shape[3]
    return F.conv2d(x, weight / math.sqrt(fan_in), stride=stride, padding=padding)


def bias(p, key, x):
    return x + p[key + "/b"].reshape(1, -1, 1, 1)


def minibatch_std(x, group):
    n, c, h, w = x.shape
    g = min(group, n)
    y = x.reshape(g, -1, 1, c, h, w)
    y = y - y.mean(0)
    y = y.square().mean(0)
    y = (y + 1e-8).sqrt()
    y = y.mean([2, 3, 4]).reshape(-1, 1, 1, 1).repeat(g, 1, h, w)
    return torch.cat([x, y], 1)


def dense(p, key, x):
    weight = p[key + "/W"]
    return x @ (weight / math.sqrt(weight.shape[1])).t() + p[key + "/b"]


def discriminator(a, p, img, trace=None):
    x = lrelu(bias(p, "D/fromrgb", conv(p, "D/fromrgb", img)))
    res = a.resolution
    while res > 4:
        key = f"D/b{res}"
        y = conv(p, key + "/skip", per_channel(x, lambda t: F.conv2d(t, fir(1.0, t.dtype), stride=2, padding=1))) * SQRT_HALF
        x = lrelu(bias(p, key + "/conv0", conv(p, key + "/conv0", x, padding=1)))
        x = per_channel(x, lambda t: F.conv2d(t, fir(1.0, t.dtype), padding=2))
        x = lrelu(bias(p, key + "/conv1", conv(p, key + "/conv1", x, stride=2)), SQRT2 * SQRT_HALF)
        x = y + x
        if trace is not None:
            trace[key + "/x"] = x
        res //= 2
    x = minibatch_std(x, a.mbstd_group)
    if trace is not None:
        trace["D/b4/mbstd"] = x
    x = lrelu(bias(p, "D/b4/conv", conv(p, "D/b4/conv", x, padding=1)))
    x = lrelu(dense(p, "D/b4/fc", x.flatten(1)))
    return dense(p, "D/b4/out", x)


# ---------------------------------------------------------------- losses (training/loss.py, StyleGAN2Loss)

def generator_main(a, g, d, z1, z2, mask, noises):
    img = synthesis(a, g, mix(mapping(a, g, z1), mapping(a, g, z2), mask), noises)
    return F.softplus(-discriminator(a, d, img)).mean()


def discriminator_main(a, g, d, real, z1, z2, mask, noises):
    with torch.no_grad():
        fake = synthesis(a, g, mix(mapping(a, g, z1), mapping(a, g, z2), mask), noises)
    return F.softplus(discriminator(a, d, fake)).mean() + F.softplus(-discriminator(a, d, real)).mean()


def r1(a, d, real, gamma, interval):
    real = real.detach().requires_grad_(True)
    grads, = torch.autograd.grad(discriminator(a, d, real).sum(), [real], create_graph=True)
    penalty = grads.square().sum([1, 2, 3])
    return (penalty * (gamma / 2)).mean() * interval, penalty


def path_length(a, g, z1, z2, mask, noises, pl_noise, pl_mean, weight, interval, decay=0.01):
    """pl_noise: N(0, I) draws of the image's shape; divided by sqrt(H W) here. Returns the weighted loss (with the
    running mean held constant, as the reference's detach()), the lengths and the new running mean."""
    ws = mix(mapping(a, g, z1), mapping(a, g, z2), mask)
    img = synthesis(a, g, ws, noises)
    y = pl_noise / math.sqrt(img.shape[2] * img.shape[3])
    grads, = torch.autograd.grad((img * y).sum(), [ws], create_graph=True)
    lengths = grads.square().sum(2).mean(1).sqrt()
    new_mean = pl_mean + decay * (lengths.mean().detach() - pl_mean)
    penalty = (lengths - new_mean).square()
    return penalty.mean() * weight * interval, lengths, new_mean
