#!/usr/bin/env bash
# Side-by-side benchmark: fer4j (`fer4j bench`) against PyTorch in Python (../shared/bench/torch_reference.py)
# on the same workloads, alternating A B A B ... per workload (never both at once), then per workload both
# medians and the speed ratio fer4j/PyTorch (> 1: fer4j faster). Works from a clean clone: builds the jar
# if needed and prepares the reference with ../shared/bench/setup_reference.sh.
#
#   bench/compare.sh [--repeats N] [--steps N] [--warmup N] [--latency-steps N] [--threads N]
#                    [--rows default|all|onnx|ROW,ROW...] [--onnx] [--out FILE]
#
# Rows (workload:res:batch): train:64:64 train:112:32 train:224:16 paired:112:32 infer:112:64 infer:224:64
# latency:112:1 latency:224:1; 'all' adds twobranch:112:32. --onnx adds a third side to the infer and latency
# rows: the same model exported to ONNX and run by ONNX Runtime (`fer4j bench --workload onnx-infer|onnx-latency`),
# alternating with the other two; 'onnx' is the rows infer:112:64,infer:224:64,latency:112:1 with --onnx. The default run (3 repeats of 6 timed steps
# after 2 warm-up; 50 batch-1 forwards after 10 for latency) should take about 8 minutes on a quiet
# 2-core machine. Writes the table to FILE (default runs/bench/compare-<time>.md)
# and every raw JSON line (.jsonl) and both programs' stderr (.log) beside it. fp32 only: fer4j refuses bf16
# (DJL 0.32's PyTorch JNI has no bfloat16 type; see docs/PERFORMANCE.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

repeats=3; steps=6; warmup=2; latency_steps=50; threads=$(nproc); rows=default; out=""; onnx=0
while [ $# -gt 0 ]; do
  case "$1" in
    --repeats) repeats=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --latency-steps) latency_steps=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    --onnx) onnx=1; shift ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n "2,/^set -euo/p" "$0" | sed "$ d" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$repeats" "$steps" "$latency_steps" "$threads"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: counts must be positive integers, got '$n'" >&2; exit 2; }
done
[[ "$warmup" =~ ^[0-9]+$ ]] || { echo "compare.sh: --warmup must be a non-negative integer" >&2; exit 2; }

default_rows="train:64:64 train:112:32 train:224:16 paired:112:32 infer:112:64 infer:224:64 latency:112:1 latency:224:1"
case "$rows" in
  default) rows="$default_rows" ;;
  all) rows="$default_rows twobranch:112:32" ;;
  onnx) rows="infer:112:64 infer:224:64 latency:112:1"; onnx=1 ;;
  *) rows="${rows//,/ }" ;;
esac
for r in $rows; do
  [[ "$r" =~ ^(train|paired|twobranch|infer|latency):[0-9]+:[0-9]+$ ]] \
    || { echo "compare.sh: bad row '$r'; expected WORKLOAD:RES:BATCH with workload train, paired, twobranch, infer or latency" >&2; exit 2; }
done

ref_dir="${FER4J_REFERENCE_DIR:-$root/../shared/bench}"
if [ ! -f "$ref_dir/torch_reference.py" ] || [ ! -f "$ref_dir/setup_reference.sh" ]; then
  echo "compare.sh: the PyTorch reference is not in $ref_dir (torch_reference.py, setup_reference.sh);" \
       "set FER4J_REFERENCE_DIR to the folder that holds them" >&2
  exit 2
fi

stamp=$(date +%Y%m%d-%H%M%S)
[ -n "$out" ] || out="runs/bench/compare-$stamp.md"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")" # absolute: the reference runs from /
raw="${out%.md}.jsonl"
log="${out%.md}.log"
: > "$raw"; : > "$log"

echo "compare.sh: building fer4j if needed ..." >&2
./fer4j --version >/dev/null
echo "compare.sh: preparing the PyTorch reference ..." >&2
PY=$(bash "$ref_dir/setup_reference.sh" | tail -1)
$PY -c 'import torch' >/dev/null
PYTHON=python3; command -v python3 >/dev/null || PYTHON="$PY"

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
started=$(date +%s)
echo "compare.sh: $repeats repeats x [$rows], $steps steps (+$warmup warm-up), $threads threads, fp32" >&2

run_fer4j() { # workload res batch
  local w=$1 res=$2 b=$3 args
  case "$w" in
    infer|onnx-infer) args=(--workload "$w" --infer-batch "$b" --steps "$steps") ;;
    latency|onnx-latency) args=(--workload "$w" --latency-steps "$latency_steps") ;;
    *) args=(--workload "$w" --batch "$b" --steps "$steps") ;;
  esac
  ./fer4j bench "${args[@]}" --res "$res" --warmup "$warmup" --threads "$threads" \
    --json-lines 2>>"$log" | grep '^{' | tail -1
}
run_torch() { # workload res batch
  local w=$1 res=$2 b=$3 n=$steps wu=$warmup
  # fer4j warms batch-1 latency up for at least 10 forwards; give the reference the same
  if [ "$w" = latency ]; then w=infer; b=1; n=$latency_steps; wu=$(( warmup > 10 ? warmup : 10 )); fi
  (cd / && $PY "$ref_dir/torch_reference.py" "$w" --res "$res" --batch "$b" --steps "$n" --warmup "$wu" \
    --threads "$threads" 2>>"$log") | grep '^{' | tail -1
}

for r in $rows; do
  IFS=: read -r w res b <<< "$r"
  for i in $(seq 1 "$repeats"); do
    sides="fer4j pytorch"
    if [ "$onnx" = 1 ] && { [ "$w" = infer ] || [ "$w" = latency ]; }; then sides="fer4j pytorch onnx"; fi
    for engine in $sides; do
      case $engine in
        fer4j) line=$(run_fer4j "$w" "$res" "$b" || true) ;;
        onnx) line=$(run_fer4j "onnx-$w" "$res" "$b" || true) ;;
        *) line=$(run_torch "$w" "$res" "$b" || true) ;;
      esac
      if [ -z "$line" ]; then
        echo "compare.sh: $engine $r run $i produced no result (see $log)" >&2
        continue
      fi
      echo "{\"row\": \"$r\", \"repeat\": $i, \"side\": \"$engine\", \"result\": $line}" >> "$raw"
      echo "  $r #$i $engine: $($PYTHON -c 'import json,sys; d=json.loads(sys.argv[1]); print(d.get("items_per_s"), d.get("items"), "median", d.get("step_s_median"), "s")' "$line")" >&2
    done
  done
done

elapsed=$(( $(date +%s) - started ))
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
"$PYTHON" - "$raw" "$out" "$repeats" "$steps" "$warmup" "$threads" fp32 "$elapsed" "$load_before" "$load_after" <<'PYEOF'
import json, os, statistics, sys, platform
raw, out, repeats, steps, warmup, threads, precision, elapsed, load_before, load_after = sys.argv[1:]
rows, order = {}, []
for line in open(raw):
    d = json.loads(line)
    if d["row"] not in rows:
        rows[d["row"]] = {}; order.append(d["row"])
    rows[d["row"]].setdefault(d["repeat"], {})[d["side"]] = d["result"]

def cpu():
    try:
        for l in open("/proc/cpuinfo"):
            if l.startswith("model name"):
                return l.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()

def flags():
    try:
        for l in open("/proc/cpuinfo"):
            if l.startswith("flags"):
                have = set(l.split(":", 1)[1].split())
                return ", ".join(f for f in ("avx2", "avx512f", "avx512_bf16", "avx512_vp2intersect", "amx_tile", "amx_bf16") if f in have) or "none of avx2/avx512"
    except OSError:
        pass
    return "?"

torch_version = fer_versions = "?"
lines = []
with_onnx = any("onnx" in v for r in rows.values() for v in r.values())
extra_head = " fer4j ONNX Runtime | ORT/PyTorch (speed) | ORT/fer4j PyTorch (speed) | ORT peak RSS (MB) |" if with_onnx else ""
lines.append("| workload | size | fer4j | PyTorch | fer4j/PyTorch (speed) | ratio range | peak RSS fer4j / PyTorch (MB) |" + extra_head)
lines.append("|---|---|---|---|---|---|---|" + ("---|---|---|---|" if with_onnx else ""))

def speed(w, a, b):  # how much faster a is than b (throughput; latency: inverse time)
    return b["step_s_median"] / a["step_s_median"] if w == "latency" else a["items_per_s"] / b["items_per_s"]

def show(w, xs):
    if w == "latency":
        return (f"p50 {statistics.median(x['step_s_median'] for x in xs) * 1e3:.1f} ms, "
                f"p99 {statistics.median(x['step_s_p99'] for x in xs) * 1e3:.1f} ms")
    return f"{statistics.median(x['items_per_s'] for x in xs):.1f} img/s"

worst = None
for name in order:
    w, res, b = name.split(":")
    pairs = [v for _, v in sorted(rows[name].items()) if "fer4j" in v and "pytorch" in v]
    fer = [v["fer4j"] for v in rows[name].values() if "fer4j" in v]
    ref = [v["pytorch"] for v in rows[name].values() if "pytorch" in v]
    if ref:
        torch_version = ref[0].get("torch", "?")
    size = f"{res} px, batch {b}"
    if not fer or not ref or any("skipped" in f for f in fer):
        why = fer[0].get("skipped", "no result") if fer else "no fer4j result"
        lines.append(f"| {w} | {size} | {why} | | | | |")
        continue
    if w == "latency":
        f_med = statistics.median(x["step_s_median"] for x in fer) * 1e3
        r_med = statistics.median(x["step_s_median"] for x in ref) * 1e3
        f_p99 = statistics.median(x["step_s_p99"] for x in fer) * 1e3
        r_p99 = statistics.median(x["step_s_p99"] for x in ref) * 1e3
        ratios = [p["pytorch"]["step_s_median"] / p["fer4j"]["step_s_median"] for p in pairs]
        fs, rs = f"p50 {f_med:.1f} ms, p99 {f_p99:.1f} ms", f"p50 {r_med:.1f} ms, p99 {r_p99:.1f} ms"
    else:
        unit = "pairs/s" if w == "paired" else "img/s"
        f_med = statistics.median(x["items_per_s"] for x in fer)
        r_med = statistics.median(x["items_per_s"] for x in ref)
        ratios = [p["fer4j"]["items_per_s"] / p["pytorch"]["items_per_s"] for p in pairs]
        fs, rs = f"{f_med:.1f} {unit}", f"{r_med:.1f} {unit}"
    ratio = statistics.median(ratios)
    worst = ratio if worst is None else min(worst, ratio)
    rss_f = statistics.median(x["peak_rss_mb"] for x in fer)
    rss_r = statistics.median(x["peak_rss_mb"] for x in ref)
    verdict = "" if ratio >= 1.0 else " (fer4j slower)"
    tail = ""
    if with_onnx:
        ort = [v["onnx"] for v in rows[name].values() if "onnx" in v]
        trios = [v for v in rows[name].values() if "onnx" in v and "pytorch" in v and "fer4j" in v]
        if ort and trios:
            vs_py = statistics.median(speed(w, t["onnx"], t["pytorch"]) for t in trios)
            vs_fer = statistics.median(speed(w, t["onnx"], t["fer4j"]) for t in trios)
            rng = [speed(w, t["onnx"], t["pytorch"]) for t in trios]
            tail = (f" {show(w, ort)} | **{vs_py:.2f}** ({min(rng):.2f}-{max(rng):.2f}) | {vs_fer:.2f} "
                    f"| {statistics.median(x['peak_rss_mb'] for x in ort):.0f} |")
        else:
            tail = " | | | |"
    lines.append(f"| {w} | {size} | {fs} | {rs} | **{ratio:.2f}**{verdict} | {min(ratios):.2f}-{max(ratios):.2f} "
                 f"| {rss_f:.0f} / {rss_r:.0f} ({rss_f / rss_r:.2f}x) |" + tail)

fer_isas = sorted({v["fer4j"].get("onednn_isa", "?") for r in rows.values() for v in r.values() if "fer4j" in v})
torch_isa = os.environ.get("ONEDNN_MAX_CPU_ISA") or os.environ.get("DNNL_MAX_CPU_ISA") or "all"
head = [f"# fer4j vs PyTorch in Python, side by side",
        "",
        f"{cpu()} (flags: {flags()}); {threads} threads each; {precision}; {repeats} alternating repeats (fer4j, PyTorch, fer4j, ...) "
        f"of {steps} timed steps after {warmup} warm-up (latency: batch-1 forwards); PyTorch {torch_version}; "
        f"load average before {load_before}, after {load_after}; {elapsed} s in all.",
        f"oneDNN instruction set: fer4j {', '.join(fer_isas)}, PyTorch {torch_isa.lower()}"
        + (" (fer4j capped, PyTorch not: where libtorch 2.5.1's uncapped convolution gradients are wrong, fer4j's training "
           "rows run capped at AVX, docs/PLATFORMS.md; for like-for-like kernels run with ONEDNN_MAX_CPU_ISA=AVX exported)"
           if torch_isa.lower() == "all" and any(i not in ("all", "?") for i in fer_isas) else "") + ".",
        "Medians over repeats of each run's median step; the ratio is the median of the per-repeat ratios "
        "(throughput fer4j / PyTorch; latency PyTorch / fer4j), so > 1 means fer4j is faster.",
        ""]
text = "\n".join(head + lines) + "\n"
if worst is not None:
    text += f"\nslowest row: fer4j/PyTorch = {worst:.2f}\n"
open(out, "w").write(text)
print(text)
print(f"table written to {out}; raw results in {raw}")
PYEOF
