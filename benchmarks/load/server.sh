#!/usr/bin/env bash
# Sourced by the load scripts (run.sh, pixel-rounds.sh): reads the options and LOAD_* variables that
# run.sh's header documents, checks the prerequisites, starts the local webhook receiver and
# Gatehouse (a fresh H2 or PostgreSQL database, raised rate limits) in a temp dir that is removed
# on exit, creates the harness's workspaces, keys and pixel site (harness.mjs setup), and defines
# run_wrk (one wrk run, its results in RES[name.*]) and measure (a run with the server JVM's CPU
# time per request). One copy of the set-up, so every script measures the same server.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=$(realpath "${LOAD_JAR:-$REPO/war/target/gatehouse.jar}")
PLANS=$REPO/entitlements-core/src/main/resources/dev/gatehouse/entitlements/default-plans.properties

DB=${LOAD_DB:-h2}
DURATION=${LOAD_DURATION:-10}
WARMUP=${LOAD_WARMUP:-5}
JIT_WARMUP=${LOAD_JIT_WARMUP:-10}
THREADS=${LOAD_THREADS:-2}
CONNECTIONS=${LOAD_CONNECTIONS:-16}
XMX=${LOAD_XMX:-512m}
DRAIN_TIMEOUT=${LOAD_DRAIN_TIMEOUT:-600}
OUT=${LOAD_OUT:-$REPO/benchmarks/target/load-results.md}
PG_HOST=${LOAD_PG_HOST:-127.0.0.1}
PG_PORT=${LOAD_PG_PORT:-5432}
PG_USER=${LOAD_PG_USER:-postgres}
STARTUP_TIMEOUT=${LOAD_STARTUP_TIMEOUT:-240}
PUBLISH_ONLY=${LOAD_PUBLISH_ONLY:-0}

usage() {
    # The calling script's header comment, up to its `set` line.
    sed -n '2,/^set -E/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
    case $1 in
        --db) DB=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --jit-warmup) JIT_WARMUP=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --xmx) XMX=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --publish-only) PUBLISH_ONLY=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done
case $DB in h2|postgres) ;; *) echo "--db must be h2 or postgres, not '$DB'" >&2; exit 2 ;; esac
if [[ $PUBLISH_ONLY == 1 && $DB != postgres ]]; then
    echo "--publish-only counts the queued deliveries in the database: it needs --db postgres" >&2
    exit 2
fi

log() { printf '[load %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# ---------------------------------------------------------------- prerequisites
[[ -f $JAR ]] || die "$JAR is missing. Build it first (this script builds nothing):
    mvn -B -q package -DskipTests -pl war -am"
command -v java >/dev/null || die "java (JDK 17) is not on the PATH"
command -v node >/dev/null || die "node (Node 20) is not on the PATH"
if ! command -v wrk >/dev/null; then
    log "wrk is missing: installing the Debian package"
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update && apt-get install -y wrk
    elif command -v sudo >/dev/null; then
        sudo apt-get update && sudo apt-get install -y wrk
    else
        die "wrk is missing and this is not root: apt-get install -y wrk"
    fi
fi
if [[ $DB == postgres ]]; then
    command -v psql >/dev/null && command -v createdb >/dev/null || die "--db postgres needs psql and createdb"
fi

# Settings of the caller's shell must not leak into the server under test.
for name in $(compgen -e | grep '^GATEHOUSE_' || true); do unset "$name"; done

WORK=$(mktemp -d -t gatehouse-load.XXXXXX)
SERVER_PID= RECEIVER_PID= SAMPLER_PID= FG_PID= PG_DB=
mkdir -p "$(dirname "$OUT")"

stop_pid() { # pid name seconds: SIGTERM, then SIGKILL after the grace period
    local pid=$1 name=$2 grace=$3 i
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "$name (pid $pid) did not stop within ${grace}s: killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    set +e
    trap - EXIT INT TERM
    [[ -n $FG_PID ]] && stop_pid "$FG_PID" "the running step" 5
    [[ -n $SAMPLER_PID ]] && kill "$SAMPLER_PID" 2>/dev/null && wait "$SAMPLER_PID" 2>/dev/null
    stop_pid "$SERVER_PID" "Gatehouse" 30
    stop_pid "$RECEIVER_PID" "receiver" 5
    [[ -f $WORK/server.log ]] && cp "$WORK/server.log" "$(dirname "$OUT")/load-server.log"
    if [[ -n $PG_DB ]]; then
        dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists "$PG_DB" || log "could not drop database $PG_DB"
    fi
    rm -rf "$WORK"
    [[ $status -ne 0 ]] && log "stopped with status $status; server log: $(dirname "$OUT")/load-server.log"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

kv() { # file name: the value of NAME=value in a file written by harness.mjs
    sed -n "s/^$2=//p" "$1" | tail -n 1
}

wait_fg() { # waits for the step in FG_PID and returns its status; a step killed by a signal (Ctrl-C) ends the run
    local status=0
    wait "$FG_PID" || status=$?
    FG_PID=
    if ((status > 128)); then
        log "interrupted (signal $((status - 128)))"
        exit "$status"
    fi
    return "$status"
}

harness() { # out-file command args...: runs harness.mjs, its NAME=value lines into out-file
    local out=$1
    shift
    node "$HERE/harness.mjs" "$@" > "$out" &
    FG_PID=$!
    wait_fg || die "harness.mjs $1 failed"
}

rss_kb() { # current VmRSS of a pid, in kB (empty if gone)
    local key value rest
    while read -r key value rest; do
        [[ $key == VmRSS: ]] && { echo "$value"; return; }
    done < "/proc/$1/status" 2>/dev/null || true
}

vm_hwm_kb() {
    awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || true
}

sample_rss() { # pid file: keeps the largest VmRSS seen (every 0.25 s) in the file
    local pid=$1 file=$2 max=0 kb
    while kill -0 "$pid" 2>/dev/null; do
        kb=$(rss_kb "$pid")
        if [[ -n $kb && $kb -gt $max ]]; then
            max=$kb
            echo "$max" > "$file"
        fi
        sleep 0.25
    done
}

# ---------------------------------------------------------------- receiver
node "$HERE/receiver.mjs" 0 > "$WORK/receiver.out" 2>&1 &
RECEIVER_PID=$!
for _ in $(seq 100); do
    grep -q '^listening ' "$WORK/receiver.out" 2>/dev/null && break
    kill -0 "$RECEIVER_PID" 2>/dev/null || die "receiver exited: $(cat "$WORK/receiver.out")"
    sleep 0.1
done
RECEIVER_PORT=$(sed -n 's/^listening //p' "$WORK/receiver.out")
[[ -n $RECEIVER_PORT ]] || die "receiver did not start"
RECEIVER=http://127.0.0.1:$RECEIVER_PORT
log "receiver on $RECEIVER (pid $RECEIVER_PID)"

# ---------------------------------------------------------------- server configuration
harness "$WORK/key" root-key
ROOT_KEY=$(kv "$WORK/key" ROOT_KEY)
harness "$WORK/port" free-port
PORT=$(kv "$WORK/port" PORT)
BASE=http://127.0.0.1:$PORT
API=$BASE/api/v1

# Rate limits: the benchmark measures the server, not 429s. The plan catalog is the shipped one with
# the enterprise tier's rate raised from 100,000 to 1,000,000,000 requests/minute (the benchmark
# workspaces are enterprise, and so are root keys); the per-address limit of public endpoints
# (/ping) goes from 300/minute to the same. Every other limit stays as shipped.
sed 's/^tier\.enterprise\.rate\.per-minute=.*/tier.enterprise.rate.per-minute=1000000000/' "$PLANS" > "$WORK/plans.properties"
grep -q '^tier\.enterprise\.rate\.per-minute=1000000000$' "$WORK/plans.properties" \
    || die "could not raise the enterprise rate in $PLANS (has the catalog format changed?)"

JVM_PROPS=(
    "-Xmx$XMX"
    "-Djava.io.tmpdir=$WORK/tmp"
    "-Dgatehouse.plans.file=$WORK/plans.properties"
    -Dgatehouse.rate-limit.anonymous-per-minute=1000000000
    "-Dgatehouse.secrets.key=$(head -c 32 /dev/urandom | base64)"
    -Dgatehouse.webhooks.allow-http=true
    -Dgatehouse.webhooks.allow-private-targets=true
    "-Dgatehouse.webhooks.event-types=bench.tick=Load harness event"
)
# An API instance of a deployment whose deliveries are made by other instances: no delivery workers.
[[ $PUBLISH_ONLY == 1 ]] && JVM_PROPS+=(-Dgatehouse.webhooks.workers=false)
# Extra JVM options for the server, e.g. LOAD_JVM_OPTS="-XX:+UseSerialGC" (word-split on spaces).
read -r -a EXTRA_JVM_OPTS <<< "${LOAD_JVM_OPTS:-}"
JVM_PROPS+=("${EXTRA_JVM_OPTS[@]}")
mkdir -p "$WORK/tmp" "$WORK/server"
if [[ $DB == postgres ]]; then
    PG_DB=gatehouse_load_$(date +%s)_$$
    createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$PG_DB" || { PG_DB=; die "createdb failed"; }
    JVM_PROPS+=("-Dgatehouse.db.url=jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DB" "-Dgatehouse.db.user=$PG_USER")
    DB_LABEL="PostgreSQL ($(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -Atc 'show server_version' postgres), fresh database)"
else
    # The default URL, ./gatehouse-data/ under the server's working directory: a fresh temp dir.
    DB_LABEL="H2 (embedded, fresh file database in a temp dir)"
fi

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- start-up time
log "starting $JAR on port $PORT ($DB)"
LAUNCH_MS=$(date +%s%3N)
(cd "$WORK/server" && GATEHOUSE_BOOTSTRAP_KEY=$ROOT_KEY exec java "${JVM_PROPS[@]}" -jar "$JAR" --port "$PORT") \
    > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
sample_rss "$SERVER_PID" "$WORK/rss.max" &
SAMPLER_PID=$!
node "$HERE/harness.mjs" await "$API/auth/verify" "$ROOT_KEY" "$LAUNCH_MS" "$STARTUP_TIMEOUT" "$SERVER_PID" > "$WORK/startup" &
FG_PID=$!
wait_fg || { tail -n 40 "$WORK/server.log" >&2; die "Gatehouse did not answer GET /api/v1/auth/verify with 200"; }
STARTUP_MS=$(kv "$WORK/startup" STARTUP_MS)
RSS_READY_KB=$(rss_kb "$SERVER_PID")
log "first authenticated 200 after ${STARTUP_MS} ms (pid $SERVER_PID, RSS $((RSS_READY_KB / 1024)) MiB)"

harness "$WORK/setup" setup "$API" "$ROOT_KEY" "$RECEIVER"
KEY_A=$(kv "$WORK/setup" KEY_A)
KEY_B=$(kv "$WORK/setup" KEY_B)

# ---------------------------------------------------------------- wrk
declare -A RES

cpu_ticks() { awk '{print $14 + $15}' /proc/$SERVER_PID/stat; }
# Every postgres process of this machine (the harness's database is local): its backends, WAL writer,
# checkpointer. 0 on H2.
pg_ticks() {
    [[ $DB == postgres ]] || { echo 0; return; }
    local pid sum=0 t
    for pid in $(pgrep -x postgres); do
        t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null) && sum=$((sum + t))
    done
    echo "$sum"
}
TICK=$(getconf CLK_TCK)

run_wrk() { # name seconds url mode rate label key: one wrk run, its RESULT into RES[name.*]
    local name=$1 seconds=$2 url=$3 mode=$4 rate=$5 label=$6 key=$7 out="$WORK/wrk-$1.out" line kv
    local headers=()
    [[ -n $key ]] && headers+=(-H "Authorization: Bearer $key")
    [[ $mode == events ]] && headers+=(-H "Content-Type: application/json")
    # A browser's beacon: text/plain, and a desktop Chrome user agent (wrk sends none; the bot filter
    # would drop a hit without one).
    [[ $mode == pixel ]] && headers+=(-H "Content-Type: text/plain;charset=UTF-8"
        -H "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
    # In the background and waited for: wrk exits 0 on Ctrl-C, so as a foreground command bash would
    # take the interrupt as handled and go on; `wait` returns at once on a trapped signal instead.
    local c0 c1 p0 p1
    c0=$(cpu_ticks)
    p0=$(pg_ticks)
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$HERE/load.lua" "${headers[@]}" "$url" \
        -- "$mode" "$rate" "$THREADS" "$label" > "$out" 2>&1 &
    FG_PID=$!
    wait_fg || { cat "$out" >&2; die "wrk failed ($name)"; }
    c1=$(cpu_ticks)
    p1=$(pg_ticks)
    line=$(grep '^RESULT ' "$out" | tail -n 1) || { cat "$out" >&2; die "wrk printed no RESULT ($name)"; }
    for kv in ${line#RESULT }; do
        RES[$name.${kv%%=*}]=${kv#*=}
    done
    RES[$name.rps]=$(awk -v n="${RES[$name.requests]}" -v us="${RES[$name.duration_us]}" 'BEGIN {printf "%.1f", n / (us / 1e6)}')
    # The server JVM's CPU time (every thread: HTTP, delivery workers, writers, JIT, GC) per request.
    RES[$name.cpu_s]=$(awk -v d=$((c1 - c0)) -v t="$TICK" 'BEGIN {print d / t}')
    RES[$name.cpu_us]=$(awk -v d=$((c1 - c0)) -v t="$TICK" -v n="${RES[$name.requests]}" 'BEGIN {printf "%.0f", (n > 0 ? 1e6 * d / t / n : 0)}')
    RES[$name.pg_us]=$(awk -v d=$((p1 - p0)) -v t="$TICK" -v n="${RES[$name.requests]}" 'BEGIN {printf "%.0f", (n > 0 ? 1e6 * d / t / n : 0)}')
    local errors=$((RES[$name.connect] + RES[$name.read] + RES[$name.write] + RES[$name.timeout]))
    RES[$name.socket_errors]=$errors
    if [[ ${RES[$name.non2xx]} -ne 0 ]]; then
        grep '^SAMPLE ' "$out" >&2 || true
        die "$name: ${RES[$name.non2xx]} of ${RES[$name.requests]} responses were not 2xx (first one above)"
    fi
    if [[ $errors -ne 0 ]]; then
        die "$name: $errors socket errors (connect ${RES[$name.connect]}, read ${RES[$name.read]}, write ${RES[$name.write]}, timeout ${RES[$name.timeout]})"
    fi
    [[ ${RES[$name.ok2xx]} -gt 0 ]] || { cat "$out" >&2; die "$name: not one 2xx response"; }
    log "$(printf '%-14s %9s req/s  p50 %6.2f ms  p99 %7.2f ms  CPU µs/request: server %5s, PostgreSQL %4s  (%s requests, all 2xx)' \
        "$name" "${RES[$name.rps]}" "$(awk -v u="${RES[$name.p50_us]}" 'BEGIN {print u / 1000}')" \
        "$(awk -v u="${RES[$name.p99_us]}" 'BEGIN {print u / 1000}')" "${RES[$name.cpu_us]}" "${RES[$name.pg_us]}" "${RES[$name.requests]}")"
}

sql() { # query: one value from the harness's PostgreSQL database
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -Atc "$1" "$PG_DB"
}

queued() { # prints "<events> <deliveries>" in the database once two reads 0.5 s apart agree (requests still in flight when wrk stopped commit first)
    local now last=
    while :; do
        now="$(sql 'select count(*) from webhook_events') $(sql 'select count(*) from webhook_deliveries')"
        [[ $now == "$last" ]] && break
        last=$now
        sleep 0.5
    done
    echo "$now"
}

measure() { # name url mode [key]: one run of DURATION seconds, printed with the server's CPU time per request
    run_wrk "$1" "$DURATION" "$2" "$3" 0 "m$1" "${4:-}"
    echo "CPU $1 rps=${RES[$1.rps]} requests=${RES[$1.requests]} cpu_s=${RES[$1.cpu_s]} us_per_req=${RES[$1.cpu_us]} load=$(cut -d' ' -f1 /proc/loadavg)"
}
