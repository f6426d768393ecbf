#!/usr/bin/env bash
# Fuzzes every reader of user files with Jazzer, one target at a time (Jazzer fuzzes one test per JVM).
#   scripts/fuzz.sh            30 s per target (what CI runs after the tests)
#   scripts/fuzz.sh 10m        a long run; findings land in the module's src/test/resources/.../<Test>Inputs/
# A crash fails the script; its input is saved by Jazzer as a regression input, which then runs in every build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration="${1:-30s}"
targets=(
  "fer4j-core:org.fer4j.fuzz.ReadersFuzzTest#imageDecodeAndCrop"
  "fer4j-core:org.fer4j.fuzz.ReadersFuzzTest#manifestCsv"
  "fer4j-core:org.fer4j.fuzz.ReadersFuzzTest#npyArray"
  "fer4j-core:org.fer4j.fuzz.ReadersFuzzTest#safeTensors"
  "fer4j-vision:org.fer4j.vision.fuzz.TfjsManifestFuzzTest#manifest"
)
mkdir -p target/fuzz
summary=target/fuzz/summary.txt
: > "$summary"
for t in "${targets[@]}"; do
  module="${t%%:*}"; test="${t#*:}"
  log="target/fuzz/${test//[#.]/_}.log"
  echo "fuzz.sh: $test for $duration" >&2
  if ! JAZZER_FUZZ=1 mvn -B -q -o -Dai.djl.offline=true -pl "$module" -am test -Dtest="$test" \
      -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration="$duration" > "$log" 2>&1; then
    echo "fuzz.sh: $test FAILED (a finding, or the run broke); see $log" >&2
    grep -E "== Java Exception|FuzzerSecurityIssue|Caused by|crash-" "$log" | head -20 >&2 || true
    exit 1
  fi
  # libFuzzer's last status line: "#N DONE cov: ... exec/s: ..." (or the last progress line)
  line="$(grep -aE '#[0-9]+.*(DONE|pulse|REDUCE|NEW|INITED)' "$log" | tail -1 || true)"
  echo "$test  $duration  ${line:-no libFuzzer status line (regression run only?)}" | tee -a "$summary" >&2
done
echo "fuzz.sh: every target ran $duration without a finding; summary in $summary" >&2
