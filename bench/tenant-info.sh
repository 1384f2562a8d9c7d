#!/usr/bin/env bash
# GET /api/tenant/info with the Host rotating over 10 tenants, against a baseline that answers the
# same bytes without tenancy, both in ONE Payara Micro process; prints tenant/baseline req/s and p99s.
#
#   mvn -B -q package -DskipTests && bench/tenant-info.sh
#
# Needs Java 17, Maven (for the Payara Micro jar and the Jakarta EE API, from the local repository
# or Maven Central) and Debian's wrk (apt-get install wrk). Loopback only; about 3 minutes with the
# defaults, bounded by construction (fixed warm-up and rounds) well under 10 minutes.
# Environment: BENCH_PORT (18080), ROUNDS (3), SECONDS_PER_ROUND (10), WARMUP_SECONDS (15),
# WRK_THREADS (2), WRK_CONNECTIONS (32), BENCH_WAR (target/rockstar-tenancy.war), BENCH_JFR=1 to record
# every round with JFR (target/bench/{baseline,secured,tenant-info}-N.jfr; summarise with python3 bench/jfr-top.py
# and bench/jfr-alloc-by.py)
# and print bytes allocated per request (bench/jfr-alloc.py); BENCH_JFR_SETTINGS (profile): the JFR
# settings, a name or a .jfc file (e.g. a copy of profile.jfc sampling every 1 ms for more samples).
#
# The baseline (bench/baseline/, a JAX-RS resource, context root /baseline) is compiled and packed
# into target/bench/baseline.war by this script; it is never part of the product WAR. A second one,
# /baseline-secured, is the same plus a Jakarta Security mechanism that authenticates nobody
# (bench/baseline-security/): what the server's security layer costs any WAR that has a login, as
# the product does. Each round runs baseline, secured baseline, tenant; the target is tenant/baseline.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
TENANTS=10
WAR=${BENCH_WAR:-target/rockstar-tenancy.war}   # BENCH_WAR: another build of the product, e.g. before a change
OUT=target/bench
BASE="http://127.0.0.1:$PORT"

require_war "$WAR"; require_port "$PORT"; require_wrk
rm -rf "$OUT" && mkdir -p "$OUT"

build_baseline_war "$OUT"
build_baseline_war "$OUT" baseline-secured bench/baseline-security/src

# --contextroot applies to the first --deploy: the product at /, the baseline at /baseline.
start_payara "$OUT/payara.log" --port "$PORT" --rootdir "$OUT/payara-root" \
    --systemProperties src/main/dev/tenancy-dev.properties \
    --deploy "$WAR" --contextroot / --deploy "$OUT/baseline.war" --deploy "$OUT/baseline-secured.war"
server_pid=$SERVER_PID
started=$SECONDS
await_payara "$server_pid" "$OUT/payara.log" 2 -H 'Host: t0.bench.localhost' "$BASE/baseline/api/tenant/info"
await_payara "$server_pid" "$OUT/payara.log" 2 -H 'Host: t0.bench.localhost' "$BASE/baseline-secured/api/tenant/info"
await_payara "$server_pid" "$OUT/payara.log" 2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
echo "Payara Micro $PAYARA_VERSION up in $((SECONDS - started)) s (pid $server_pid)"

for i in $(seq 0 $((TENANTS - 1))); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/json' \
        -d "{\"id\":\"t$i\",\"name\":\"Tenant $i\",\"hosts\":[\"t$i.bench.localhost\"]}" "$BASE/api/admin/tenants")
    [ "$code" = 201 ] || { echo "registering t$i answered $code" >&2; exit 1; }
done
for i in 0 $((TENANTS - 1)); do
    product=$(curl -s -H "Host: t$i.bench.localhost" "$BASE/api/tenant/info")
    baseline=$(curl -s -H "Host: t$i.bench.localhost" "$BASE/baseline/api/tenant/info")
    secured=$(curl -s -H "Host: t$i.bench.localhost" "$BASE/baseline-secured/api/tenant/info")
    [ "$product" = "$baseline" ] && [ "$product" = "$secured" ] \
        || { echo "bodies differ: $product vs $baseline vs $secured" >&2; exit 1; }
done
echo "10 tenants registered; product and baseline answer the same bytes: $product"

export BENCH_TENANTS=$TENANTS
tenant_wrk() { # $1 path, $2 seconds -> "req/s p99_ms p50_ms"
    run_wrk "$OUT/wrk.log" "$2" -s bench/hosts.lua "$BASE" -- "$1"
}

echo "warm-up: ${WARMUP_SECONDS} s each"
tenant_wrk /baseline/api/tenant/info "$WARMUP_SECONDS" >/dev/null
tenant_wrk /baseline-secured/api/tenant/info "$WARMUP_SECONDS" >/dev/null
tenant_wrk /api/tenant/info "$WARMUP_SECONDS" >/dev/null

if [ "${BENCH_JFR:-0}" = 1 ]; then
    jcmd "$server_pid" JFR.configure stackdepth=256 >/dev/null
fi
measured() { # $1 JFR name, $2 path: one round of tenant_wrk, recorded with JFR when BENCH_JFR=1
    [ "${BENCH_JFR:-0}" != 1 ] || jcmd "$server_pid" JFR.start name="$1$round" settings="${BENCH_JFR_SETTINGS:-profile}" \
        filename="$(pwd)/$OUT/$1-$round.jfr" >/dev/null
    tenant_wrk "$2" "$SECONDS_PER_ROUND"
    [ "${BENCH_JFR:-0}" != 1 ] || jcmd "$server_pid" JFR.stop name="$1$round" >/dev/null
}
baseline_rps=(); tenant_rps=(); baseline_p99=(); tenant_p99=(); round_ratios=()
secured_rps=(); secured_ratios=(); over_secured_ratios=()
printf '%-6s %-9s %12s %10s\n' round variant 'req/s' 'p99 ms'
for round in $(seq 1 "$ROUNDS"); do
    read -r rps p99 _ < <(measured baseline /baseline/api/tenant/info)
    baseline_rps+=("$rps"); baseline_p99+=("$p99")
    printf '%-6s %-9s %12s %10s\n' "$round" baseline "$rps" "$p99"
    read -r rps p99 _ < <(measured secured /baseline-secured/api/tenant/info)
    secured_rps+=("$rps"); secured_ratios+=("$(ratio "$rps" "${baseline_rps[-1]}")")
    printf '%-6s %-9s %12s %10s   ratio to baseline %s\n' "$round" secured "$rps" "$p99" "${secured_ratios[-1]}"
    read -r rps p99 _ < <(measured tenant-info /api/tenant/info)
    tenant_rps+=("$rps"); tenant_p99+=("$p99")
    # On a noisy machine the ratio of neighbouring rounds varies less than either throughput.
    round_ratios+=("$(ratio "$rps" "${baseline_rps[-1]}")")
    over_secured_ratios+=("$(ratio "$rps" "${secured_rps[-1]}")")
    printf '%-6s %-9s %12s %10s   ratio %s (to the secured baseline %s)\n' "$round" tenant "$rps" "$p99" \
        "${round_ratios[-1]}" "${over_secured_ratios[-1]}"
done
if [ "${BENCH_JFR:-0}" = 1 ]; then
    # JFR's own sampling allocates too, the same in both variants: compare, do not read as absolute.
    echo "allocation, last round (bench/jfr-alloc.py):"
    echo "  baseline: $(python3 bench/jfr-alloc.py "$OUT/baseline-$ROUNDS.jfr" "${baseline_rps[-1]}")"
    echo "  secured:  $(python3 bench/jfr-alloc.py "$OUT/secured-$ROUNDS.jfr" "${secured_rps[-1]}")"
    echo "  tenant:   $(python3 bench/jfr-alloc.py "$OUT/tenant-info-$ROUNDS.jfr" "${tenant_rps[-1]}")"
fi

b=$(median "${baseline_rps[@]}"); t=$(median "${tenant_rps[@]}"); s=$(median "${secured_rps[@]}")
bp=$(median "${baseline_p99[@]}"); tp=$(median "${tenant_p99[@]}")
load_average
echo "median baseline: $b req/s, p99 $bp ms"
echo "median secured baseline: $s req/s"
echo "median tenant:   $t req/s, p99 $tp ms"
awk -v t="$t" -v b="$b" 'BEGIN {printf "ratio tenant/baseline: %.2f (target >= 0.90)\n", t / b}'
echo "median of the per-round ratios: $(median "${round_ratios[@]}")"
echo "secured baseline/baseline (Jakarta Security alone), median of the per-round ratios: $(median "${secured_ratios[@]}")"
echo "tenant/secured baseline (tenancy's own code), median of the per-round ratios: $(median "${over_secured_ratios[@]}")"
