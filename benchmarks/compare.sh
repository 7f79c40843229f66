#!/usr/bin/env bash
# Runs gan4j's benchmarks beside the PyTorch/scipy references of ../shared/bench, one after the other on a quiet
# machine, and prints gan4j / reference ratios (below 1.0: gan4j is faster).
#   benchmarks/compare.sh [--threads "1 2"] [--only "dcgan mlp wgan-gp cyclegan sampling stylegan fid gemm"] [--bench DIR]
# (stylegan's reference is this repository's benchmarks/stylegan2_ref.py; the others are ../shared/bench's)
# Needs: mvn -B -q install -DskipTests first; Debian's python3-torch and python3-scipy (/usr/bin/python3).
# Prints the date, the commit and, per row, the reference's foreign_cores (other load during its timing) and the
# training benchmarks' share of the GEMM peak measured in the same process.
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS="1 2"
ONLY="dcgan mlp wgan-gp cyclegan sampling stylegan fid gemm"
BENCH="../shared/bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) THREADS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --bench) BENCH="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
PY=/usr/bin/python3
if ! mvn -B -q -pl benchmarks exec:help > /dev/null 2>&1; then
  echo "compare.sh: cannot resolve Maven's exec plugin; run 'mvn -B install -DskipTests' first (with access to Maven Central)" >&2
  exit 1
fi
[ -x "$PY" ] || { echo "compare.sh: $PY is missing (apt-get install python3-torch python3-scipy)" >&2; exit 1; }
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

gan4j() {  # threads, label, args...
  local t=$1 label=$2; shift 2
  mvn -B -q -Dstyle.color=never -pl benchmarks exec:exec -Dgan4j.threads="$t" -Dargs="$*" 2>&1 \
    | sed 's/\x1b\[[0-9;]*m//g' | grep -vE '^(\[main\]|SLF4J|$)' \
    | tee >(grep '^RESULT' | sed "s/^RESULT /$label gan4j $t /" >> "$OUT/results") | { grep -v '^RESULT' || true; }
}
reference() {  # threads, label, script args...
  local t=$1 label=$2; shift 2
  # OpenBLAS workers sleep when idle, as the gan4j side's pom sets it (only --blas-threads 2 runs have such workers)
  (cd "$BENCH" && OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}" $PY "$@") 2>/dev/null | grep -v '^#' \
    | tee >(grep '^RESULT' | sed "s/^RESULT /$label ref $t /" >> "$OUT/results") | { grep -v '^RESULT' || true; }
}

for t in $THREADS; do
  for b in $ONLY; do
    case "$b" in
      dcgan|mlp)
        gan4j "$t" "$b" train --model "$b"
        reference "$t" "$b" dcgan_ref.py --model "$b" --threads "$t" --iters 50
        [ "$t" -gt 1 ] && reference "$t" "$b" dcgan_ref.py --model "$b" --threads "$t" --blas-threads 1 --iters 50 ;;
      wgan-gp)
        gan4j "$t" "$b" train --model wgan-gp --warmup 10 --iters 20
        reference "$t" "$b" wgan_gp_ref.py --threads "$t" --iters 20
        [ "$t" -gt 1 ] && reference "$t" "$b" wgan_gp_ref.py --threads "$t" --blas-threads 1 --iters 20 ;;
      cyclegan)
        gan4j "$t" "$b" cyclegan --iters 30
        reference "$t" "$b" cyclegan_ref.py --threads "$t" --iters 30
        [ "$t" -gt 1 ] && reference "$t" "$b" cyclegan_ref.py --threads "$t" --blas-threads 1 --iters 30 ;;
      sampling)
        gan4j "$t" "$b" sampling --batch 500 --reps 20 --callers 2
        reference "$t" "$b" sample_ref.py --model dcgan --threads "$t" --batch 500 --iters 20 --grad-mode no_grad
        [ "$t" -gt 1 ] && reference "$t" "$b" sample_ref.py --model dcgan --threads "$t" --blas-threads 1 --batch 500 --iters 20 --grad-mode no_grad ;;
      stylegan)
        gan4j "$t" "$b" stylegan --cycles 3
        (BENCH="$PWD/benchmarks" reference "$t" "$b" stylegan2_ref.py --threads "$t" --cycles 3)
        [ "$t" -gt 1 ] && (BENCH="$PWD/benchmarks" reference "$t" "$b" stylegan2_ref.py --threads "$t" --blas-threads 1 --cycles 3) ;;
      fid)
        gan4j "$t" "$b" fid --reps 3
        reference "$t" "$b" fid_ref.py time --threads "$t" --n 10000 --d 2048 --reps 3 ;;
      gemm)
        gan4j "$t" "$b" gemm --size 2048
        (cd "$BENCH" && $PY gemm_peak.py --threads "$t" --sizes 2048) 2>/dev/null | { grep '^gemm' || true; } \
          | tee >(sed -n 's/.*GFLOPs_med=\([0-9.]*\).*/{"gflops_median": \1}/p' | sed "s/^/$b ref $t /" >> "$OUT/results") ;;
    esac
  done
done

echo
echo "compare.sh $(date -u +%Y-%m-%dT%H:%MZ) commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo '+changes')"
$PY - "$OUT/results" <<'PYEOF'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    label, impl, threads, payload = line.split(" ", 3)
    r = json.loads(payload)
    if label == "fid":
        v = r.get("total_s_median")
    elif label == "gemm":
        v = r.get("gflops_median")
    elif label == "sampling":
        v = r.get("sec_per_call_median", r.get("sec_per_iter_median"))
    else:
        v = r.get("sec_per_iter_median")
    if v is None:
        continue
    best = rows.setdefault((label, int(threads)), {})
    # the reference's fastest setting counts (lowest time; highest GFLOP/s for gemm)
    if impl not in best or (label == "gemm" and v > best[impl][0]) or (label != "gemm" and v < best[impl][0]):
        best[impl] = (v, r)
print(f"{'benchmark':10s} {'threads':>7s} {'gan4j':>12s} {'reference':>12s} {'ratio':>7s} {'ref foreign':>11s} {'gemm share':>10s}  notes")
for (label, threads), v in sorted(rows.items()):
    g, gr = v.get("gan4j", (None, {}))
    ref, rr = v.get("ref", (None, {}))
    ratio = (g / ref) if g and ref else float("nan")
    if label == "gemm":
        ratio = (ref / g) if g and ref else float("nan")
        fmt = lambda x: f"{x:8.1f}GF/s"
    else:
        fmt = lambda x: f"{x:10.4f}s"
    share = gr.get("percent_of_gemm_peak")
    foreign = rr.get("foreign_cores")
    notes = ""
    if label == "sampling" and g and ref:
        notes = f"images/s {500 / g:.0f} vs {500 / ref:.0f} ({ref / g:.2f}x)"
        if gr.get("concurrent_speedup"):
            notes += f"; {gr['callers']} callers {gr['concurrent_speedup']:.2f}x one"
    if gr.get("allocator"):
        notes += (" " if notes else "") + f"[gan4j allocator {gr['allocator']}]"
    print(f"{label:10s} {threads:7d} {fmt(g) if g else '-':>12s} {fmt(ref) if ref else '-':>12s} {ratio:7.2f} "
          f"{foreign if foreign is None else round(foreign, 2)!s:>11s} {share if share is None else f'{share:.0f}%'!s:>10s}  {notes}")
print("ratio = gan4j time / reference time (gemm: reference GFLOP/s / gan4j GFLOP/s); below 1.0 gan4j is faster")
PYEOF
