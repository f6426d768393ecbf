#!/usr/bin/env bash
# Frames per second of `fer4j video` on generated 640x480 videos (docs/IN_THE_WILD.md): 1 and 4 real fixture faces,
# a paired SPNDL ResNet-18 (untrained: it costs what a trained one costs) against each track's first frame, at batch 1
# and 16. Prints video's own summary (frames, faces, tracks, fps, time shares) per run, one run at a time.
#   FRAMES=200 WIDTH=1.0 RES=112 BATCHES="1 16" FACES="1 4" DETECTOR=haar CROP=box bench/video-fps.sh
# CROP=landmarks runs face-api's 68-point network on every face (fer4j models install faceapi-landmark68); its time
# is in "the rest", so its share is the difference against CROP=box.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
FRAMES=${FRAMES:-200}
WIDTH=${WIDTH:-1.0}
RES=${RES:-112}
BATCHES=${BATCHES:-"1 16"}
FACES=${FACES:-"1 4"}
DETECTOR=${DETECTOR:-haar}
CROP=${CROP:-box}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. bench/lib.sh
bench_classpath fer4j-vision
java "${java_opts[@]}" -cp "$cp" org.fer4j.vision.bench.VideoFps model "$work/model" "$WIDTH" "$RES"
echo "video-fps: $FRAMES frames of 640x480, model width $WIDTH at $RES px, detector $DETECTOR, crop $CROP, $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), flags: $(grep -m1 -o -w -E 'avx512f|avx512_bf16|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')load $(cut -d' ' -f1 /proc/loadavg)" >&2
for f in $FACES; do
  java "${java_opts[@]}" -cp "$cp" org.fer4j.vision.bench.VideoFps video "$work/faces$f.mp4" "$f" "$FRAMES"
  for b in $BATCHES; do
    echo "== $f face(s), batch $b (load $(cut -d' ' -f1 /proc/loadavg))"
    java "${java_opts[@]}" -cp "$cp" org.fer4j.cli.Fer4j video "$work/faces$f.mp4" --model "$work/model" --neutral first:30 \
      --detector "$DETECTOR" --crop "$CROP" --batch "$b" --out-csv "$work/rows.csv" --no-progress 2>&1 | grep "^fer4j: " || true
  done
done
