#!/usr/bin/env bash
# MCP over REST (issue 12): throughput and latency of the same read over REST and over /mcp, measured
# in one run on one server, and tools/list. Run from the repository root after
#   mvn -B -q package -DskipTests -pl war -am
# as
#   bash benchmarks/mcp/run.sh [seconds per run (10)] [rounds (2)] [connections (8)]
# It starts war/target/gatehouse.jar (H2, fresh temp dir, 127.0.0.1, a free port), creates an
# enterprise workspace with a rate limit raised out of the way and a key with api-keys:read, then runs
# wrk (2 threads) against, in turn and for each round:
#   rest      GET  /api/v1/api-keys?per_page=5
#   mcp-call  POST /mcp  tools/call list_api_keys {"per_page": 5}   (the same operation, dispatched in-process)
#   mcp-list  POST /mcp  tools/list                                  (authenticated with GET /auth/verify in-process)
#   verify    GET  /api/v1/auth/verify                               (what tools/list costs besides the list)
# and prints requests/s, p50 and p99 per scenario and round, and each MCP figure as a ratio of REST's.
set -Eeuo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=$REPO/war/target/gatehouse.jar
PLANS=$REPO/entitlements-core/src/main/resources/dev/gatehouse/entitlements/default-plans.properties
SECONDS_PER_RUN=${1:-10}
ROUNDS=${2:-2}
CONNECTIONS=${3:-8}
[[ -f $JAR ]] || { echo "missing $JAR: mvn -B -q package -DskipTests -pl war -am" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 1; }

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
sed 's/^tier\.enterprise\.rate\.per-minute=.*/tier.enterprise.rate.per-minute=1000000000/' "$PLANS" > "$WORK/plans.properties"
mkdir -p "$WORK/server" "$WORK/tmp"
(cd "$WORK/server" && exec java -Xmx512m "-Djava.io.tmpdir=$WORK/tmp" "-Dgatehouse.plans.file=$WORK/plans.properties" \
    -jar "$JAR" --port "$PORT" --nocluster) > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 240); do
    ROOT=$(sed -n 's/^Gatehouse root key (shown once): //p' "$WORK/server.log")
    [[ -n $ROOT ]] && curl -sf "$BASE/api/v1/auth/verify" -H "Authorization: Bearer $ROOT" >/dev/null && break
    kill -0 $SERVER 2>/dev/null || { tail -40 "$WORK/server.log" >&2; exit 1; }
    sleep 1
done
WS=$(curl -sf -X POST "$BASE/api/v1/workspaces" -H "Authorization: Bearer $ROOT" -H 'Content-Type: application/json' \
    -d '{"name": "MCP bench", "tier": "enterprise"}' | sed -n 's/.*"data":{"id":\([0-9]*\).*/\1/p')
for i in 1 2 3 4 5; do
    curl -sf -X POST "$BASE/api/v1/api-keys" -H "Authorization: Bearer $ROOT" -H "X-Workspace-ID: $WS" \
        -H 'Content-Type: application/json' -d "{\"name\": \"bench $i\", \"scopes\": [\"api-keys:read\"]}" > "$WORK/key.json"
done
KEY=$(sed -n 's/.*"key":"\([^"]*\)".*/\1/p' "$WORK/key.json")

post_script() { # file body
    cat > "$1" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
LUA
}
post_script "$WORK/call.lua" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_api_keys","arguments":{"per_page":5}}}'
post_script "$WORK/list.lua" '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'

run() { # name seconds url [script]
    local args=(-t2 "-c$CONNECTIONS" "-d${2}s" --latency -H "Authorization: Bearer $KEY")
    [[ -n ${4:-} ]] && args+=(-s "$4")
    wrk "${args[@]}" "$3" > "$WORK/$1.out" 2>&1
    grep -q 'Non-2xx' "$WORK/$1.out" && { cat "$WORK/$1.out" >&2; echo "non-2xx answers in $1" >&2; exit 1; }
    local rps p50 p99
    rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/$1.out")
    p50=$(awk '$1 == "50%" {print $2}' "$WORK/$1.out")
    p99=$(awk '$1 == "99%" {print $2}' "$WORK/$1.out")
    echo "$rps $p50 $p99"
}
echo "warming up (${SECONDS_PER_RUN} s each)…" >&2
run warm-rest "$SECONDS_PER_RUN" "$BASE/api/v1/api-keys?per_page=5" >/dev/null
run warm-call "$SECONDS_PER_RUN" "$BASE/mcp" "$WORK/call.lua" >/dev/null
run warm-list "$SECONDS_PER_RUN" "$BASE/mcp" "$WORK/list.lua" >/dev/null

printf '| round | scenario | requests/s | p50 | p99 | vs REST (throughput) |\n|---|---|---|---|---|---|\n'
for round in $(seq 1 "$ROUNDS"); do
    read -r rest_rps rest_p50 rest_p99 < <(run rest "$SECONDS_PER_RUN" "$BASE/api/v1/api-keys?per_page=5")
    printf '| %s | REST `GET /api-keys?per_page=5` | %s | %s | %s | 1 |\n' "$round" "$rest_rps" "$rest_p50" "$rest_p99"
    for s in call list verify; do
        case $s in
            call) read -r rps p50 p99 < <(run mcp-call "$SECONDS_PER_RUN" "$BASE/mcp" "$WORK/call.lua"); label='MCP `tools/call list_api_keys`' ;;
            list) read -r rps p50 p99 < <(run mcp-list "$SECONDS_PER_RUN" "$BASE/mcp" "$WORK/list.lua"); label='MCP `tools/list`' ;;
            verify) read -r rps p50 p99 < <(run verify "$SECONDS_PER_RUN" "$BASE/api/v1/auth/verify"); label='REST `GET /auth/verify`' ;;
        esac
        printf '| %s | %s | %s | %s | %s | %s |\n' "$round" "$label" "$rps" "$p50" "$p99" \
            "$(awk -v a="$rest_rps" -v b="$rps" 'BEGIN {printf "%.2f × slower", a / b}')"
    done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
