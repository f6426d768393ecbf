#!/usr/bin/env python3
"""One 3x3 convolution alone in PyTorch, forward and backward: the counterpart of `fer4j bench --workload conv`.

    PY bench/conv_alone.py [--res 112] [--batch 32] [--width 1.0] [--steps 12] [--warmup 3] [--threads 2]

ResNet-18's layer1 convolution (64*width channels at res/4, stride 1, padding 1, with bias), the loss the
sum of its output, gradients for the input and the weight; median seconds per step and images/s as one
JSON line, the same quantile rule as torch_reference.py. Used by bench/compare.sh's `conv` row to show how
much of a training row's fer4j/PyTorch ratio is the kernel release (libtorch 2.5.1 vs the reference's build).
"""
import argparse, json, statistics, time

import torch
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("--res", type=int, default=112)
ap.add_argument("--batch", type=int, default=32)
ap.add_argument("--width", type=float, default=1.0)
ap.add_argument("--steps", type=int, default=12)
ap.add_argument("--warmup", type=int, default=3)
ap.add_argument("--threads", type=int, default=0)
a = ap.parse_args()
if a.threads > 0:
    torch.set_num_threads(a.threads)
c = round(64 * a.width)
side = a.res // 4
torch.manual_seed(0)
x = torch.randn(a.batch, c, side, side, requires_grad=True)
w = (torch.randn(c, c, 3, 3) * 0.05).requires_grad_(True)
b = torch.zeros(c, requires_grad=False)
times = []
for i in range(a.warmup + a.steps):
    t0 = time.perf_counter()
    F.conv2d(x, w, b, 1, 1).sum().backward()
    if i >= a.warmup:
        times.append(time.perf_counter() - t0)
med = statistics.median(times)
print(json.dumps({"workload": "conv", "res": a.res, "batch": a.batch, "width": a.width, "median_s": med,
                  "throughput": a.batch / med, "torch": torch.__version__, "threads": torch.get_num_threads()}))
