#!/usr/bin/env python3
"""Start-up to first prediction in PyTorch (Python): the counterpart of `fer4j predict --image X`.

    PY bench/first_prediction.py REFERENCE_DIR IMAGE [--res 112] [--threads 2] [--weights STATE_DICT.pt]

Imports torch, builds the reference's ResNet-18 trunk (REFERENCE_DIR/torch_reference.py, e.g.
../shared/bench) and a linear head for 7 classes, loads --weights if given (torch.save of a state
dict; otherwise fresh initialisation stands in for reading the weights), decodes IMAGE with PIL, crops
the centre square, resizes it to --res, normalises with ImageNet statistics and prints the top class
and its probability. Timed as a whole process from outside (bench/startup.sh).
"""
import argparse, sys

ap = argparse.ArgumentParser()
ap.add_argument("reference_dir")
ap.add_argument("image")
ap.add_argument("--res", type=int, default=112)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--weights")
a = ap.parse_args()
sys.path.insert(0, a.reference_dir)

import numpy as np
import torch
from PIL import Image
from torch_reference import Trunk

torch.set_num_threads(a.threads)
classes = ["anger", "contempt", "disgust", "fear", "happiness", "sadness", "surprise"]
trunk = Trunk(1.0)
model = torch.nn.Sequential(trunk, torch.nn.Linear(trunk.out_dim, len(classes))).eval()
if a.weights:
    model.load_state_dict(torch.load(a.weights))
img = Image.open(a.image).convert("RGB")
side = min(img.size)
left, top = (img.width - side) // 2, (img.height - side) // 2
img = img.crop((left, top, left + side, top + side)).resize((a.res, a.res), Image.BILINEAR)
x = torch.from_numpy(np.asarray(img, dtype=np.float32) / 255.0).permute(2, 0, 1)
x = (x - torch.tensor([0.485, 0.456, 0.406])[:, None, None]) / torch.tensor([0.229, 0.224, 0.225])[:, None, None]
with torch.inference_mode():
    p = model(x[None]).softmax(1)[0]
k = int(p.argmax())
print(f"{a.image}  {classes[k]}  {float(p[k]):.3f}")
