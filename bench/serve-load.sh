#!/usr/bin/env bash
# Load test of `fer4j serve` over loopback (docs/SERVING.md): N predictions of fixture photos (Haar
# detection + the model) at each concurrency, with micro-batching on and off. Prints one line per run:
# requests/s, p50/p95/p99 latency, errors, batch sizes, the server's RSS at start and end, load average.
#   N=2000 LEVELS="1 4 16 64" WIDTH=1.0 RES=112 WAIT_MS=5 [WARMUP=K] bench/serve-load.sh
# QUERY='?detect=false' sends each photo as one face crop (the model and HTTP alone, no detection).
# SERVER_ARGS are added to the server's flags, e.g. SERVER_ARGS="--detector blazeface".
# SERVER_JAVA_OPTS go to the server's JVM, e.g. a JFR recording: SERVER_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/s.jfr,settings=profile".
# The server inherits the environment: OMP_WAIT_POLICY and MALLOC_ARENA_MAX (docs/SERVING.md) are printed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${N:-2000}
LEVELS=${LEVELS:-"1 4 16 64"}
WIDTH=${WIDTH:-1.0}
RES=${RES:-112}
PORT=${PORT:-18080}
MODES=${MODES:-"on off"}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

. bench/lib.sh
bench_classpath fer4j-serve

java "${java_opts[@]}" -cp "$cp" org.fer4j.serve.bench.ServeLoad model "$work/model" "$WIDTH" "$RES"
java "${java_opts[@]}" -cp "$cp" org.fer4j.serve.bench.ServeLoad photos "$work/photos"
echo "serve-load: model width $WIDTH at $RES px, $(ls "$work/photos" | wc -l) photos, $N requests per run, server flags '${SERVER_ARGS:-}', $(nproc) cores, OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset} MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset}, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)" >&2

for mode in $MODES; do
  flags=(--rate 0 --queue 4096 --max-batch 64 --batch-wait-ms "${WAIT_MS:-5}")
  [ "$mode" = off ] && flags+=(--no-batching)
  flags+=(${SERVER_ARGS:-})
  java "${java_opts[@]}" ${SERVER_JAVA_OPTS:-} -cp "$cp" org.fer4j.cli.Fer4j serve --model "$work/model" --port "$PORT" "${flags[@]}" \
    >"$work/server-$mode.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  for c in $LEVELS; do
    java -Xmx1g ${WARMUP:+-Dwarmup=$WARMUP} -cp "$cp" org.fer4j.serve.bench.ServeLoad client "http://127.0.0.1:$PORT" "$N" "$c" "$work/photos" "$server" "batching-$mode${QUERY:+ $QUERY}" "${QUERY:-}"
  done
  kill "$server"
  wait "$server" 2>/dev/null || true
done
