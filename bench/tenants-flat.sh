#!/usr/bin/env bash
# Flat with tenants (issue 11 point 2): GET /api/tenant/info with 100,000 registered tenants
# against 10, side by side. Two Payara Micro processes, each with its own embedded H2: A
# (BENCH_PORT, 18080) holds the 10 tenants t0..t9, B (BENCH_PORT + 1) the same 10 plus 100,000
# imported through POST /api/admin/tenants/import (imp-0 .. imp-99999) by an earlier start of B on
# the same root directory, so that A and B start equally cold. Rounds alternate
# between A rotating over t0..t9, B over the same 10 hosts, and B over 1,000 hosts spread across
# its 100,000 (imp-0, imp-100, ..., imp-99900), their order rotating from round to round; prints
# each round and the medians of the per-round ratios B/A (target >= 0.95).
# Only the server being measured gets requests; the other idles.
#
#   mvn -B -q package -DskipTests && bench/tenants-flat.sh
#
# Loopback only; bounded (fixed warm-up and rounds); about 9 minutes on a quiet machine.
# Environment: BENCH_PORT (18080), TENANTS (100000), BATCH (10000), ROUNDS (6),
# SECONDS_PER_ROUND (10), WARMUP_SECONDS (60), WRK_THREADS (2), WRK_CONNECTIONS (32), BENCH_WAR.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
TENANTS=${TENANTS:-100000}
BATCH=${BATCH:-10000}
ROUNDS=${ROUNDS:-6}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
WAR=${BENCH_WAR:-target/rockstar-tenancy.war}
OUT=target/bench-flat
SPREAD=1000

require_war "$WAR"; require_port "$PORT"; require_port $((PORT + 1)); require_wrk
rm -rf "$OUT" && mkdir -p "$OUT"
load_average

declare -A base pid
base[A]="http://127.0.0.1:$PORT"; base[B]="http://127.0.0.1:$((PORT + 1))"
start_server() { # $1 A or B, $2 log
    start_payara "$2" --port "${base[$1]##*:}" --rootdir "$OUT/root-$1" \
        --systemProperties src/main/dev/tenancy-dev.properties --deploy "$WAR" --contextroot /
    pid[$1]=$SERVER_PID
}
await_server() { # $1 A or B, $2 log
    await_payara "${pid[$1]}" "$2" 2 -u "$ADMIN" "${base[$1]}/api/admin/tenants?limit=1"
}
# B's 100,000 tenants are imported by a server of their own, stopped before the measured ones start:
# A and B then start alike cold, and neither has run more code than the other before the warm-up.
import_start=$SECONDS
start_server B "$OUT/payara-B-import.log"
await_server B "$OUT/payara-B-import.log"
import_tenants "${base[B]}" 0 "$TENANTS" "$BATCH" "$OUT" imp-
stop_payara "${pid[B]}"
echo "B's root: $TENANTS tenants imported, server stopped, in $((SECONDS - import_start)) s"
started=$SECONDS
start_server A "$OUT/payara-A.log"
start_server B "$OUT/payara-B.log"
for server in A B; do
    await_server "$server" "$OUT/payara-$server.log"
    import_tenants "${base[$server]}" 0 10 10 "$OUT" t
done
echo "A and B up and t0..t9 registered on both in $((SECONDS - started)) s"
for host in t0 t9 "imp-0" "imp-$((TENANTS - 1))"; do
    curl -sf -o /dev/null -H "Host: $host.bench.localhost" "${base[B]}/api/tenant/info" \
        || { echo "B: $host does not resolve" >&2; exit 1; }
done
[ "$(curl -s -H 'Host: t3.bench.localhost' "${base[A]}/api/tenant/info")" \
    = "$(curl -s -H 'Host: t3.bench.localhost' "${base[B]}/api/tenant/info")" ] \
    || { echo "A and B answer t3 differently" >&2; exit 1; }

variant() { # $1 variant, $2 seconds -> "req/s p99 p50"
    case $1 in
        A-10) BENCH_TENANTS=10 run_wrk "$OUT/wrk.log" "$2" -s bench/hosts.lua "${base[A]}" ;;
        B-10) BENCH_TENANTS=10 run_wrk "$OUT/wrk.log" "$2" -s bench/hosts.lua "${base[B]}" ;;
        B-spread) BENCH_TENANTS=$SPREAD BENCH_HOST_PREFIX=imp- BENCH_HOST_STEP=$((TENANTS / SPREAD)) \
            run_wrk "$OUT/wrk.log" "$2" -s bench/hosts.lua "${base[B]}" ;;
    esac
}
VARIANTS=(A-10 B-10 B-spread)
echo "warm-up: ${WARMUP_SECONDS} s each"
for v in "${VARIANTS[@]}"; do variant "$v" "$WARMUP_SECONDS" >/dev/null; done

declare -A all
printf '%-6s %-9s %12s %10s\n' round variant 'req/s' 'p99 ms'
ratios10=(); ratios_spread=()
for round in $(seq 1 "$ROUNDS"); do
    declare -A this
    # The order rotates from round to round: a server still warming up (or a machine's load
    # changing) through a run favours whichever variant comes last in every round.
    for i in 0 1 2; do
        v=${VARIANTS[$(((i + round) % 3))]}
        read -r rps p99 _ < <(variant "$v" "$SECONDS_PER_ROUND")
        this[$v]=$rps; all[$v]="${all[$v]:-} $rps"; all[$v-p99]="${all[$v-p99]:-} $p99"
        printf '%-6s %-9s %12s %10s\n' "$round" "$v" "$rps" "$p99"
    done
    ratios10+=("$(awk -v b="${this[B-10]}" -v a="${this[A-10]}" 'BEGIN {printf "%.3f", b / a}')")
    ratios_spread+=("$(awk -v b="${this[B-spread]}" -v a="${this[A-10]}" 'BEGIN {printf "%.3f", b / a}')")
    echo "       ratios B-10/A-10 ${ratios10[-1]}, B-spread/A-10 ${ratios_spread[-1]}"
done

load_average
for v in "${VARIANTS[@]}"; do
    # shellcheck disable=SC2086
    echo "median $v: $(median ${all[$v]}) req/s, p99 $(median ${all[$v-p99]}) ms"
done
echo "B's heap after the run: $("$BENCH_JCMD" "${pid[B]}" GC.heap_info | awk '/heap *total/ {print $0}' | sed 's/^ *//')"
echo "median of the per-round ratios, 100,000 vs 10 tenants (target >= 0.95):"
echo "  same 10 hosts:                  $(median "${ratios10[@]}")"
echo "  $SPREAD hosts spread over $TENANTS: $(median "${ratios_spread[@]}")"
