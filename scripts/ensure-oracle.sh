#!/usr/bin/env bash
# Prepares the PyTorch oracle's Python (../shared/parity/setup.sh: PyTorch, numpy, pillow, safetensors)
# for the parity tests and prints the command that runs it as its last line. Called by scripts/test.sh
# and by the tests themselves; quiet when it is already prepared.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
setup="${FER4J_ORACLE_SETUP:-$root/../shared/parity/setup.sh}"
if [ ! -x "$setup" ] && [ ! -f "$setup" ]; then
  echo "ensure-oracle: $setup not found (the PyTorch oracle lives in ../shared/parity next to the checkout)" >&2
  exit 1
fi
bash "$setup" | tail -1
