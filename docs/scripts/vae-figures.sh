#!/usr/bin/env bash
# Regenerates the figures of docs/vae.md from the current code: the `compare` program (DCGAN vs VAE, the same
# wall-clock budget each) on the full Fashion-MNIST set when installed, its grids copied to docs/images/vae-*.png and
# dcgan-vs-vae-*.png, and the summary to docs/images/vae-comparison.json, stamped with the date and commit.
# Usage: docs/scripts/vae-figures.sh [minutes per model, default 10]; run on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes="${1:-10}"
out="$(mktemp -d)"
mvn -B -q install -DskipTests
mvn -B -q -pl samples exec:exec -Dargs="compare --minutes ${minutes} --out ${out}"
cp "${out}/dcgan-samples.png" docs/images/dcgan-vs-vae-dcgan-samples.png
cp "${out}/vae-samples.png" docs/images/vae-samples.png
cp "${out}/vae-expost-samples.png" docs/images/vae-expost-samples.png
cp "${out}/vae-reconstructions.png" docs/images/vae-reconstructions.png
cp "${out}/vae-interpolation.png" docs/images/vae-interpolation.png
cp "${out}/dcgan-interpolation.png" docs/images/dcgan-vs-vae-dcgan-interpolation.png
python3 - "${out}/summary.json" docs/images/vae-comparison.json "$(date -u +%Y-%m-%d)" "$(git rev-parse --short HEAD)" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
summary = {"date": sys.argv[3], "commit": sys.argv[4], **summary}
json.dump(summary, open(sys.argv[2], "w"), indent=2)
PY
echo "wrote docs/images/vae-*.png and docs/images/vae-comparison.json from ${out}"
