#!/usr/bin/python3
"""Writes ../resources/fixtures/small_inception.onnx and small_inception.json: a small Inception-style network in
PyTorch (stem convolutions with batch norm, max pooling, one InceptionA-like block with 1x1 / 5x5 / double 3x3 /
average-pool branches, global average pooling -> "pool3" features, a dense layer -> "logits"), exported to ONNX
(opset 11) for 3x299x299 inputs in [-1, 1], plus torch's outputs on the standard FID preprocessing:
grayscale replicated to 3 channels, F.interpolate(..., (299, 299), mode="bilinear", align_corners=False).
The references are computed in float64 from the same weights. Two small resize cases check the interpolation alone.
Run with Debian's interpreter: /usr/bin/python3 small_inception_onnx.py
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(2024)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "fixtures")


class BasicConv(nn.Module):
    def __init__(self, cin, cout, **kw):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, bias=False, **kw)
        self.bn = nn.BatchNorm2d(cout, eps=0.001)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class InceptionBlock(nn.Module):
    def __init__(self, cin):
        super().__init__()
        self.b1 = BasicConv(cin, 8, kernel_size=1)
        self.b5_1 = BasicConv(cin, 6, kernel_size=1)
        self.b5_2 = BasicConv(6, 8, kernel_size=5, padding=2)
        self.b3_1 = BasicConv(cin, 8, kernel_size=1)
        self.b3_2 = BasicConv(8, 12, kernel_size=3, padding=1)
        self.b3_3 = BasicConv(12, 12, kernel_size=3, padding=1)
        self.bp = BasicConv(cin, 4, kernel_size=1)

    def forward(self, x):
        pool = F.avg_pool2d(x, kernel_size=3, stride=1, padding=1, count_include_pad=False)
        return torch.cat([self.b1(x), self.b5_2(self.b5_1(x)), self.b3_3(self.b3_2(self.b3_1(x))), self.bp(pool)], 1)


class SmallInception(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem1 = BasicConv(3, 8, kernel_size=3, stride=2)
        self.stem2 = BasicConv(8, 16, kernel_size=3, stride=2)
        self.block = InceptionBlock(16)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = self.stem2(self.stem1(x))
        x = F.max_pool2d(x, kernel_size=3, stride=2)
        x = self.block(x)
        pool3 = F.adaptive_avg_pool2d(x, (1, 1)).flatten(1)
        return pool3, self.fc(pool3)


def randomise_batch_norm(model):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)


def preprocess(images):
    if images.shape[1] == 1:
        images = images.repeat(1, 3, 1, 1)
    return F.interpolate(images, size=(299, 299), mode="bilinear", align_corners=False)


def nested(t):
    return t.tolist()


model = SmallInception()
randomise_batch_norm(model)
model.eval()

os.makedirs(OUT, exist_ok=True)
torch.onnx.export(model, torch.zeros(1, 3, 299, 299), os.path.join(OUT, "small_inception.onnx"),
                  input_names=["input"], output_names=["pool3", "logits"], opset_version=11,
                  dynamic_axes={"input": {0: "batch"}, "pool3": {0: "batch"}, "logits": {0: "batch"}})

gray = torch.rand(4, 1, 28, 28) * 2 - 1
rgb = torch.rand(2, 3, 40, 32) * 2 - 1
model64 = model.double()
cases = []
for name, images in (("gray_4x1x28x28", gray), ("rgb_2x3x40x32", rgb)):
    with torch.no_grad():
        pool3, logits = model64(preprocess(images.double()))
    cases.append({"name": name, "images": nested(images), "pool3": nested(pool3), "logits": nested(logits)})

resize_cases = []
for name, src, size in (("down_2x1x5x7_to_3x4", torch.randn(2, 1, 5, 7, dtype=torch.float64), (3, 4)),
                        ("up_1x2x4x4_to_11x13", torch.randn(1, 2, 4, 4, dtype=torch.float64), (11, 13))):
    out = F.interpolate(src, size=size, mode="bilinear", align_corners=False)
    resize_cases.append({"name": name, "input": nested(src), "height": size[0], "width": size[1],
                         "output": nested(out)})

with open(os.path.join(OUT, "small_inception.json"), "w") as f:
    json.dump({"torch": torch.__version__, "model": "small_inception.onnx", "cases": cases,
               "resize": resize_cases}, f)
print("wrote", OUT)
