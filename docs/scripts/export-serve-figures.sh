#!/usr/bin/env bash
# Regenerates the figures of docs/export-and-serve.md from the current code, into docs/images/serve.json (date and
# commit) and the page's screenshot docs/images/serve-page.png:
#   model     the conditional DCGAN on the full Fashion-MNIST set (cgan program, STEPS steps) -> generator.zip;
#   export    both ONNX forms (samples, uint8-rgb): file sizes, and the ONNX checker over them (Debian's python3-onnx);
#   page      the model served (serve program) and the page captured by headless Chromium;
#   latency   /sample?n=16 with 1 and with 32 concurrent clients x 50 requests (benchmarks serve): p50, p90, p99.
# Usage: docs/scripts/export-serve-figures.sh [STEPS, default 2000]; run on an otherwise idle machine (about 10 minutes
# on 2 cores). Needs chromium (Debian's chromium) and /usr/bin/python3 with python3-onnx.
set -euo pipefail
cd "$(dirname "$0")/../.."
steps="${1:-2000}"
data=/usr/share/datasets/fashion-mnist
out="$(mktemp -d)"
port=8765
mvn -B -q install -DskipTests
mvn -B -q -pl samples dependency:build-classpath -Dmdep.outputFile="${out}/cp.txt" > /dev/null
samples() {
  OMP_NUM_THREADS=2 java -Xmx8g -Dorg.slf4j.simpleLogger.log.org.nd4j=warn \
    -cp "samples/target/classes:$(cat "${out}/cp.txt")" org.gan4j.samples.Gan4jSamples "$@"
}
samples cgan --data "${data}" --steps "${steps}" --out "${out}/cgan" > "${out}/cgan.log" 2>&1
model="${out}/cgan/generator.zip"
samples export --model "${model}" --out "${out}/generator.onnx" > /dev/null
samples export --model "${model}" --form uint8-rgb --out "${out}/generator-uint8-rgb.onnx" > /dev/null
/usr/bin/python3 gan-dl4j/src/test/python/check_onnx.py "${out}/generator.onnx" "${out}/generator-uint8-rgb.onnx" \
  | tee "${out}/check.txt"

samples serve --model "${model}" --port "${port}" --duration 120 \
  --class-names "T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot" > "${out}/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:${port}/api/info" > /dev/null && break; sleep 0.2; done
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,860 \
  --virtual-time-budget=10000 --screenshot="${PWD}/docs/images/serve-page.png" "http://127.0.0.1:${port}/" 2> /dev/null
kill "${server}" 2> /dev/null || true
wait "${server}" 2> /dev/null || true

for clients in 1 32; do
  mvn -B -q -o -Dstyle.color=never -pl benchmarks exec:exec -Dargs="serve --model ${model} --clients ${clients}" 2>&1 \
    | grep '^RESULT' | sed 's/^RESULT //' > "${out}/serve-${clients}.json"
done
python3 - "${out}" docs/images/serve.json "$(date -u +%Y-%m-%d)" "$(git rev-parse --short HEAD)" "${steps}" <<'PY'
import json, os, sys
out, target, date, commit, steps = sys.argv[1:]
summary = json.load(open(os.path.join(out, "cgan", "summary.json")))
figures = {
    "date": date, "commit": commit, "cgan_steps": int(steps),
    "mean_class_accuracy": summary.get("mean_class_accuracy"), "cgan_seconds": summary.get("seconds_total"),
    "onnx_bytes": {f: os.path.getsize(os.path.join(out, f)) for f in ("generator.onnx", "generator-uint8-rgb.onnx")},
    "onnx_checker": open(os.path.join(out, "check.txt")).read().strip().splitlines(),
    "latency": {c: json.load(open(os.path.join(out, f"serve-{c}.json"))) for c in ("1", "32")},
}
json.dump(figures, open(target, "w"), indent=2)
print(json.dumps(figures, indent=2))
PY
