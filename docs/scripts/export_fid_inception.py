#!/usr/bin/env python3
"""Exports pytorch-fid's FID InceptionV3 network to ONNX for gan4j's OnnxFeatureExtractor.

The exported model takes [n, 3, 299, 299] images in [-1, 1] (gan4j resizes and maps pixels itself, as pytorch-fid
does before its network) and has two outputs:
  pool3  [n, 2048]  the features of FID and KID (pytorch-fid's default block)
  logits [n, 1008]  the classes of the Inception Score

Usage:
  pip install torch pytorch-fid        # torch >= 1.10
  python3 export_fid_inception.py pt_inception.onnx
pytorch-fid fetches pt_inception-2015-12-05-6726825d.pth on first use; on a machine without network access, put that
file in $TORCH_HOME/hub/checkpoints/ first. --random-weights exports torchvision's architecture with random weights
(no pytorch-fid, no download), to try the pipeline.
"""
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F

BLOCKS = ["Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "maxpool1", "Conv2d_3b_1x1", "Conv2d_4a_3x3", "maxpool2",
          "Mixed_5b", "Mixed_5c", "Mixed_5d", "Mixed_6a", "Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e",
          "Mixed_7a", "Mixed_7b", "Mixed_7c"]


class Pool3AndLogits(nn.Module):
    """Runs a torchvision-style Inception3 up to the global average pool, then its fully connected layer."""

    def __init__(self, inception):
        super().__init__()
        self.inception = inception

    def forward(self, x):
        for name in BLOCKS:
            x = getattr(self.inception, name)(x)
        pool3 = F.adaptive_avg_pool2d(x, (1, 1)).flatten(1)
        return pool3, self.inception.fc(pool3)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", help="the ONNX file to write")
    parser.add_argument("--random-weights", action="store_true", help="torchvision's architecture, random weights")
    args = parser.parse_args()
    if args.random_weights:
        import torchvision
        inception = torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=True)
    else:
        from pytorch_fid.inception import fid_inception_v3
        inception = fid_inception_v3()
    model = Pool3AndLogits(inception).eval()
    torch.onnx.export(model, torch.zeros(1, 3, 299, 299), args.output, input_names=["input"],
                      output_names=["pool3", "logits"], opset_version=11,
                      dynamic_axes={"input": {0: "batch"}, "pool3": {0: "batch"}, "logits": {0: "batch"}})
    print("wrote", args.output)


if __name__ == "__main__":
    main()
