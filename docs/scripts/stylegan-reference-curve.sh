#!/usr/bin/env bash
# StyleGAN2's learning curve in gan4j and in the PyTorch reference (benchmarks/stylegan2_ref.py --train), the same
# networks, phases and hyperparameters (docs/stylegan.md: batch 16, 32 channels, z = w = 64, EMA 0.99), both on the
# full Fashion-MNIST training set (bundled subset when absent), both scored the same way: 2,000 samples of the EMA
# generator, their centre 28x28, against the 2,000 bundled test images with the bundled classifier (gan4j's
# `stylegan` program's summary.json; the reference's samples through gan4j's `metrics` program). Seeds differ (the
# two draw from different generators). Writes docs/images/stylegan-reference-curve.json, stamped with the date and commit.
# Usage: docs/scripts/stylegan-reference-curve.sh ["100 400 800" iterations]; run on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
points="${1:-100 400 800}"
last="${points##* }"
out="$(mktemp -d)"
real=gan-api/src/main/resources/org/gan4j/data/fashion-mnist-test-subset-images-idx3-ubyte.gz
mvn -B -q install -DskipTests
OMP_NUM_THREADS=2 /usr/bin/python3 benchmarks/stylegan2_ref.py --threads 2 --train "${last}" --samples-at "${points// /,}" \
  --ema 0.99 --out "${out}/torch"
for n in ${points}; do
  mvn -B -q -pl samples exec:exec -Dargs="stylegan --steps ${n} --ema 0.99 --grid-every 100000 --out ${out}/gan4j-${n}" \
    > "${out}/gan4j-${n}.log" 2>&1
  mvn -B -q -pl samples exec:exec -Dargs="metrics --real ${real} --fake ${out}/torch/samples-${n}.idx \
    --out ${out}/torch-${n}.json" > "${out}/torch-${n}.log" 2>&1
done
python3 - "${out}" docs/images/stylegan-reference-curve.json "$(date -u +%Y-%m-%d)" "$(git rev-parse --short HEAD)" \
  ${points} <<'PY'
import json, sys
out, target, date, commit, points = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
rows = []
for n in points:
    gan4j = json.load(open(f"{out}/gan4j-{n}/summary.json"))["metrics"]
    torch = json.load(open(f"{out}/torch-{n}.json"))
    rows.append({"iterations": int(n), "gan4j_fid": gan4j["fid"], "pytorch_fid": torch["fid"],
                 "gan4j_recall": gan4j["recall"], "pytorch_recall": torch["recall"]})
    print(f"{n:>5} iterations: FID gan4j {gan4j['fid']:.1f}, PyTorch {torch['fid']:.1f}")
json.dump({"date": date, "commit": commit, "rows": rows}, open(target, "w"), indent=2)
PY
echo "wrote docs/images/stylegan-reference-curve.json"
