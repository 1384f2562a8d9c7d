#!/usr/bin/env bash
# Start-up with 10 vs 100,000 registered tenants (issue 11 point 2): for each count, a Payara
# Micro root directory (--rootdir, which keeps the embedded H2 database) is filled through
# POST /api/admin/tenants/import (as bench/tenant-import.sh does), the server is stopped, then
# restarted STARTS times on that directory; each restart is timed from launching java to the
# first 200 of GET /api/tenant/info for the LAST registered tenant's host (polled every 0.2 s).
# After each restart (and SETTLE_SECONDS, 5): jcmd GC.run twice then GC.heap_info, the heap in
# use after a full GC less the young regions allocated since (old + humongous); prints
# the start-up ratio 100,000/10 (target <= 1.2) and the heap per 1,000 tenants.
#
#   mvn -B -q package -DskipTests && bench/startup.sh
#
# Loopback only; bounded (fixed counts, each start given up after 240 s); about 5 minutes.
# Environment: BENCH_PORT (18080), COUNTS ("10 100000"), STARTS (3), BATCH (10000).
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${BENCH_PORT:-18080}
COUNTS=${COUNTS:-10 100000}
STARTS=${STARTS:-3}
BATCH=${BATCH:-10000}
WAR=target/rockstar-tenancy.war
OUT=target/bench-startup
BASE="http://127.0.0.1:$PORT"
ADMIN_PASSWORD=dev-only-password
ADMIN="admin:$ADMIN_PASSWORD"

[ -f "$WAR" ] || { echo "Run 'mvn -B -q package -DskipTests' first: $WAR is missing" >&2; exit 1; }
[ "$PORT" != 8080 ] || { echo "Port 8080 is left to dev servers; choose another BENCH_PORT" >&2; exit 1; }
command -v jcmd >/dev/null || { echo "jcmd (JDK) is missing" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"
payara_version=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml | head -1)
if [ ! -f target/payara-micro.jar ]; then
    mvn -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$payara_version" \
        -DoutputDirectory=target -Dmdep.stripVersion=true
fi

server_pid=
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=
}
trap stop_server EXIT INT TERM

now_ms() { echo $(($(date +%s%N) / 1000000)); }
start_server() { # $1 root dir, $2 log; sets server_pid
    TENANCY_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    java -Xmx2g -jar target/payara-micro.jar --nocluster --port "$PORT" --rootdir "$1" \
        --deploy "$WAR" --contextroot / >"$2" 2>&1 &
    server_pid=$!
}
wait_for() { # $1 curl arguments (a string), $2 log -> waits until curl succeeds
    local started=$SECONDS
    until curl -sf -o /dev/null $1; do
        if ! kill -0 "$server_pid" 2>/dev/null || [ $((SECONDS - started)) -gt 240 ]; then
            echo "Payara Micro did not start; see $2" >&2; exit 1
        fi
        sleep 0.2
    done
}
heap_after_gc_kb() { # the heap in use after two full GCs, less the young regions filled since
    sleep "${SETTLE_SECONDS:-5}"   # let the start's background work finish before measuring
    jcmd "$server_pid" GC.run >/dev/null
    jcmd "$server_pid" GC.run >/dev/null
    jcmd "$server_pid" GC.heap_info | tee -a "$OUT/heap.log" | awk '
        /heap *total/ {for (i = 1; i <= NF; i++) if ($i == "used") {u = $(i + 1); sub(/K.*/, "", u)}}
        /region size/ {y = $0; sub(/ young.*/, "", y); sub(/.* /, "", y); r = $3; sub(/K/, "", r); print u - y * r; exit}'
}
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

declare -A start_ms heap_kb
printf '%-8s %-6s %10s %14s\n' tenants start 'ready ms' 'heap old KB'
for count in $COUNTS; do
    root="$OUT/root-$count"
    start_server "$root" "$OUT/fill-$count.log"
    wait_for "-u $ADMIN $BASE/api/admin/tenants?limit=1" "$OUT/fill-$count.log"
    for ((from = 0; from < count; from += BATCH)); do
        to=$((from + BATCH < count ? from + BATCH : count))
        awk -v from="$from" -v to="$to" 'BEGIN { for (i = from; i < to; i++)
            printf "{\"id\":\"imp-%d\",\"name\":\"Imported %d\",\"hosts\":[\"imp-%d.bench.localhost\"]}\n", i, i, i }' \
            >"$OUT/batch.ndjson"
        code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/x-ndjson' \
            --data-binary @"$OUT/batch.ndjson" "$BASE/api/admin/tenants/import")
        [ "$code" = 200 ] || { echo "batch at $from answered $code: $(cat "$OUT/answer.json")" >&2; exit 1; }
    done
    stop_server
    last="imp-$((count - 1)).bench.localhost"
    times=(); heaps=()
    for s in $(seq 1 "$STARTS"); do
        t0=$(now_ms)
        start_server "$root" "$OUT/start-$count-$s.log"
        wait_for "-H Host:$last $BASE/api/tenant/info" "$OUT/start-$count-$s.log"
        t=$(($(now_ms) - t0))
        h=$(heap_after_gc_kb)
        stop_server
        times+=("$t"); heaps+=("$h")
        printf '%-8s %-6s %10s %14s\n' "$count" "$s" "$t" "$h"
    done
    start_ms[$count]=$(median "${times[@]}"); heap_kb[$count]=$(median "${heaps[@]}")
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
set -- $COUNTS
low=$1; high=${!#}
for count in $COUNTS; do
    echo "median with $count tenants: ready in ${start_ms[$count]} ms, heap after full GC ${heap_kb[$count]} KB"
done
awk -v a="${start_ms[$low]}" -v b="${start_ms[$high]}" -v ha="${heap_kb[$low]}" -v hb="${heap_kb[$high]}" \
    -v nl="$low" -v nh="$high" 'BEGIN {
    printf "start-up ratio %d/%d tenants: %.2f (target <= 1.2)\n", nh, nl, b / a
    printf "heap per 1,000 tenants: %.0f KB\n", (hb - ha) * 1000 / (nh - nl) }'
