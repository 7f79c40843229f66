#!/usr/bin/env bash
# Regenerates the figures of docs/your-own-images.md from the current code, into docs/images/shapes.json (date and
# commit), docs/images/shapes-data.png (the data set) and docs/images/shapes-samples.png (the trained generator):
#   data      the coloured shapes, 4,800 images (shapes program, seed 0);
#   speed     the image-folder benchmark: decode throughput into the cache, cache reuse, data-wait share;
#   run       train on them: DCGAN 32x32x3, width 32, batch 32, STEPS steps, generator EMA 0.999, seed 1; coverage.
# Usage: docs/scripts/shapes-figures.sh [STEPS, default 6000]; run on an otherwise idle machine (about 7 minutes on
# 2 cores).
set -euo pipefail
cd "$(dirname "$0")/../.."
steps="${1:-6000}"
out="$(mktemp -d)"
mvn -B -q install -DskipTests
mvn -B -q -pl samples dependency:build-classpath -Dmdep.outputFile="${out}/cp.txt" > /dev/null
samples() {
  OMP_NUM_THREADS=2 java -Xmx8g -Dorg.slf4j.simpleLogger.log.org.nd4j=warn \
    -cp "samples/target/classes:$(cat "${out}/cp.txt")" org.gan4j.samples.Gan4jSamples "$@"
}
samples shapes --out "${out}/data" > /dev/null
mvn -B -q -o -Dstyle.color=never -pl benchmarks exec:exec -Dargs="image-folder --data ${out}/data" 2>&1 \
  | grep '^RESULT' | sed 's/^RESULT //' > "${out}/bench.json"
samples train --data "${out}/data" --steps "${steps}" --ema 0.999 --seed 1 --grid-every "${steps}" \
  --checkpoint-every 0 --cache "${out}/cache" --out "${out}/run" > "${out}/train.log" 2>&1
cp "${out}/run/samples-final.png" docs/images/shapes-samples.png
/usr/bin/python3 - "${out}" docs/images "$(date -u +%Y-%m-%d)" "$(git rev-parse --short HEAD)" "${steps}" <<'PY'
import json, os, sys
from PIL import Image
out, images, date, commit, steps = sys.argv[1:]
data = os.path.join(out, "data")
modes = sorted(d for d in os.listdir(data) if not d.startswith("."))
grid = Image.new("RGB", (8 * 33 + 1, 3 * 33 + 1), (40, 40, 40))
for k, mode in enumerate(modes):
    first = sorted(os.listdir(os.path.join(data, mode)))[0]
    grid.paste(Image.open(os.path.join(data, mode, first)).convert("RGB"), (1 + (k % 8) * 33, 1 + (k // 8) * 33))
grid.save(os.path.join(images, "shapes-data.png"))
summary = json.load(open(os.path.join(out, "run", "summary.json")))
figures = {"date": date, "commit": commit, "steps": int(steps), "benchmark": json.load(open(os.path.join(out, "bench.json"))),
           "seconds_total": summary["seconds_total"], "ms_per_step_median": summary["ms_per_step_median"],
           "shapes_coverage": summary["shapes_coverage"]}
json.dump(figures, open(os.path.join(images, "shapes.json"), "w"), indent=2)
print(json.dumps(figures, indent=2))
PY
