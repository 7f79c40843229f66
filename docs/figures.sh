#!/usr/bin/env bash
# Regenerates every seeded figure the docs quote, from the current code, each script writing its JSON under
# docs/images/ stamped with the date and the commit (and its pictures beside it):
#   docs/scripts/training-figures.sh      losses.md (8-Gaussian ring), conditional.md, cyclegan.md      ~50 min
#   docs/scripts/stabilizer-figures.sh    stabilizers.md, getting-started.md (main job, recipes)        ~35 min
#   docs/scripts/vae-figures.sh           vae.md (DCGAN vs VAE, same wall clock)                        ~25 min
#   docs/scripts/stylegan-figures.sh      stylegan.md (StyleGAN2 vs DCGAN, same wall clock)             ~25 min
#   docs/scripts/shapes-figures.sh        your-own-images.md (coloured shapes, image-folder speed)       ~7 min
#   docs/scripts/export-serve-figures.sh  export-and-serve.md (ONNX sizes, page screenshot, latency)    ~10 min
# Speed figures (docs/benchmarks.md) come from benchmarks/compare.sh, which needs ../shared/bench.
# Usage: docs/figures.sh [script names to run, default all]; run on an otherwise idle machine (about 2 h 35 min on
# 2 cores); then update the prose that quotes the JSON files and commit both.
set -euo pipefail
cd "$(dirname "$0")/.."
all=(training-figures stabilizer-figures vae-figures stylegan-figures shapes-figures export-serve-figures)
chosen=("${@:-${all[@]}}")
for name in "${chosen[@]}"; do
  echo "$(date +%T) docs/scripts/${name}.sh" >&2
  bash "docs/scripts/${name}.sh"
done
git status --short docs/images
