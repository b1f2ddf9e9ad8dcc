#!/usr/bin/env bash
# Compares the two rate-limit bucket stores on PostgreSQL (issue 15): runs the load harness twice on
# fresh databases, once with gatehouse.rate-limit.store=memory and once with =postgres (the default on
# PostgreSQL), and prints each scenario's throughput and p99 as postgres/memory ratios. Run from the
# repository root after `mvn -B -q package -DskipTests -pl war -am`; options are passed to run.sh:
#
#   bash benchmarks/load/compare-rate-limit-stores.sh [--duration S] [--warmup S] [--jit-warmup S] ...
#
# Both tables and the ratios go to benchmarks/target/rate-limit-stores.md.
set -Eeuo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT_DIR=$REPO/benchmarks/target
mkdir -p "$OUT_DIR"

for store in memory postgres; do
    LOAD_JVM_OPTS="${LOAD_JVM_OPTS:-} -Dgatehouse.rate-limit.store=$store" \
        bash "$HERE/run.sh" --db postgres --out "$OUT_DIR/load-$store.md" "$@"
done

# The scenario rows: | label | requests/s | p50 | p99 | vs (a) | requests |
rows() { grep -E '^\| \((a|b|c|d)\)' "$1" | awk -F'|' '{gsub(/^ +| +$/, "", $2); print $2 "\t" $3 + 0 "\t" $5 + 0}'; }
{
    echo "## Rate-limit stores on PostgreSQL — $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "\`bash benchmarks/load/compare-rate-limit-stores.sh $*\` at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo
    echo "| scenario | memory req/s | postgres req/s | throughput postgres/memory | memory p99 ms | postgres p99 ms | p99 postgres/memory |"
    echo "|---|---|---|---|---|---|---|"
    paste <(rows "$OUT_DIR/load-memory.md") <(rows "$OUT_DIR/load-postgres.md") \
        | awk -F'\t' '{printf "| %s | %.0f | %.0f | %.2f × | %.2f | %.2f | %.2f × |\n", $1, $2, $5, $5 / $2, $3, $6, $6 / $3}'
    echo
    cat "$OUT_DIR/load-memory.md"
    echo
    cat "$OUT_DIR/load-postgres.md"
} > "$OUT_DIR/rate-limit-stores.md"
head -n 14 "$OUT_DIR/rate-limit-stores.md"
