#!/usr/bin/env python3
"""fer4j's training step beside PyTorch's, operator by operator (docs/PERFORMANCE.md, "Training at parity").

fer4j's side comes from `fer4j bench --workload W --profile DIR` (libtorch's own profiler around the timed steps,
DIR/W.trace.json). PyTorch's side is ../shared/bench/torch_reference.py, called as it is, under torch.profiler; the
events before the end of its last warm-up step (its W-th `Optimizer.step`) are dropped, so both profiles hold
only warm steps of the same workload (same sizes, same ResNet-18, the same Adam). Both traces are reduced the same way: each event's self time (its
duration less its direct children's, per thread), summed by operator name and divided by the steps, then
grouped into the step's parts. Prints one table in ms per step.

    PY=$(../shared/bench/setup_reference.sh | tail -1)
    ./fer4j bench --workload paired --res 64 --batch 32 --steps 10 --warmup 3 --threads 2 --profile /tmp/prof
    $PY bench/op_profile.py --fer4j /tmp/prof/paired.trace.json --workload paired --res 64 --batch 32 --steps 10
"""
import argparse, collections, contextlib, io, json, os, re, sys, tempfile

GROUPS = [  # first match wins; the step's parts as a reader of the papers would name them
    ("convolution backward", r"ConvolutionBackward|convolution_backward|mkldnn_convolution_backward|conv.*backward"),
    ("convolution forward", r"conv2d|convolution|mkldnn_convolution|_convolution"),
    ("BatchNorm backward", r"BatchNorm.*Backward|batch_norm_backward|native_batch_norm_backward"),
    ("BatchNorm forward", r"batch_norm|native_batch_norm|_batch_norm_impl"),
    ("ReLU (forward and backward)", r"relu|threshold|ReluBackward|ThresholdBackward"),
    ("pooling (max, average)", r"pool|MaxPool|AdaptiveAvgPool|mean|MeanBackward"),
    ("head and loss (linear, softmax cross-entropy)", r"linear|addmm|matmul|mm\b|AddmmBackward|MmBackward|log_softmax|nll_loss|cross_entropy|LogSoftmax|NllLoss|TBackward|\bt\b"),
    ("residual additions, NDF subtraction, concatenation", r"aten::add\b|aten::sub\b|aten::cat\b|AddBackward|SubBackward|CatBackward|aten::rsub"),
    ("optimizer (Adam)", r"Adam|adam|addcdiv|addcmul|lerp|sqrt|_foreach|aten::mul_|aten::add_|aten::div_|aten::mul\b|aten::div\b|zero_|fill_"),
    ("allocation, copies, views", r"empty|copy_|clone|\bto\b|_to_copy|contiguous|view|reshape|as_strided|slice|select|detach|narrow|expand|flatten|alias|resize_|zeros|ones|unsqueeze|squeeze|permute|transpose|stack|split|chunk"),
]


def events_of(path):
    with open(path) as f:
        data = json.load(f)
    return data["traceEvents"] if isinstance(data, dict) else data


def warm_start(events, warmup):
    """The end of the warmup-th optimizer step (0: the beginning): where the timed steps begin."""
    ends = sorted(float(e["ts"]) + float(e["dur"]) for e in events
                  if e.get("ph") == "X" and e.get("name", "").startswith("Optimizer.step#"))
    if warmup == 0:
        return float("-inf")
    if len(ends) < warmup:
        raise SystemExit(f"the PyTorch trace has {len(ends)} optimizer steps, fewer than the {warmup} warm-up steps")
    return ends[warmup - 1]


def self_times(events, name_filter=None, after=float("-inf")):
    """Operator name -> total self time in microseconds, from Chrome-trace events starting at or after {after}."""
    per_thread = collections.defaultdict(list)
    for e in events:
        if e.get("ph") != "X" or "dur" not in e:
            continue
        cat = e.get("cat")
        if cat is not None and cat not in ("cpu_op", "user_annotation", "Operator", "operator"):
            continue
        if name_filter and name_filter(e["name"]) or float(e["ts"]) < after:
            continue
        per_thread[(str(e.get("pid")), str(e.get("tid")))].append((float(e["ts"]), float(e["dur"]), e["name"]))
    total = collections.Counter()
    for evs in per_thread.values():
        evs.sort(key=lambda x: (x[0], -x[1]))
        stack = []  # [end, name, self]
        for ts, dur, name in evs:
            while stack and ts >= stack[-1][0] - 1e-3:
                end, n, s = stack.pop()
                total[n] += s
            if stack:
                stack[-1][2] -= dur
            stack.append([ts + dur, name, dur])
        while stack:
            end, n, s = stack.pop()
            total[n] += s
    return total


def group_of(name):
    for g, pattern in GROUPS:
        if re.search(pattern, name):
            return g
    return "other"


def torch_trace(a, out):
    """Runs torch_reference.py's workload under PyTorch's profiler; returns its JSON line."""
    import torch
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, "..", "..", "shared", "bench"))
    import torch_reference
    sys.argv = ["torch_reference.py", a.workload, "--res", str(a.res), "--batch", str(a.batch), "--width", str(a.width),
                "--threads", str(a.threads), "--warmup", str(a.warmup), "--steps", str(a.steps)]
    line = io.StringIO()
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof, contextlib.redirect_stdout(line):
        torch_reference.main()
    prof.export_chrome_trace(out)
    return json.loads(line.getvalue().strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fer4j", required=True, help="fer4j's trace: DIR/WORKLOAD.trace.json from 'fer4j bench --profile DIR'")
    ap.add_argument("--fer4j-steps", type=int, help="timed steps in fer4j's trace (default: --steps)")
    ap.add_argument("--workload", choices=["train", "paired", "twobranch"], default="paired")
    ap.add_argument("--res", type=int, default=112)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--width", type=float, default=1.0)
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--top", type=int, default=12, help="also list the N operators with the largest self time")
    a = ap.parse_args()
    import torch
    with tempfile.TemporaryDirectory() as tmp:
        tp = os.path.join(tmp, "torch.json")
        ref = torch_trace(a, tp)
        evs = events_of(tp)
        ours = self_times(evs, name_filter=lambda n: n.startswith("ProfilerStep") or n.startswith("[memory]"),
                          after=warm_start(evs, a.warmup))
    theirs_steps = a.steps
    fer = self_times(events_of(a.fer4j))
    fer_steps = a.fer4j_steps or a.steps
    g_f, g_t = collections.Counter(), collections.Counter()
    for n, us in fer.items():
        g_f[group_of(n)] += us / fer_steps / 1000
    for n, us in ours.items():
        g_t[group_of(n)] += us / theirs_steps / 1000
    print(f"{a.workload}, {a.res} px, batch {a.batch}, width {a.width}, {a.threads} threads; fer4j {fer_steps} steps,"
          f" PyTorch {torch.__version__} {theirs_steps} steps (its timer: median {1000 * ref['step_s_median']:.1f} ms a step)")
    print("| part of the step | fer4j ms/step | PyTorch ms/step | fer4j − PyTorch |")
    print("|---|---|---|---|")
    for g in [g for g, _ in GROUPS] + ["other"]:
        if g_f[g] or g_t[g]:
            print(f"| {g} | {g_f[g]:.1f} | {g_t[g]:.1f} | {g_f[g] - g_t[g]:+.1f} |")
    tf, tt = sum(g_f.values()), sum(g_t.values())
    print(f"| **all operators** | **{tf:.1f}** | **{tt:.1f}** | **{tf - tt:+.1f}** ({tf / tt:.2f}×) |")
    for side, c, steps in (("fer4j", fer, fer_steps), ("PyTorch", ours, theirs_steps)):
        print(f"\n{side}: the {a.top} operators with the most self time (ms per step)")
        for n, us in c.most_common(a.top):
            print(f"  {us / steps / 1000:8.2f}  {n}  [{group_of(n)}]")


if __name__ == "__main__":
    main()
