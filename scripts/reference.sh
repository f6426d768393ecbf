#!/usr/bin/env bash
# Regenerates fer4j-vision's equality fixtures by running the original networks in Node:
#   scripts/reference.sh            (writes fer4j-vision/src/test/resources/org/fer4j/vision/faceapi/)
# Needs node and npm; installs @tensorflow/tfjs (pure JS), @vladmandic/face-api and jpeg-js into
# scripts/reference/node_modules. face-api's Node build requires @tensorflow/tfjs-node, whose native
# binary is not reachable here, so a one-line shim re-exports @tensorflow/tfjs under that name.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/reference"
[ -d node_modules/@vladmandic/face-api ] || npm install --no-audit --no-fund --ignore-scripts
mkdir -p node_modules/@tensorflow/tfjs-node
echo '{"name":"@tensorflow/tfjs-node","version":"0.0.0-shim","main":"index.js"}' > node_modules/@tensorflow/tfjs-node/package.json
echo "module.exports = require('@tensorflow/tfjs');" > node_modules/@tensorflow/tfjs-node/index.js
exec node faceapi-reference.js "${1:-../../fer4j-vision/src/test/resources/org/fer4j/vision/faceapi}"
