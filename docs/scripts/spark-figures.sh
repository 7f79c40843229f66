#!/usr/bin/env bash
# Regenerates the local-mode figures of docs/scaling.md from the current code, into docs/images/spark.json (date and
# commit): a DCGAN generator (the main job's recipe, STEPS steps) evaluated by `GanSpark eval`
# on SAMPLES samples against the 2,000 bundled test images (bundled classifier), with
#   local[1], 1 ND4J thread per task      one core
#   local[2], 1 ND4J thread per task      two cores, two partitions working side by side
#   local[1], 2 ND4J threads              two cores inside one task (ND4J's own threads)
# and the FID/IS each run reports (equal across runs: the plan fixes the samples).
# Usage: docs/scripts/spark-figures.sh [SAMPLES, default 20000] [STEPS, default 300]; run on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
samples="${1:-20000}"
steps="${2:-300}"
out="$(mktemp -d)"
mvn -B -q install -DskipTests
mvn -B -q -pl samples exec:exec -Dargs="dcgan --steps ${steps} --metrics-every 0 --out ${out}/dcgan" > "${out}/dcgan.log" 2>&1
mvn -B -q -pl gan-spark dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="${out}/cp.txt"
opens="$(python3 -c "import re; print(' '.join(re.search(r'<spark.test.opens>(.*?)</spark.test.opens>', open('gan-spark/pom.xml').read(), re.S).group(1).split()))")"
run() {  # name, master, ND4J threads
  local start end
  start=$(date +%s.%N)
  OMP_NUM_THREADS="$3" java ${opens} -Xmx6g -cp "gan-spark/target/classes:$(cat "${out}/cp.txt")" \
    org.gan4j.spark.cli.GanSpark eval --generator "${out}/dcgan/generator.zip" --samples "${samples}" \
    --partitions 8 --master "$2" --out "${out}/$1.json" > "${out}/$1.log" 2>&1
  end=$(date +%s.%N)
  echo "$1: $(python3 -c "print(round(${end} - ${start}, 1))") s" >&2
}
run local1-omp1 "local[1]" 1
run local2-omp1 "local[2]" 1
run local1-omp2 "local[1]" 2
/usr/bin/python3 - "${out}" "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' || echo -dirty)" "${samples}" <<'PY'
import datetime, json, sys
out, commit, samples = sys.argv[1], sys.argv[2], int(sys.argv[3])
runs = {name: json.load(open(f"{out}/{name}.json")) for name in ["local1-omp1", "local2-omp1", "local1-omp2"]}
figures = {"date": datetime.date.today().isoformat(), "commit": commit, "machine": "2 cores", "samples": samples,
           "runs": {n: {k: r[k] for k in ["seconds", "generated_set_seconds", "fid", "inception_score", "kid", "precision", "recall", "partitions"]}
                    for n, r in runs.items()}}
figures["speedup_local2_vs_local1"] = runs["local1-omp1"]["seconds"] / runs["local2-omp1"]["seconds"]
figures["generated_set_speedup_local2_vs_local1"] = (runs["local1-omp1"]["generated_set_seconds"]
                                                     / runs["local2-omp1"]["generated_set_seconds"])
json.dump(figures, open("docs/images/spark.json", "w"), indent=1)
print(json.dumps(figures, indent=1))
PY
