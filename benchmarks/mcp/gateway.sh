#!/usr/bin/env bash
# MCP gateway overhead (issue 12): the same tools/call of @modelcontextprotocol/server-everything's
# "echo" tool sent straight to that server and through Gatehouse's /mcp (as everything__echo), measured
# in one run, one after the other in each round. Run from the repository root after
#   mvn -B -q package -DskipTests -pl war -am
#   (cd arquillian-tests && mvn -B -q generate-test-resources)   # or any build that ran the npm-ci step
# as
#   bash benchmarks/mcp/gateway.sh [seconds per run (10)] [rounds (3)] [connections (1)]
# It starts server-everything in streamableHttp mode on 127.0.0.1 (node with the loopback-only preload
# the integration tests use) and war/target/gatehouse.jar (GATEWAY_JAR=another.jar to compare builds)
# (H2 in a fresh temp dir, or GATEWAY_DB=postgres for a fresh database on 127.0.0.1:5432 dropped at the
# end; a free port; GATEWAY_JVM_OPTS adds JVM options, e.g. a profiler agent; http and
# loopback upstreams allowed for this run only: -Dgatehouse.webhooks.allow-http=true
# -Dgatehouse.webhooks.allow-private-targets=true), registers the server in an enterprise workspace
# (rate limit raised out of the way), opens one upstream session for the direct requests and runs wrk
# (1 thread per connection, at most 2) after a warm-up that lasts until the JIT is done (see below).
# It prints requests/s, p50 and p99 of both and, per round, the gateway's cost (direct requests/s
# divided by gateway requests/s) and the p50 it adds; beside them, for scale, the cheapest
# authenticated Gatehouse request (GET /api/v1/auth/verify with the same key) and the same call over
# REST (POST /api/v1/mcp/tools/call). Beside each: Gatehouse's CPU per request (user + system time of
# its process over the run, divided by the requests), which the machine's load moves much less than
# the latencies.
set -Eeuo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR=${GATEWAY_JAR:-$REPO/war/target/gatehouse.jar}
NODE_DIR=$REPO/arquillian-tests/target/node
PLANS=$REPO/entitlements-core/src/main/resources/dev/gatehouse/entitlements/default-plans.properties
DB=${GATEWAY_DB:-h2}
SECONDS_PER_RUN=${1:-10}
ROUNDS=${2:-3}
CONNECTIONS=${3:-1}
THREADS=$(( CONNECTIONS < 2 ? CONNECTIONS : 2 ))
[[ -f $JAR ]] || { echo "missing $JAR: mvn -B -q package -DskipTests -pl war -am" >&2; exit 1; }
[[ -d $NODE_DIR/node_modules/@modelcontextprotocol/server-everything ]] \
    || { echo "missing $NODE_DIR/node_modules: run the arquillian-tests npm-ci step" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
case $DB in h2|postgres) ;; *) echo "GATEWAY_DB must be h2 or postgres, not '$DB'" >&2; exit 2 ;; esac

WORK=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
UP_PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
UPSTREAM=http://127.0.0.1:$UP_PORT/mcp
sed 's/^tier\.enterprise\.rate\.per-minute=.*/tier.enterprise.rate.per-minute=1000000000/' "$PLANS" > "$WORK/plans.properties"
mkdir -p "$WORK/server" "$WORK/tmp"
DB_PROPS=() PG_DB=
if [[ $DB == postgres ]]; then
    PG_DB=gatehouse_gateway_$(date +%s)_$$
    createdb -h 127.0.0.1 -U postgres "$PG_DB" || { echo "createdb failed" >&2; exit 1; }
    DB_PROPS=("-Dgatehouse.db.url=jdbc:postgresql://127.0.0.1:5432/$PG_DB" -Dgatehouse.db.user=postgres)
fi
(cd "$NODE_DIR" && PORT=$UP_PORT exec node --import ./loopback-only.mjs \
    node_modules/@modelcontextprotocol/server-everything/dist/index.js streamableHttp) > "$WORK/upstream.log" 2>&1 &
UP=$!
# shellcheck disable=SC2086 # GATEWAY_JVM_OPTS holds several options
(cd "$WORK/server" && exec java -Xmx512m ${GATEWAY_JVM_OPTS:-} "-Djava.io.tmpdir=$WORK/tmp" "-Dgatehouse.plans.file=$WORK/plans.properties" \
    -Dgatehouse.webhooks.allow-http=true -Dgatehouse.webhooks.allow-private-targets=true "${DB_PROPS[@]}" \
    -jar "$JAR" --port "$PORT") > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'status=$?; kill $SERVER $UP 2>/dev/null; wait $SERVER $UP 2>/dev/null || true
    [[ -z $PG_DB ]] || dropdb -h 127.0.0.1 -U postgres --if-exists "$PG_DB"; rm -rf "$WORK"; exit $status' EXIT
for _ in $(seq 1 240); do
    ROOT=$(sed -n 's/^Gatehouse root key (shown once): //p' "$WORK/server.log")
    [[ -n $ROOT ]] && curl -sf "$BASE/api/v1/auth/verify" -H "Authorization: Bearer $ROOT" >/dev/null && break
    kill -0 $SERVER 2>/dev/null || { tail -40 "$WORK/server.log" >&2; exit 1; }
    sleep 1
done
WS=$(curl -sf -X POST "$BASE/api/v1/workspaces" -H "Authorization: Bearer $ROOT" -H 'Content-Type: application/json' \
    -d '{"name": "Gateway bench", "tier": "enterprise"}' | sed -n 's/.*"data":{"id":\([0-9]*\).*/\1/p')
KEY=$(curl -sf -X POST "$BASE/api/v1/api-keys" -H "Authorization: Bearer $ROOT" -H "X-Workspace-ID: $WS" \
    -H 'Content-Type: application/json' -d '{"name": "bench", "scopes": ["mcp:read", "mcp:write"]}' \
    | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
curl -sf -X POST "$BASE/api/v1/mcp/servers" -H "Authorization: Bearer $ROOT" -H "X-Workspace-ID: $WS" \
    -H 'Content-Type: application/json' \
    -d "{\"id\": \"everything\", \"name\": \"Everything\", \"url\": \"$UPSTREAM\", \"allowed_tools\": [\"echo\"]}" \
    | grep -q '"status":"ok"' || { echo "registering server-everything failed" >&2; tail -20 "$WORK/upstream.log" >&2; exit 1; }

# One upstream session for the direct requests, as the gateway keeps one.
SESSION=$(curl -sf -D - -o /dev/null -X POST "$UPSTREAM" -H 'Content-Type: application/json' \
    -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
    | tr -d '\r' | sed -n 's/^[Mm]cp-[Ss]ession-[Ii]d: //p')
curl -sf -o /dev/null -X POST "$UPSTREAM" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H "Mcp-Session-Id: $SESSION" -H 'MCP-Protocol-Version: 2025-11-25' -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'

post_script() { # file body [extra header lines]
    cat > "$1" <<LUA
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
$3
LUA
}
post_script "$WORK/direct.lua" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":"hi"}}}' \
    "wrk.headers[\"Mcp-Session-Id\"] = \"$SESSION\""
post_script "$WORK/rest.lua" '{"server":"everything","tool":"echo","arguments":{"message":"hi"}}' \
    "wrk.headers[\"Authorization\"] = \"Bearer $KEY\""
post_script "$WORK/gateway.lua" '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"everything__echo","arguments":{"message":"hi"}}}' \
    "wrk.headers[\"Authorization\"] = \"Bearer $KEY\""
cat > "$WORK/verify.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $KEY"
LUA
curl -sf -X POST "$BASE/mcp" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -H "Authorization: Bearer $KEY" -H 'MCP-Protocol-Version: 2025-11-25' \
    -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"everything__echo","arguments":{"message":"hi"}}}' \
    | grep -q 'Echo: hi' || { echo "the gateway call does not answer Echo: hi" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; } # Gatehouse's user + system CPU, in clock ticks
run() { # name seconds url script
    local before after
    before=$(cpu_ticks)
    wrk "-t$THREADS" "-c$CONNECTIONS" "-d${2}s" --latency -s "$4" "$3" > "$WORK/$1.out" 2>&1
    after=$(cpu_ticks)
    grep -q 'Non-2xx' "$WORK/$1.out" && { cat "$WORK/$1.out" >&2; echo "non-2xx answers in $1" >&2; exit 1; }
    local rps p50 p99 requests
    rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/$1.out")
    p50=$(awk '$1 == "50%" {print $2}' "$WORK/$1.out")
    p99=$(awk '$1 == "99%" {print $2}' "$WORK/$1.out")
    requests=$(awk '/requests in/ {print $1}' "$WORK/$1.out")
    # Gatehouse's CPU per request in µs (for the direct calls: what it burns meanwhile, idle)
    echo "$rps $p50 $p99 $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.0f", t * 1e6 / hz / n}')"
}
ms() { awk -v t="$1" 'BEGIN { if (t ~ /us$/) { sub(/us$/, "", t); print t / 1000 } else if (t ~ /ms$/) { sub(/ms$/, "", t); print t + 0 } else { sub(/s$/, "", t); print t * 1000 } }'; }
# Warm up until the JIT compilers are done with the gateway's path: rounds of gateway and REST calls
# until Gatehouse's CPU per gateway call falls by less than 5 % from one round to the next (at most
# WARM_ROUNDS, default 12). Measuring while C2 still compiles — a sixth of the CPU a minute in — is
# measuring the first minutes of a server, not the server.
echo "warming up (${SECONDS_PER_RUN} s each)…" >&2
run warm-direct "$SECONDS_PER_RUN" "$UPSTREAM" "$WORK/direct.lua" >/dev/null
previous=
for _ in $(seq 1 "${WARM_ROUNDS:-12}"); do
    read -r _ _ _ warm_cpu < <(run warm-gateway "$SECONDS_PER_RUN" "$BASE/mcp" "$WORK/gateway.lua")
    run warm-rest "$SECONDS_PER_RUN" "$BASE/api/v1/mcp/tools/call" "$WORK/rest.lua" >/dev/null
    echo "  Gatehouse CPU per gateway call: $warm_cpu µs" >&2
    [[ -n $previous ]] && awk -v a="$warm_cpu" -v b="$previous" 'BEGIN {exit !(a > b * 0.95)}' && break
    previous=$warm_cpu
done

printf '| round | request | requests/s | p50 | p99 | cost vs direct | p50 added | Gatehouse CPU per request |\n|---|---|---|---|---|---|---|---|\n'
for round in $(seq 1 "$ROUNDS"); do
    read -r rps p50 p99 cpu < <(run direct "$SECONDS_PER_RUN" "$UPSTREAM" "$WORK/direct.lua")
    read -r grps gp50 gp99 gcpu < <(run gateway "$SECONDS_PER_RUN" "$BASE/mcp" "$WORK/gateway.lua")
    printf '| %s | direct `tools/call echo` | %s | %s | %s | 1 | | (idle: %s µs) |\n' "$round" "$rps" "$p50" "$p99" "$cpu"
    printf '| %s | via Gatehouse `tools/call everything__echo` | %s | %s | %s | **%s ×** | **%s ms** | %s µs |\n' "$round" "$grps" "$gp50" "$gp99" \
        "$(awk -v a="$rps" -v b="$grps" 'BEGIN {printf "%.2f", a / b}')" \
        "$(awk -v a="$(ms "$gp50")" -v b="$(ms "$p50")" 'BEGIN {printf "%.2f", a - b}')" "$gcpu"
    read -r rrps rp50 rp99 rcpu < <(run rest "$SECONDS_PER_RUN" "$BASE/api/v1/mcp/tools/call" "$WORK/rest.lua")
    printf '| %s | via Gatehouse, REST `POST /mcp/tools/call` | %s | %s | %s | %s × | %s ms | %s µs |\n' "$round" "$rrps" "$rp50" "$rp99" \
        "$(awk -v a="$rps" -v b="$rrps" 'BEGIN {printf "%.2f", a / b}')" \
        "$(awk -v a="$(ms "$rp50")" -v b="$(ms "$p50")" 'BEGIN {printf "%.2f", a - b}')" "$rcpu"
    read -r vrps vp50 vp99 vcpu < <(run verify "$SECONDS_PER_RUN" "$BASE/api/v1/auth/verify" "$WORK/verify.lua")
    printf '| %s | for scale: Gatehouse `GET /auth/verify` | %s | %s | %s | | | %s µs |\n' "$round" "$vrps" "$vp50" "$vp99" "$vcpu"
done
echo "database: $DB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
