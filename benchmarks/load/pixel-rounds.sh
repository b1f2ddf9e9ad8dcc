#!/usr/bin/env bash
# Pixel ingest in rounds: the load harness's server set-up (run.sh: fresh database, raised rate limits,
# the harness's workspaces and pixel site), then 10 s of JIT warm-up on each, then three rounds of
# (a) GET /api/v1/ping and (e) POST /api/v1/pixel/track one after the other, each reporting requests/s
# and the server JVM's CPU time per request (utime + stime from /proc/<pid>/stat), so that on a shared
# machine (e)/(a) is taken round by round. Run from anywhere:
#
#   PIXEL_JAR=war/target/gatehouse.jar bash benchmarks/load/pixel-rounds.sh --db postgres --connections 32 --duration 10
#
# Options as run.sh's; prints one "CPU <scenario><round> rps=… requests=… cpu_s=… us_per_req=… load=…" line
# per run. Stops the server and drops its database at the end.
set -Eeuo pipefail

LOAD_JAR=${PIXEL_JAR:-${LOAD_JAR:-}}
[[ -n $LOAD_JAR ]] || unset LOAD_JAR
# shellcheck source=server.sh
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

run_wrk a-jit 10 "$API/ping" get 0 ja ""
run_wrk e-jit 10 "$API/pixel/track" pixel 0 je ""
for round in 1 2 3; do
    measure a$round "$API/ping" get
    measure e$round "$API/pixel/track" pixel
done
