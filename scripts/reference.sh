#!/usr/bin/env bash
# Regenerates fer4j-vision's equality fixtures by running the original networks in Node:
#   scripts/reference.sh [faceapi|blazeface ...]      (default: both)
#     faceapi   -> fer4j-vision/src/test/resources/org/fer4j/vision/faceapi/
#                  (112-pixel crops + expression-reference.json, landmark-reference.json; 150-pixel crops
#                  of the same faces + recognition-reference.json, FaceRecognitionNet's descriptors)
#     blazeface -> fer4j-vision/src/test/resources/org/fer4j/vision/detect/blazeface/
# Needs node and npm; installs @tensorflow/tfjs (pure JS), @vladmandic/face-api, jpeg-js and
# onnxruntime-node (whose npm tarball carries ONNX Runtime's native library) into
# scripts/reference/node_modules. face-api's Node build requires @tensorflow/tfjs-node, whose native
# binary is not reachable here, so a one-line shim re-exports @tensorflow/tfjs under that name.
# BlazeFace's ONNX file comes from fer4j's model store (installed by scripts/install-models.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
res="$here/../fer4j-vision/src/test/resources/org/fer4j/vision"
cd "$here/reference"
[ -d node_modules/@vladmandic/face-api ] && [ -d node_modules/onnxruntime-node ] || npm install --no-audit --no-fund --ignore-scripts
mkdir -p node_modules/@tensorflow/tfjs-node
echo '{"name":"@tensorflow/tfjs-node","version":"0.0.0-shim","main":"index.js"}' > node_modules/@tensorflow/tfjs-node/package.json
echo "module.exports = require('@tensorflow/tfjs');" > node_modules/@tensorflow/tfjs-node/index.js
which=("$@")
[ ${#which[@]} -gt 0 ] || which=(faceapi blazeface)
for w in "${which[@]}"; do
  case "$w" in
    faceapi) node faceapi-reference.js "$res/faceapi" ;;
    blazeface) store="$("$here/install-models.sh" blazeface-front)"; node blazeface-reference.js "$res/detect/blazeface" "$store" ;;
    *) echo "reference.sh: unknown reference '$w' (faceapi, blazeface)" >&2; exit 2 ;;
  esac
done
