#!/usr/bin/env bash
# Regenerates the figures of docs/stylegan.md from the current code: the `stylegan` program and the main job's DCGAN
# (`dcgan`), the same wall-clock budget each, on the full Fashion-MNIST set when installed; StyleGAN's grids copied to
# docs/images/stylegan-*.png, the DCGAN's final grid to docs/images/stylegan-vs-dcgan-dcgan.png, and both summaries
# to docs/images/stylegan.json, stamped with the date and commit.
# Usage: docs/scripts/stylegan-figures.sh [minutes per model, default 10]; run on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes="${1:-10}"
seconds=$((minutes * 60))
out="$(mktemp -d)"
mvn -B -q install -DskipTests
mvn -B -q -pl samples exec:exec -Dargs="stylegan --steps 1000000 --time-limit ${seconds} --grid-every 1000 --out ${out}/stylegan"
mvn -B -q -pl samples exec:exec -Dargs="dcgan --steps 1000000 --time-limit ${seconds} --metrics-every 0 --out ${out}/dcgan"
for f in samples-final style-mixing truncation interpolation; do
  cp "${out}/stylegan/${f}.png" "docs/images/stylegan-${f}.png"
done
cp "${out}/dcgan/samples-final.png" docs/images/stylegan-vs-dcgan-dcgan.png
python3 - "${out}/stylegan/summary.json" "${out}/dcgan/summary.json" docs/images/stylegan.json "$(date -u +%Y-%m-%d)" \
  "$(git rev-parse --short HEAD)" "${minutes}" <<'PY'
import json, sys
stylegan, dcgan = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
out = {"date": sys.argv[4], "commit": sys.argv[5], "budget_minutes_each": int(sys.argv[6]),
       "stylegan": stylegan, "dcgan": dcgan}
json.dump(out, open(sys.argv[3], "w"), indent=2)
PY
echo "wrote docs/images/stylegan-*.png and docs/images/stylegan.json from ${out}"
