#!/usr/bin/env bash
# CPU per request in rounds, for comparing JVM options or builds where wall-clock throughput is too
# noisy: the load harness's server set-up (run.sh's options and LOAD_* variables, e.g. LOAD_JVM_OPTS,
# LOAD_JAR, --xmx), then 30 s of JIT warm-up on each scenario, then three rounds of (a) GET /api/v1/ping,
# (b) GET /api/v1/auth/verify and (c) GET /api/v1/entitlements/check, each printing requests/s and the
# server JVM's CPU time per request (utime + stime from /proc/<pid>/stat). Run from anywhere:
#
#   LOAD_JVM_OPTS='-XX:TieredStopAtLevel=1' bash benchmarks/load/cpu-rounds.sh --xmx 384m
#
# Prints one "CPU <scenario><round> rps=… requests=… cpu_s=… us_per_req=… load=…" line per run.
set -Eeuo pipefail

# shellcheck source=server.sh
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

run_wrk a-jit 30 "$API/ping" get 0 ja ""
run_wrk b-jit 30 "$API/auth/verify" get 0 jb "$KEY_A"
run_wrk c-jit 30 "$API/entitlements/check?feature=posts&quantity=1" get 0 jc "$KEY_A"
for round in 1 2 3; do
    measure a$round "$API/ping" get
    measure b$round "$API/auth/verify" get "$KEY_A"
    measure c$round "$API/entitlements/check?feature=posts&quantity=1" get "$KEY_A"
done
