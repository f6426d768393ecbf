#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need, then runs the whole suite offline.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -x scripts/ensure-chromium.sh ]; then
  scripts/ensure-chromium.sh || echo "test.sh: Chromium could not be installed; the report render test will be skipped" >&2
fi
exec mvn -B -Dai.djl.offline=true test "$@"
