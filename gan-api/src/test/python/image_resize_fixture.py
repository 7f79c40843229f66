"""Fixture for ImageResizeFixtureTest: small PNG files and PIL's reading of them at a target size.

The rule checked (ImageFolder's): flatten RGBA onto a background, convert the channels (RGB -> L with ITU-R 601-2
luma, L -> RGB by repetition), crop the centred region of the target's aspect ratio (fractional), then resize it with
the box (area) filter. PIL does each step in float32 ("F" mode bands): Image.resize(size, Image.BOX, box=crop).
Usage: /usr/bin/python3 gan-api/src/test/python/image_resize_fixture.py gan-api/src/test/resources/fixtures/image-resize
"""
import json
import os
import sys

import numpy as np
from PIL import Image

out = sys.argv[1]
rng = np.random.default_rng(7)
cases = []


def save(name, array, mode):
    Image.fromarray(array, mode).save(os.path.join(out, name))
    return name


def bands(img, channels, background):
    if img.mode == "RGBA":
        rgba = np.asarray(img, dtype=np.float64)
        alpha = rgba[..., 3:4] / 255.0
        rgb = rgba[..., :3] * alpha + np.array(background, dtype=np.float64) * (1 - alpha)
    elif img.mode == "L":
        gray = np.asarray(img, dtype=np.float64)
        rgb = np.stack([gray, gray, gray], axis=-1)
    else:
        rgb = np.asarray(img.convert("RGB"), dtype=np.float64)
    if channels == 1:
        if img.mode == "L":
            return [np.asarray(img, dtype=np.float64)]
        return [rgb[..., 0] * 299 / 1000 + rgb[..., 1] * 587 / 1000 + rgb[..., 2] * 114 / 1000]
    return [rgb[..., k] for k in range(3)]


def expected(name, channels, height, width, background=(255, 255, 255)):
    img = Image.open(os.path.join(out, name))
    w, h = img.size
    scale = max(width / w, height / h)
    cw, ch = width / scale, height / scale
    box = ((w - cw) / 2, (h - ch) / 2, (w + cw) / 2, (h + ch) / 2)
    planes = []
    for band in bands(img, channels, background):
        f = Image.fromarray(band.astype(np.float32), "F")
        planes.append(np.asarray(f.resize((width, height), Image.BOX, box=box), dtype=np.float64))
    values = np.stack(planes) / 255.0
    cases.append({"file": name, "channels": channels, "height": height, "width": width,
                  "background": list(background), "values": values.reshape(-1).round(7).tolist()})


rgb = save("rgb-37x23.png", rng.integers(0, 256, (23, 37, 3), dtype=np.uint8), "RGB")
gray = save("gray-20x50.png", rng.integers(0, 256, (50, 20), dtype=np.uint8), "L")
rgba = save("rgba-16x16.png", rng.integers(0, 256, (16, 16, 4), dtype=np.uint8), "RGBA")
small = save("rgb-5x7.png", rng.integers(0, 256, (7, 5, 3), dtype=np.uint8), "RGB")
expected(rgb, 3, 8, 8)
expected(rgb, 1, 8, 8)
expected(rgb, 3, 10, 16)
expected(gray, 1, 12, 12)
expected(gray, 3, 6, 6)
expected(rgba, 3, 8, 8)
expected(rgba, 3, 8, 8, background=(0, 0, 0))
expected(rgba, 1, 5, 5)
expected(small, 3, 16, 16)
json.dump({"cases": cases}, open(os.path.join(out, "expected.json"), "w"))
print(f"{len(cases)} cases")
