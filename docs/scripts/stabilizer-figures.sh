#!/usr/bin/env bash
# Regenerates the figures of docs/stabilizers.md and the main job's quality-vs-time table from the current code, on
# the full Fashion-MNIST set (Debian's dataset-fashion-mnist), into docs/images/stabilizers.json stamped with the date
# and commit, plus sample grids docs/images/stabilizers-*.png:
#   small data   the main job's DCGAN (batch 32) with generator EMA 0.995 on the first 1,000 training images, STEPS
#                steps, without augmentation, with
#                DiffAugment and with ADA, seeds 1-3: final FID/recall (bundled classifier) per run, mean and spread;
#   wall clock   DCGAN (non-saturating) against SNGAN (zoo.Sngan, hinge) for MINUTES minutes each, no EMA;
#   main job     the default recipe (4,000 steps) with FID every 500 steps, with and without the generator EMA.
# Usage: docs/scripts/stabilizer-figures.sh [STEPS, default 1500] [MINUTES, default 3]; run on an otherwise idle machine
# (about 35 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/../.."
steps="${1:-1500}"
minutes="${2:-3}"
data=/usr/share/datasets/fashion-mnist
out="$(mktemp -d)"
mvn -B -q install -DskipTests
run() {  # name, then dcgan options
  local name="$1"; shift
  mvn -B -q -pl samples exec:exec -Dargs="dcgan --data ${data} --out ${out}/${name} $*" > "${out}/${name}.log" 2>&1
  echo "${name}: $(python3 -c "import json; m=json.load(open('${out}/${name}/summary.json'))['metrics']; print(round(m['fid'], 1), round(m['recall'], 3))")"
}
for seed in 1 2 3; do
  for augment in none diffaugment ada; do
    run "small-${augment}-${seed}" --train-images 1000 --steps "${steps}" --seed "${seed}" --augment "${augment}" \
        --ada-speed 20000 --ema 0.995 --metrics-every 0 --grid-every "${steps}"
  done
done
seconds=$((minutes * 60))
run "clock-dcgan" --model dcgan --steps 100000 --time-limit "${seconds}" --metrics-every 500 --ema 0
run "clock-sngan" --model sngan --steps 100000 --time-limit "${seconds}" --metrics-every 500 --ema 0
run "main-ema" --metrics-every 500 --ema 0.995
run "main-no-ema" --metrics-every 500 --ema 0
cp "${out}/small-none-1/samples-final.png" docs/images/stabilizers-small-none.png
cp "${out}/small-diffaugment-1/samples-final.png" docs/images/stabilizers-small-diffaugment.png
cp "${out}/small-ada-1/samples-final.png" docs/images/stabilizers-small-ada.png
cp "${out}/clock-sngan/samples-final.png" docs/images/stabilizers-sngan.png
python3 - "${out}" docs/images/stabilizers.json "$(date -u +%Y-%m-%d)" "$(git rev-parse --short HEAD)" "${steps}" "${minutes}" <<'PY'
import json, statistics, sys
out, target, date, commit, steps, minutes = sys.argv[1:7]
def summary(name):
    return json.load(open(f"{out}/{name}/summary.json"))
small = {}
for augment in ("none", "diffaugment", "ada"):
    runs = [summary(f"small-{augment}-{seed}") for seed in (1, 2, 3)]
    fids = [r["metrics"]["fid"] for r in runs]
    recalls = [r["metrics"]["recall"] for r in runs]
    small[augment] = {"fid": fids, "fid_mean": statistics.mean(fids), "fid_std": statistics.stdev(fids),
                      "recall": recalls, "recall_mean": statistics.mean(recalls),
                      "seconds": [r["seconds_total"] for r in runs]}
def brief(name):
    r = summary(name)
    return {"steps": r["steps"], "seconds_total": r["seconds_total"], "ms_per_step_median": r["ms_per_step_median"],
            "metrics": {k: r["metrics"][k] for k in ("fid", "inception_score_mean", "precision", "recall")},
            "during_training": r["during_training"]}
result = {"date": date, "commit": commit,
          "small_data": {"train_images": 1000, "steps": int(steps), "ada_speed_images": 20000, "seeds": [1, 2, 3],
                         "runs": small},
          "wall_clock": {"minutes": int(minutes), "dcgan": brief("clock-dcgan"), "sngan": brief("clock-sngan")},
          "main_job": {"ema": brief("main-ema"), "no_ema": brief("main-no-ema")}}
json.dump(result, open(target, "w"), indent=2)
PY
echo "wrote docs/images/stabilizers.json and docs/images/stabilizers-*.png from ${out}"
