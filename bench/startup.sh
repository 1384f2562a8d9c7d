#!/usr/bin/env bash
# Start-up with 10 vs 100,000 registered tenants (issue 11 point 2): for each count, a Payara
# Micro root directory (--rootdir, which keeps the embedded H2 database) is filled through
# POST /api/admin/tenants/import (as bench/tenant-import.sh does) and the server stopped; then
# the server is restarted STARTS times on each directory, the counts alternating (10, 100,000,
# 10, ...) so that a change of the machine's load falls on both alike; each restart is timed from
# launching java to the first 200 of GET /api/tenant/info for the LAST registered tenant's host
# (polled every 0.2 s), in wall time and in CPU time of the server process (user + system, all
# its threads, from /proc: what the start itself costs, whatever else the machine runs).
# After each restart (and SETTLE_SECONDS, 5): jcmd GC.run twice then GC.heap_info, the heap in
# use after a full GC less the young regions allocated since (old + humongous); prints
# the start-up ratios 100,000/10 (target <= 1.2) and the heap per 1,000 tenants.
#
#   mvn -B -q package -DskipTests && bench/startup.sh
#
# Loopback only; bounded (fixed counts, each start given up after 240 s); about 6 minutes.
# Environment: BENCH_PORT (18080), COUNTS ("10 100000"), STARTS (3), BATCH (10000), BENCH_WAR.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
COUNTS=${COUNTS:-10 100000}
STARTS=${STARTS:-3}
BATCH=${BATCH:-10000}
WAR=${BENCH_WAR:-target/rockstar-tenancy.war}   # BENCH_WAR: another build, e.g. before a change
OUT=target/bench-startup
BASE="http://127.0.0.1:$PORT"

require_war "$WAR"; require_port "$PORT"
[ -x "$BENCH_JCMD" ] || { echo "jcmd (JDK) is missing: $BENCH_JCMD" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"
server_pid=
stop_server() {
    stop_payara "$server_pid"
    server_pid=
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }
start_server() { # $1 root dir, $2 log; sets server_pid
    TENANCY_ADMIN_PASSWORD=$ADMIN_PASSWORD JAVA_OPTS=-Xmx2g \
        start_payara "$2" --port "$PORT" --rootdir "$1" --deploy "$WAR" --contextroot /
    server_pid=$SERVER_PID
}
heap_after_gc_kb() { # the heap in use after two full GCs, less the young regions filled since
    sleep "${SETTLE_SECONDS:-5}"   # let the start's background work finish before measuring
    "$BENCH_JCMD" "$server_pid" GC.run >/dev/null
    "$BENCH_JCMD" "$server_pid" GC.run >/dev/null
    "$BENCH_JCMD" "$server_pid" GC.heap_info | tee -a "$OUT/heap.log" | awk '
        /heap *total/ {for (i = 1; i <= NF; i++) if ($i == "used") {u = $(i + 1); sub(/K.*/, "", u)}}
        /region size/ {y = $0; sub(/ young.*/, "", y); sub(/.* /, "", y); r = $3; sub(/K/, "", r); print u - y * r; exit}'
}

cpu_ms() { # CPU time of a process so far, all threads: utime + stime of /proc/<pid>/stat
    awk -v tck="$(getconf CLK_TCK)" '{sub(/.*\) /, ""); print int(($12 + $13) * 1000 / tck)}' "/proc/$1/stat"
}

for count in $COUNTS; do
    start_server "$OUT/root-$count" "$OUT/fill-$count.log"
    await_payara "$server_pid" "$OUT/fill-$count.log" 0.2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
    import_tenants "$BASE" 0 "$count" "$BATCH" "$OUT" imp-
    stop_server
done

declare -A times cpus heaps start_ms cpu_ms heap_kb
printf '%-8s %-6s %10s %10s %14s\n' tenants start 'ready ms' 'CPU ms' 'heap old KB'
for s in $(seq 1 "$STARTS"); do
    for count in $COUNTS; do
        last="imp-$((count - 1)).bench.localhost"
        t0=$(now_ms)
        start_server "$OUT/root-$count" "$OUT/start-$count-$s.log"
        await_payara "$server_pid" "$OUT/start-$count-$s.log" 0.2 -H "Host: $last" "$BASE/api/tenant/info"
        t=$(($(now_ms) - t0))
        c=$(cpu_ms "$server_pid")
        h=$(heap_after_gc_kb)
        stop_server
        times[$count]="${times[$count]:-} $t"; cpus[$count]="${cpus[$count]:-} $c"; heaps[$count]="${heaps[$count]:-} $h"
        printf '%-8s %-6s %10s %10s %14s\n' "$count" "$s" "$t" "$c" "$h"
    done
done
for count in $COUNTS; do
    # shellcheck disable=SC2086
    start_ms[$count]=$(median ${times[$count]}); cpu_ms[$count]=$(median ${cpus[$count]}); heap_kb[$count]=$(median ${heaps[$count]})
done

load_average
set -- $COUNTS
low=$1; high=${!#}
for count in $COUNTS; do
    echo "median with $count tenants: ready in ${start_ms[$count]} ms, ${cpu_ms[$count]} ms CPU, heap after full GC ${heap_kb[$count]} KB"
done
awk -v a="${start_ms[$low]}" -v b="${start_ms[$high]}" -v ca="${cpu_ms[$low]}" -v cb="${cpu_ms[$high]}" \
    -v ha="${heap_kb[$low]}" -v hb="${heap_kb[$high]}" -v nl="$low" -v nh="$high" 'BEGIN {
    printf "start-up CPU time ratio %d/%d tenants: %.2f\n", nh, nl, cb / ca
    printf "start-up ratio %d/%d tenants: %.2f (target <= 1.2)\n", nh, nl, b / a
    printf "heap per 1,000 tenants: %.0f KB\n", (hb - ha) * 1000 / (nh - nl) }'
