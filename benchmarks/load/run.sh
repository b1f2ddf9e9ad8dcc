#!/usr/bin/env bash
# Gatehouse HTTP load harness (issue 7, item 2): start-up time, throughput and latency of four kinds
# of request against the real uber-jar, webhook deliveries/s at a local receiver, and the server's
# resident memory. Run from the repository root:
#
#   bash benchmarks/load/run.sh [--db h2|postgres] [--duration S] [--warmup S] [--jit-warmup S]
#                                 [--threads N] [--connections N] [--xmx SIZE] [--out FILE]
#                                 [--publish-only]
#
# --publish-only (PostgreSQL only; LOAD_PUBLISH_ONLY=1) runs the server without delivery workers
# (gatehouse.webhooks.workers=false), as the API instances of a deployment whose deliveries are made
# by other instances: (d) then measures publishing alone, and instead of counting deliveries at the
# receiver it checks in the database that every accepted event and each of its deliveries were stored.
#
# It builds nothing: it runs war/target/gatehouse.jar as `mvn -B -q package -DskipTests -pl war -am`
# leaves it, and stops with that command in its message when the jar is missing. It installs wrk
# (Debian package) when it is missing; it needs JDK 17 and Node 20, and psql/createdb for --db postgres.
# The results table goes to benchmarks/target/load-results.md (--out FILE to change) and to stdout;
# the server's log to benchmarks/target/load-server.log.
#
# Every option also reads an environment variable: LOAD_DB (h2), LOAD_DURATION (10 s per scenario),
# LOAD_WARMUP (5 s before each scenario), LOAD_JIT_WARMUP (10 s on each GET endpoint before the first
# scenario), LOAD_THREADS (2), LOAD_CONNECTIONS (16), LOAD_OUT, LOAD_DRAIN_TIMEOUT (600 s to wait for a
# webhook backlog); LOAD_PG_HOST/LOAD_PG_PORT/LOAD_PG_USER (127.0.0.1/5432/postgres, trust auth);
# LOAD_STARTUP_TIMEOUT (240 s for the first authenticated 200; more on a machine shared by many builds);
# LOAD_JAR (war/target/gatehouse.jar: another build's jar, e.g. main's copied aside, to compare);
# LOAD_XMX (512m, the server's -Xmx); LOAD_JVM_OPTS, more options for the server's JVM after -Xmx
# (e.g. "-XX:+UseSerialGC").
set -Eeuo pipefail

# shellcheck source=server.sh
source "$(dirname "${BASH_SOURCE[0]}")/server.sh"

scenario() { # name url mode key: warm-up, then the measured run
    [[ $WARMUP -gt 0 ]] && run_wrk "$1-warmup" "$WARMUP" "$2" "$3" 0 "w$1" "$4"
    run_wrk "$1" "$DURATION" "$2" "$3" 0 "m$1" "$4"
}

publish_only_scenario() { # name key fanout: publish with wrk; every accepted event and its deliveries stored?
    local name=$1 key=$2 fanout=$3 before after events deliveries
    [[ $WARMUP -gt 0 ]] && run_wrk "$name-warmup" "$WARMUP" "$API/events" events 0 "w$name" "$key"
    read -r -a before <<< "$(queued)"
    run_wrk "$name" "$DURATION" "$API/events" events 0 "m$name" "$key"
    read -r -a after <<< "$(queued)"
    events=$((after[0] - before[0]))
    deliveries=$((after[1] - before[1]))
    RES[$name.fanout]=$fanout
    RES[$name.stored_events]=$events
    RES[$name.stored_deliveries]=$deliveries
    log "$name: $events events and $deliveries deliveries stored for ${RES[$name.ok2xx]} accepted publishes"
    ((events >= RES[$name.ok2xx])) || die "$name: ${RES[$name.ok2xx]} publishes accepted but $events events stored"
    ((deliveries == events * fanout)) || die "$name: $events events stored with $deliveries deliveries, not $((events * fanout))"
}

events_scenario() { # name key fanout: publish with wrk, count deliveries until the backlog drains
    local name=$1 key=$2 fanout=$3 t0 t1
    if [[ $PUBLISH_ONLY == 1 ]]; then
        publish_only_scenario "$@"
        return
    fi
    harness "$WORK/reset" reset "$RECEIVER"
    if [[ $WARMUP -gt 0 ]]; then
        run_wrk "$name-warmup" "$WARMUP" "$API/events" events 0 "w$name" "$key"
        log "$name: waiting for the warm-up's $((RES[$name-warmup.ok2xx] * fanout)) deliveries"
        harness "$WORK/drain-$name-warmup" drain "$RECEIVER" $((RES[$name-warmup.ok2xx] * fanout)) "$fanout" "$DRAIN_TIMEOUT"
        [[ $(kv "$WORK/drain-$name-warmup" DRAINED) == 1 ]] || die "$name: the warm-up's deliveries did not drain within ${DRAIN_TIMEOUT}s"
    fi
    harness "$WORK/reset" reset "$RECEIVER"
    t0=$(date +%s%3N)
    run_wrk "$name" "$DURATION" "$API/events" events 0 "m$name" "$key"
    t1=$(date +%s%3N)
    harness "$WORK/during-$name" stats "$RECEIVER"
    local expected=$((RES[$name.ok2xx] * fanout))
    log "$name: $(kv "$WORK/during-$name" UNIQUE) of $expected deliveries arrived during the run; waiting for the rest"
    harness "$WORK/drain-$name" drain "$RECEIVER" "$expected" "$fanout" "$DRAIN_TIMEOUT"
    local f="$WORK/drain-$name" during="$WORK/during-$name"
    RES[$name.fanout]=$fanout
    RES[$name.expected]=$(kv "$f" EXPECTED)
    RES[$name.events]=$(kv "$f" EVENTS)
    RES[$name.drained]=$(kv "$f" DRAINED)
    RES[$name.delivered]=$(kv "$f" UNIQUE)
    RES[$name.duplicates]=$(kv "$f" DUPLICATES)
    RES[$name.during]=$(kv "$during" UNIQUE)
    RES[$name.during_rate]=$(awk -v n="${RES[$name.during]}" -v ms=$((t1 - t0)) 'BEGIN {printf "%.1f", n / (ms / 1000)}')
    local last
    last=$(kv "$f" LAST_MS)
    RES[$name.after_rate]=$(awk -v n=$((RES[$name.delivered] - RES[$name.during])) -v ms=$((${last:-$t1} - t1)) 'BEGIN {printf "%.1f", (ms > 0 ? n / (ms / 1000) : 0)}')
    RES[$name.window_s]=$(awk -v ms=$((${last:-$t1} - t0)) 'BEGIN {printf "%.1f", ms / 1000}')
    RES[$name.total_rate]=$(awk -v n="${RES[$name.delivered]}" -v ms=$((${last:-$t1} - t0)) 'BEGIN {printf "%.1f", (ms > 0 ? n / (ms / 1000) : 0)}')
    log "$name: ${RES[$name.delivered]} of ${RES[$name.expected]} delivered, ${RES[$name.total_rate]}/s from first publish to last receipt (${RES[$name.window_s]} s)"
    [[ ${RES[$name.drained]} == 1 ]] || log "$name: WARNING the backlog did not drain within ${DRAIN_TIMEOUT}s"
}

log "wrk: $THREADS threads, $CONNECTIONS connections; ${JIT_WARMUP}s on each GET endpoint and on POST /events, then ${WARMUP}s warm-up + ${DURATION}s per scenario"
# A fresh JVM on two busy cores keeps getting faster for tens of seconds: whichever scenario ran
# first came out slower (/ping below /auth/verify). So one warm-up round over the GET scenarios first.
# Publishing too: its path (the batch writer, the JDBC batches) is longer than a GET's, and measured
# cold, C2 compiling it took a third of the server's CPU during (d).
if [[ $JIT_WARMUP -gt 0 ]]; then
    run_wrk a-jit "$JIT_WARMUP" "$API/ping" get 0 ja ""
    run_wrk b-jit "$JIT_WARMUP" "$API/auth/verify" get 0 jb "$KEY_A"
    run_wrk c-jit "$JIT_WARMUP" "$API/entitlements/check?feature=posts&quantity=1" get 0 jc "$KEY_A"
    harness "$WORK/reset" reset "$RECEIVER"
    run_wrk d-jit "$JIT_WARMUP" "$API/events" events 0 jd "$KEY_A"
    if [[ $PUBLISH_ONLY != 1 ]]; then
        harness "$WORK/drain-d-jit" drain "$RECEIVER" "${RES[d-jit.ok2xx]}" 1 "$DRAIN_TIMEOUT"
        [[ $(kv "$WORK/drain-d-jit" DRAINED) == 1 ]] || die "the JIT warm-up's deliveries did not drain within ${DRAIN_TIMEOUT}s"
    fi
fi
scenario a "$API/ping" get ""
scenario b "$API/auth/verify" get "$KEY_A"
HALF_RATE=$(awk -v r="${RES[b.rps]}" 'BEGIN {printf "%d", r / 2}')
[[ $HALF_RATE -ge 1 ]] || HALF_RATE=1
run_wrk b-half "$DURATION" "$API/auth/verify" get "$HALF_RATE" "hb" "$KEY_A"
scenario c "$API/entitlements/check?feature=posts&quantity=1" get "$KEY_A"
scenario e "$API/pixel/track" pixel ""
events_scenario d1 "$KEY_A" 1
events_scenario d10 "$KEY_B" 10

RSS_END_KB=$(rss_kb "$SERVER_PID")
RSS_HWM_KB=$(vm_hwm_kb "$SERVER_PID")
RSS_MAX_KB=$(cat "$WORK/rss.max" 2>/dev/null || echo 0)
[[ -n $RSS_END_KB && $RSS_END_KB -gt $RSS_MAX_KB ]] && RSS_MAX_KB=$RSS_END_KB
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
ms() { awk -v u="$1" 'BEGIN {printf "%.2f", u / 1000}'; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
ratio() { awk -v r="$1" -v a="${RES[a.rps]}" 'BEGIN {printf "%.2f", r / a}'; }
row() { # name label
    printf '| %s | %s | %s | %s | %s × | %s | %s | %s |\n' "$2" "$(printf '%.0f' "${RES[$1.rps]}")" "$(ms "${RES[$1.p50_us]}")" \
        "$(ms "${RES[$1.p99_us]}")" "$(ratio "${RES[$1.rps]}")" "${RES[$1.cpu_us]}" "${RES[$1.pg_us]}" "${RES[$1.requests]}"
}
delivery_row() {
    printf '| %s | %s / %s | %s | %s | %s | %s | %s s | **%s** | %s |\n' "${RES[$1.fanout]}" "${RES[$1.ok2xx]}" "${RES[$1.events]}" "${RES[$1.expected]}" \
        "${RES[$1.during_rate]}" "${RES[$1.after_rate]}" "${RES[$1.delivered]}$([[ ${RES[$1.drained]} == 1 ]] || echo ' (not drained)')" \
        "${RES[$1.window_s]}" "${RES[$1.total_rate]}" "${RES[$1.duplicates]}"
}

{
    echo "## HTTP load harness — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "\`bash benchmarks/load/run.sh --db $DB --duration $DURATION --warmup $WARMUP --jit-warmup $JIT_WARMUP --threads $THREADS --connections $CONNECTIONS$([[ $PUBLISH_ONLY == 1 ]] && echo ' --publish-only')\`"
    echo "at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')${LOAD_JAR:+ (jar: $JAR)}; $(nproc) cores, $(java -version 2>&1 | head -n 1);"
    echo "$(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2); $DB_LABEL; server \`-Xmx$XMX${LOAD_JVM_OPTS:+ $LOAD_JVM_OPTS}\`; load average before $LOAD_BEFORE, after $LOAD_AFTER."
    echo
    echo "| scenario | requests/s | p50 ms | p99 ms | vs (a) | server CPU µs/request | PostgreSQL CPU µs/request | requests |"
    echo "|---|---|---|---|---|---|---|---|"
    row a "(a) \`GET /api/v1/ping\` (public, no key)"
    row b "(b) \`GET /api/v1/auth/verify\`"
    row b-half "(b) paced at $HALF_RATE/s (½ of (b)'s maximum)"
    row c "(c) \`GET /api/v1/entitlements/check?feature=posts&quantity=1\`"
    row d1 "(d) \`POST /api/v1/events\`, 1 endpoint"
    row d10 "(d) \`POST /api/v1/events\`, 10 endpoints"
    row e "(e) \`POST /api/v1/pixel/track\` (public, text/plain beacon)"
    echo
    echo "Every response was 2xx; no socket errors. First ${JIT_WARMUP} s on each of (a), (b), (c) and (d) with 1 endpoint; then per scenario ${WARMUP} s warm-up and ${DURATION} s measured, $THREADS wrk threads, $CONNECTIONS connections. Server CPU: the JVM's user + system time (all its threads, deliveries included) over the measured run, per request; PostgreSQL CPU: every postgres process of this machine over the same run (0 on H2)."
    echo
    if [[ $PUBLISH_ONLY == 1 ]]; then
        echo "No delivery workers on this server (\`--publish-only\`): the deliveries stay queued in the database."
        echo
        echo "| fan-out | events accepted (wrk 2xx) | events stored (requests in flight at the end included) | deliveries stored |"
        echo "|---|---|---|---|"
        for d in d1 d10; do
            echo "| ${RES[$d.fanout]} | ${RES[$d.ok2xx]} | ${RES[$d.stored_events]} | ${RES[$d.stored_deliveries]} (= events × ${RES[$d.fanout]}) |"
        done
    else
        echo "| fan-out | events accepted (wrk 2xx / seen at the receiver) | deliveries expected | delivered/s during wrk | delivered/s after wrk, until drained | delivered | first publish → last receipt | delivered/s over that window | duplicates |"
        echo "|---|---|---|---|---|---|---|---|---|"
        delivery_row d1
        delivery_row d10
    fi
    echo
    echo "| start-up (launch → first authenticated 200) | RSS when ready | RSS max (sampled every 0.25 s) | VmHWM (kernel peak) | RSS at the end |"
    echo "|---|---|---|---|---|"
    echo "| **$(awk -v m="$STARTUP_MS" 'BEGIN {printf "%.1f", m / 1000}') s** | $(mib "$RSS_READY_KB") MiB | **$(mib "$RSS_MAX_KB") MiB** | $(mib "${RSS_HWM_KB:-0}") MiB | $(mib "${RSS_END_KB:-0}") MiB |"
} > "$OUT"

echo
cat "$OUT"
log "written to $OUT; stopping the server and the receiver"
