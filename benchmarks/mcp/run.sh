#!/usr/bin/env bash
# MCP over REST (issue 12): throughput and latency of the same read over REST and over /mcp, measured
# in one run on one server, and tools/list. Run from the repository root after
#   mvn -B -q package -DskipTests -pl war -am
# as
#   bash benchmarks/mcp/run.sh [seconds per run (10)] [rounds (3)] [connections (8)]
# It starts war/target/gatehouse.jar (H2, fresh temp dir, a free port), creates an enterprise
# workspace (rate limit raised out of the way) and a key with api-keys:read and mcp:read, then runs wrk
# (2 threads) against two pairs, in turn and for each round:
#   GET  /api/v1/api-keys?per_page=5              vs  POST /mcp tools/call list_api_keys {"per_page": 5}
#   GET  /api/v1/mcp/servers/gatehouse/tools      vs  POST /mcp tools/list
# and prints requests/s, p50 and p99 per scenario and round, and each MCP request's cost as a multiple
# of its REST counterpart's (REST requests/s divided by MCP requests/s).
set -Eeuo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=$REPO/war/target/gatehouse.jar
PLANS=$REPO/entitlements-core/src/main/resources/dev/gatehouse/entitlements/default-plans.properties
SECONDS_PER_RUN=${1:-10}
ROUNDS=${2:-3}
CONNECTIONS=${3:-8}
[[ -f $JAR ]] || { echo "missing $JAR: mvn -B -q package -DskipTests -pl war -am" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 1; }

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
sed 's/^tier\.enterprise\.rate\.per-minute=.*/tier.enterprise.rate.per-minute=1000000000/' "$PLANS" > "$WORK/plans.properties"
mkdir -p "$WORK/server" "$WORK/tmp"
(cd "$WORK/server" && exec java -Xmx512m "-Djava.io.tmpdir=$WORK/tmp" "-Dgatehouse.plans.file=$WORK/plans.properties" \
    -jar "$JAR" --port "$PORT") > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'status=$?; kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"; exit $status' EXIT
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
        -H 'Content-Type: application/json' -d "{\"name\": \"bench $i\", \"scopes\": [\"api-keys:read\", \"mcp:read\"]}" > "$WORK/key.json"
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
run warm-tools "$SECONDS_PER_RUN" "$BASE/api/v1/mcp/servers/gatehouse/tools" >/dev/null
run warm-list "$SECONDS_PER_RUN" "$BASE/mcp" "$WORK/list.lua" >/dev/null

printf '| round | request | requests/s | p50 | p99 | cost vs REST |\n|---|---|---|---|---|---|\n'
pair() { # round rest-label rest-url mcp-label mcp-script
    local rps p50 p99 mrps mp50 mp99
    read -r rps p50 p99 < <(run rest "$SECONDS_PER_RUN" "$3")
    read -r mrps mp50 mp99 < <(run mcp "$SECONDS_PER_RUN" "$BASE/mcp" "$5")
    printf '| %s | %s | %s | %s | %s | 1 |\n' "$1" "$2" "$rps" "$p50" "$p99"
    printf '| %s | %s | %s | %s | %s | **%s ×** |\n' "$1" "$4" "$mrps" "$mp50" "$mp99" \
        "$(awk -v a="$rps" -v b="$mrps" 'BEGIN {printf "%.2f", a / b}')"
}
for round in $(seq 1 "$ROUNDS"); do
    pair "$round" 'REST `GET /api-keys?per_page=5`' "$BASE/api/v1/api-keys?per_page=5" 'MCP `tools/call list_api_keys`' "$WORK/call.lua"
    pair "$round" 'REST `GET /mcp/servers/gatehouse/tools`' "$BASE/api/v1/mcp/servers/gatehouse/tools" 'MCP `tools/list`' "$WORK/list.lua"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
