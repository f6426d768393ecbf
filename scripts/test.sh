#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need, then runs the whole suite offline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -x scripts/ensure-chromium.sh ]; then
  scripts/ensure-chromium.sh || echo "test.sh: chromium, chromium-driver or tcmalloc could not be installed; the browser tests (report render, serve page) will be skipped and the allocator test fails" >&2
fi
# The PyTorch oracle's Python for the parity tests (../shared/parity); they fail in CI without it.
scripts/ensure-oracle.sh >/dev/null || echo "test.sh: the PyTorch oracle could not be prepared; the parity tests will skip (fail in CI)" >&2
mvn -B -Dai.djl.offline=true test "$@"
# Then a short bounded fuzzing run of every reader (docs/RELIABILITY.md); FER4J_FUZZ=0 skips it.
if [ "${FER4J_FUZZ:-1}" != "0" ]; then
  scripts/fuzz.sh "${FER4J_FUZZ_DURATION:-15s}"
fi
