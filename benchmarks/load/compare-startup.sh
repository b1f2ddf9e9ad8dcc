#!/usr/bin/env bash
# Start-up of two Gatehouse jars side by side (issue 16, item 2): launches A, then B, then A … on a
# fresh H2 database each time and times `java -Xmx<heap> -jar <jar>` to the first authenticated 200
# (GET /api/v1/auth/verify with GATEHOUSE_BOOTSTRAP_KEY, polled every 10 ms as run.sh does). On a
# shared machine absolute start-up times move with the load, so what to read is B/A of the medians
# taken in the same run. Run from the repository root:
#
#   bash benchmarks/load/compare-startup.sh [--runs N] [--xmx SIZE] A.jar B.jar
#
# Per launch it prints the start-up time, the server's CPU time (user + system) up to that moment,
# and its RSS then; at the end the medians and B/A. The jars are not built here: to compare against
# main, build main's jar and copy it aside first (war/target/gatehouse.jar is overwritten by a build).
# STARTUP_TIMEOUT (600 s) bounds each launch. A_JAVA_OPTS and B_JAVA_OPTS add JVM options to one side's
# launches (word-split), so one jar can be compared with itself under other options, e.g.
#   B_JAVA_OPTS='-XX:TieredStopAtLevel=1' bash benchmarks/load/compare-startup.sh A.jar A.jar
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUNS=5
XMX=384m
while [[ $# -gt 2 ]]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --xmx) XMX=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[[ $# -eq 2 ]] || { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
A=$(realpath "$1")
B=$(realpath "$2")
[[ -f $A && -f $B ]] || { echo "both jars must exist: $A $B" >&2; exit 2; }

for name in $(compgen -e | grep '^GATEHOUSE_' || true); do unset "$name"; done
WORK=$(mktemp -d -t gatehouse-startup.XXXXXX)
SERVER_PID=
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

kv() { sed -n "s/^$2=//p" "$1" | tail -n 1; }
TICK=$(getconf CLK_TCK)

launch() { # jar label run [JVM options…]: one start-up, its line on stdout and "ms cpu rss" in $WORK/<label>
    local jar=$1 label=$2 run=$3 dir="$WORK/$2-$3" key port launch_ms ms cpu rss load
    shift 3
    mkdir -p "$dir/tmp" "$dir/server"
    node "$HERE/harness.mjs" root-key > "$dir/key"
    node "$HERE/harness.mjs" free-port > "$dir/port"
    key=$(kv "$dir/key" ROOT_KEY)
    port=$(kv "$dir/port" PORT)
    load=$(cut -d' ' -f1 /proc/loadavg)
    launch_ms=$(date +%s%3N)
    (cd "$dir/server" && GATEHOUSE_BOOTSTRAP_KEY=$key exec java "-Xmx$XMX" "$@" "-Djava.io.tmpdir=$dir/tmp" -jar "$jar" --port "$port") \
        > "$dir/server.log" 2>&1 &
    SERVER_PID=$!
    if ! node "$HERE/harness.mjs" await "http://127.0.0.1:$port/api/v1/auth/verify" "$key" "$launch_ms" "${STARTUP_TIMEOUT:-600}" "$SERVER_PID" > "$dir/startup"; then
        tail -n 30 "$dir/server.log" >&2
        echo "$label run $run did not answer" >&2
        exit 1
    fi
    cpu=$(awk -v t="$TICK" '{printf "%.1f", ($14 + $15) / t}' "/proc/$SERVER_PID/stat")
    rss=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER_PID/status")
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
    ms=$(kv "$dir/startup" STARTUP_MS)
    printf '%s run %d: %6.1f s to the first authenticated 200, %5.1f s CPU, RSS %s MiB (load average %s)\n' \
        "$label" "$run" "$(awk -v m="$ms" 'BEGIN {print m / 1000}')" "$cpu" "$rss" "$load"
    echo "$ms $cpu $rss" >> "$WORK/$label"
}

median() { # file column
    awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}

echo "A = $A"
echo "B = $B"
read -r -a A_OPTS <<< "${A_JAVA_OPTS:-}"
read -r -a B_OPTS <<< "${B_JAVA_OPTS:-}"
[[ ${#A_OPTS[@]} -eq 0 ]] || echo "A's JVM options: ${A_OPTS[*]}"
[[ ${#B_OPTS[@]} -eq 0 ]] || echo "B's JVM options: ${B_OPTS[*]}"
echo "$RUNS launches each, alternating, -Xmx$XMX, fresh H2 database each; $(nproc) cores"
for ((i = 1; i <= RUNS; i++)); do
    launch "$A" A "$i" "${A_OPTS[@]}"
    launch "$B" B "$i" "${B_OPTS[@]}"
done
for label in A B; do
    printf '%s median: %.1f s to the first authenticated 200, %.1f s CPU, RSS %s MiB\n' "$label" \
        "$(awk -v m="$(median "$WORK/$label" 1)" 'BEGIN {print m / 1000}')" "$(median "$WORK/$label" 2)" "$(median "$WORK/$label" 3)"
done
printf 'B/A: start-up %.2f, CPU %.2f\n' \
    "$(awk -v b="$(median "$WORK/B" 1)" -v a="$(median "$WORK/A" 1)" 'BEGIN {print b / a}')" \
    "$(awk -v b="$(median "$WORK/B" 2)" -v a="$(median "$WORK/A" 2)" 'BEGIN {print b / a}')"
