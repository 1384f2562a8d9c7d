#!/usr/bin/env bash
# Registers TENANTS tenants (default 100,000) through POST /api/admin/tenants/import in NDJSON
# batches of BATCH (default 10,000) on Payara Micro with its embedded H2, and prints the time and
# tenants per second (issue 11 target: 100,000 in under two minutes).
#
#   mvn -B -q package -DskipTests && bench/tenant-import.sh
#
# Loopback only; stops after MAX_SECONDS (default 480) of importing, so a run stays under 10 minutes.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
TENANTS=${TENANTS:-100000}
BATCH=${BATCH:-10000}
MAX_SECONDS=${MAX_SECONDS:-480}
WAR=target/rockstar-tenancy.war
OUT=target/bench-import
BASE="http://127.0.0.1:$PORT"

require_war "$WAR"; require_port "$PORT"
rm -rf "$OUT" && mkdir -p "$OUT"
JAVA_OPTS=-Xmx2g start_payara "$OUT/payara.log" --port "$PORT" --rootdir "$OUT/payara-root" \
    --systemProperties src/main/dev/tenancy-dev.properties --deploy "$WAR" --contextroot /
started=$SECONDS
await_payara "$SERVER_PID" "$OUT/payara.log" 2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
echo "Payara Micro up in $((SECONDS - started)) s"

for ((from = 0; from < TENANTS; from += BATCH)); do
    to=$((from + BATCH < TENANTS ? from + BATCH : TENANTS))
    tenant_lines "$from" "$to" imp- >"$OUT/batch-$from.ndjson"
done

start_ns=$(date +%s%N)
imported=0
for ((from = 0; from < TENANTS; from += BATCH)); do
    code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/x-ndjson' \
        --data-binary @"$OUT/batch-$from.ndjson" "$BASE/api/admin/tenants/import")
    [ "$code" = 200 ] || { echo "batch at $from answered $code: $(cat "$OUT/answer.json")" >&2; exit 1; }
    imported=$((imported + $(sed 's/[^0-9]//g' "$OUT/answer.json")))
    elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))
    echo "  $imported tenants after $elapsed_ms ms"
    if [ $((elapsed_ms / 1000)) -ge "$MAX_SECONDS" ] && [ "$imported" -lt "$TENANTS" ]; then
        echo "stopped after $MAX_SECONDS s" >&2; break
    fi
done
elapsed_ms=$((($(date +%s%N) - start_ns) / 1000000))
curl -sf -o /dev/null -H "Host: imp-$((imported - 1)).bench.localhost" "$BASE/api/tenant/info" \
    || { echo "the last imported tenant does not resolve" >&2; exit 1; }
load_average
awk -v n="$imported" -v ms="$elapsed_ms" 'BEGIN {printf "imported %d tenants in %.1f s: %.0f tenants/s (target: 100,000 in < 120 s)\n", n, ms / 1000, n * 1000 / ms}'
