#!/usr/bin/env bash
# The usage scenario of the load harness (issue 16): POST /api/v1/entitlements/usage with group commit
# against one transaction per recording, side by side in ONE run. It starts two servers
# (war/target/gatehouse.jar) on two fresh databases — "old" with
# gatehouse.entitlements.group-commit.enabled=false, "new" with the shipped default (true) — and then
# alternates wrk runs between them, round after round, so both see the same machine. Each wrk
# connection records for its own workspace in turn over 32 workspaces (one key each, enterprise tier,
# rate limit raised as in run.sh). Run from the repository root:
#
#   bash benchmarks/load/usage.sh [--db postgres|h2] [--duration S] [--warmup S] [--rounds N]
#                                 [--threads N] [--connections N] [--out FILE]
#
# Defaults: postgres, 10 s per run, 5 s warm-up per server, 3 rounds, 2 wrk threads, 32 connections.
# Results go to benchmarks/target/usage-results.md (and stdout). LOAD_JVM_OPTS adds server JVM options
# to both servers, "{mode}" in them replaced by old or new (e.g.
# LOAD_JVM_OPTS="-XX:StartFlightRecording=filename=/tmp/usage-{mode}.jfr"); LOAD_PG_HOST/PORT/USER as in run.sh.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=$REPO/war/target/gatehouse.jar
PLANS=$REPO/entitlements-core/src/main/resources/dev/gatehouse/entitlements/default-plans.properties
DB=postgres DURATION=10 WARMUP=5 ROUNDS=3 THREADS=2 CONNECTIONS=32 WORKSPACES=32
OUT=$REPO/benchmarks/target/usage-results.md
PG_HOST=${LOAD_PG_HOST:-127.0.0.1} PG_PORT=${LOAD_PG_PORT:-5432} PG_USER=${LOAD_PG_USER:-postgres}

while [[ $# -gt 0 ]]; do
    case $1 in
        --db) DB=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
case $DB in h2|postgres) ;; *) echo "--db must be h2 or postgres, not '$DB'" >&2; exit 2 ;; esac

log() { printf '[usage %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
[[ -f $JAR ]] || die "$JAR is missing: mvn -B -q package -DskipTests -pl war -am"
command -v wrk >/dev/null || die "wrk is missing (apt-get install -y wrk, or run run.sh once)"
command -v node >/dev/null || die "node is missing"
for name in $(compgen -e | grep '^GATEHOUSE_' || true); do unset "$name"; done

WORK=$(mktemp -d -t gatehouse-usage.XXXXXX)
declare -A PID PORT DBNAME
mkdir -p "$(dirname "$OUT")"
cleanup() {
    local status=$?
    set +e
    for mode in old new; do
        if [[ -n ${PID[$mode]:-} ]]; then
            kill -TERM "${PID[$mode]}" 2>/dev/null
            for _ in $(seq 100); do kill -0 "${PID[$mode]}" 2>/dev/null || break; sleep 0.2; done
            kill -KILL "${PID[$mode]}" 2>/dev/null
            cp "$WORK/server-$mode.log" "$(dirname "$OUT")/usage-server-$mode.log" 2>/dev/null
        fi
        [[ -n ${DBNAME[$mode]:-} ]] && dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists "${DBNAME[$mode]}"
    done
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

kv() { sed -n "s/^$2=//p" "$1" | tail -n 1; }
node "$HERE/harness.mjs" root-key > "$WORK/key"
ROOT_KEY=$(kv "$WORK/key" ROOT_KEY)
sed 's/^tier\.enterprise\.rate\.per-minute=.*/tier.enterprise.rate.per-minute=1000000000/' "$PLANS" > "$WORK/plans.properties"
read -r -a EXTRA_JVM_OPTS <<< "${LOAD_JVM_OPTS:-}"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

for mode in old new; do
    node "$HERE/harness.mjs" free-port > "$WORK/port"
    PORT[$mode]=$(kv "$WORK/port" PORT)
    props=(-Xmx512m "-Djava.io.tmpdir=$WORK/tmp-$mode" "-Dgatehouse.plans.file=$WORK/plans.properties"
        -Dgatehouse.rate-limit.anonymous-per-minute=1000000000 "-Dgatehouse.secrets.key=$(head -c 32 /dev/urandom | base64)")
    [[ $mode == old ]] && props+=(-Dgatehouse.entitlements.group-commit.enabled=false)
    if [[ $DB == postgres ]]; then
        DBNAME[$mode]=gatehouse_usage_${mode}_$(date +%s)_$$
        createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "${DBNAME[$mode]}" || die "createdb failed"
        props+=("-Dgatehouse.db.url=jdbc:postgresql://$PG_HOST:$PG_PORT/${DBNAME[$mode]}" "-Dgatehouse.db.user=$PG_USER")
    fi
    props+=("${EXTRA_JVM_OPTS[@]//\{mode\}/$mode}")
    mkdir -p "$WORK/tmp-$mode" "$WORK/server-$mode"
    log "starting the $mode server on port ${PORT[$mode]} ($DB)"
    (cd "$WORK/server-$mode" && GATEHOUSE_BOOTSTRAP_KEY=$ROOT_KEY exec java "${props[@]}" -jar "$JAR" --port "${PORT[$mode]}") \
        > "$WORK/server-$mode.log" 2>&1 &
    PID[$mode]=$!
done
for mode in old new; do
    api=http://127.0.0.1:${PORT[$mode]}/api/v1
    node "$HERE/harness.mjs" await "$api/auth/verify" "$ROOT_KEY" "$(date +%s%3N)" 300 "${PID[$mode]}" > /dev/null \
        || { tail -n 30 "$WORK/server-$mode.log" >&2; die "the $mode server did not start"; }
    node "$HERE/harness.mjs" usage-keys "$api" "$ROOT_KEY" "$WORKSPACES" "$WORK/keys-$mode" > /dev/null
done
log "both servers up; $ROUNDS rounds of ${DURATION}s per server, $THREADS wrk threads, $CONNECTIONS connections"

declare -A RES
run_wrk() { # name mode url wrk-mode seconds
    local name=$1 mode=$2 url=$3 wmode=$4 seconds=$5 out="$WORK/wrk-$1.out" line kv
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$HERE/load.lua" "$url" \
        -- "$wmode" 0 "$THREADS" "$name" "$WORK/keys-$mode" > "$out" 2>&1 || { cat "$out" >&2; die "wrk failed ($name)"; }
    line=$(grep '^RESULT ' "$out" | tail -n 1) || { cat "$out" >&2; die "wrk printed no RESULT ($name)"; }
    for kv in ${line#RESULT }; do RES[$name.${kv%%=*}]=${kv#*=}; done
    RES[$name.rps]=$(awk -v n="${RES[$name.ok2xx]}" -v us="${RES[$name.duration_us]}" 'BEGIN {printf "%.1f", n / (us / 1e6)}')
    [[ ${RES[$name.non2xx]} -eq 0 ]] || { grep '^SAMPLE ' "$out" >&2; die "$name: ${RES[$name.non2xx]} responses were not 2xx"; }
    log "$(printf '%-12s %9s 2xx/s  p50 %7.2f ms  p99 %7.2f ms' "$name" "${RES[$name.rps]}" \
        "$(awk -v u="${RES[$name.p50_us]}" 'BEGIN {print u / 1000}')" "$(awk -v u="${RES[$name.p99_us]}" 'BEGIN {print u / 1000}')")"
}

for mode in old new; do
    api=http://127.0.0.1:${PORT[$mode]}/api/v1
    run_wrk "ping-$mode" "$mode" "$api/ping" get "$WARMUP"
    run_wrk "warm-$mode" "$mode" "$api/entitlements/usage" usage "$WARMUP"
done
for ((r = 1; r <= ROUNDS; r++)); do
    for mode in old new; do
        run_wrk "r$r-$mode" "$mode" "http://127.0.0.1:${PORT[$mode]}/api/v1/entitlements/usage" usage "$DURATION"
    done
done
for mode in old new; do
    run_wrk "pingend-$mode" "$mode" "http://127.0.0.1:${PORT[$mode]}/api/v1/ping" get "$WARMUP"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# What the database holds: every 2xx must be counted (requests cut off at wrk's end may add a few).
counted() {
    if [[ $DB == postgres ]]; then
        psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -Atc "SELECT coalesce(sum(used), 0) FROM usage_counters WHERE feature = 'api_calls'" "${DBNAME[$1]}"
    else
        echo "?"
    fi
}
ms() { awk -v u="$1" 'BEGIN {printf "%.2f", u / 1000}'; }
{
    echo "## Usage recording: group commit vs one transaction per recording — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "\`bash benchmarks/load/usage.sh --db $DB --duration $DURATION --warmup $WARMUP --rounds $ROUNDS --threads $THREADS --connections $CONNECTIONS\`"
    echo "at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores; $DB; $WORKSPACES workspaces, one key each;"
    echo "server \`-Xmx512m${LOAD_JVM_OPTS:+ $LOAD_JVM_OPTS}\` ×2; load average before $LOAD_BEFORE, after $LOAD_AFTER."
    echo
    echo "| round | old (tx per recording) 2xx/s | p50 ms | p99 ms | new (group commit) 2xx/s | p50 ms | p99 ms | new/old |"
    echo "|---|---|---|---|---|---|---|---|"
    so=0 sn=0
    for ((r = 1; r <= ROUNDS; r++)); do
        o=r$r-old n=r$r-new
        printf '| %d | %.0f | %s | %s | %.0f | %s | %s | **%.2f ×** |\n' "$r" "${RES[$o.rps]}" "$(ms "${RES[$o.p50_us]}")" "$(ms "${RES[$o.p99_us]}")" \
            "${RES[$n.rps]}" "$(ms "${RES[$n.p50_us]}")" "$(ms "${RES[$n.p99_us]}")" "$(awk -v a="${RES[$n.rps]}" -v b="${RES[$o.rps]}" 'BEGIN {print a / b}')"
        so=$(awk -v s="$so" -v x="${RES[$o.rps]}" 'BEGIN {print s + x}')
        sn=$(awk -v s="$sn" -v x="${RES[$n.rps]}" 'BEGIN {print s + x}')
    done
    printf '| mean | %.0f | | | %.0f | | | **%.2f ×** |\n' "$(awk -v s="$so" -v r="$ROUNDS" 'BEGIN {print s / r}')" \
        "$(awk -v s="$sn" -v r="$ROUNDS" 'BEGIN {print s / r}')" "$(awk -v a="$sn" -v b="$so" 'BEGIN {print a / b}')"
    echo
    echo "| server | \`GET /ping\` 2xx/s before / after | usage 2xx answered (all runs) | counted in the database |"
    echo "|---|---|---|---|"
    for mode in old new; do
        total=${RES[warm-$mode.ok2xx]}
        for ((r = 1; r <= ROUNDS; r++)); do total=$((total + RES[r$r-$mode.ok2xx])); done
        printf '| %s | %.0f / %.0f | %d | %s |\n' "$mode" "${RES[ping-$mode.rps]}" "${RES[pingend-$mode.rps]}" "$total" "$(counted "$mode")"
    done
} > "$OUT"
echo
cat "$OUT"
