#!/usr/bin/env bash
# Regenerates the seeded training figures of docs/losses.md (8-Gaussian ring), docs/conditional.md (class accuracy of
# the conditional GAN) and docs/cyclegan.md (translation accuracy, cycle error) from the current code, into
# docs/images/training-figures.json stamped with the date and the commit, with one entry per run (its summary file as
# the program wrote it). Uses the full Fashion-MNIST set where Debian's dataset-fashion-mnist is installed.
# Usage: docs/scripts/training-figures.sh [--quick]   (--quick: the ring and the bundled-subset runs only, ~10 min;
# the full set adds the 2,500-step conditional GAN and two 1,500-step CycleGANs, ~50 min on 2 cores). Run it on an
# otherwise idle machine: the times it records are part of the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."
quick="${1:-}"
out="$(mktemp -d)"
mvn -B -q install -DskipTests
mvn -B -q -pl samples dependency:build-classpath -Dmdep.outputFile="${out}/cp.txt"
cp="samples/target/classes:$(cat "${out}/cp.txt")"
runs=()
run() {  # name, summary file name, then the program and its options
  local name="$1" summary="$2"; shift 2
  echo "$(date +%T) ${name}: $*" >&2
  java -cp "${cp}" org.gan4j.samples.Gan4jSamples "$@" --out "${out}/${name}" > "${out}/${name}.log" 2>&1
  runs+=("${name}=${out}/${name}/${summary}")
}
run ring-wgan-gp coverage.json ring --loss WGAN_GP --steps 2000 --seed 5
run ring-ns coverage.json ring --loss NS --steps 3000 --seed 5
run cgan-bundled summary.json cgan --bundled --steps 400
run cgan-mlp-bundled summary.json cgan --arch mlp --bundled --steps 1500
for seed in 1 2 3 4; do
  run "cyclegan-bundled-seed${seed}" summary.json cyclegan --bundled --steps 250 --eval 200 --seed "${seed}"
done
if [ "${quick}" != "--quick" ]; then
  run cgan-full summary.json cgan
  run cyclegan-sneaker-boot summary.json cyclegan
  run cyclegan-sandal-sneaker summary.json cyclegan --x-class 5 --y-class 7
fi
/usr/bin/python3 - "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' || echo -dirty)" "${runs[@]}" <<'PY'
import datetime, json, sys
commit, runs = sys.argv[1], sys.argv[2:]
figures = {"date": datetime.date.today().isoformat(), "commit": commit, "machine": "2 cores", "runs": {}}
for r in runs:
    name, path = r.split("=", 1)
    figures["runs"][name] = json.load(open(path))
try:
    old = json.load(open("docs/images/training-figures.json"))
    for name, value in old.get("runs", {}).items():
        figures["runs"].setdefault(name, dict(value, stale_from=old.get("commit")))
except FileNotFoundError:
    pass
json.dump(figures, open("docs/images/training-figures.json", "w"), indent=1, sort_keys=False)
for name, value in figures["runs"].items():
    keys = ["modes_covered", "high_quality_fraction", "mean_class_accuracy", "accuracy_x_to_y", "accuracy_y_to_x",
            "cycle_l1_mean", "cycle_l1_first_step", "seconds", "seconds_total"]
    print(name, {k: (round(value[k], 4) if isinstance(value[k], float) else value[k]) for k in keys if k in value})
PY
