#!/usr/bin/env bash
# GET /api/tenant/info with the Host rotating over 10 tenants, against a baseline that answers the
# same bytes without tenancy, all in ONE Payara Micro process, measured at steady state: each
# variant warmed until its throughput is flat, then alternating rounds (bench/lib.sh, "Steady
# state"). Prints every round's req/s, p50 and p99 per variant and its ratio to the baseline, then
# per variant the median ratio, its spread (min-max) and interquartile range; the target is
# tenant-info/baseline >= 0.90.
#
#   mvn -B -q package -DskipTests && bench/tenant-info.sh
#   PAYARA=7 bench/tenant-info.sh                       # Payara Micro 7 (pom.xml's payara7.version) on Java 25
#   BENCH_EXTRA_VARIANTS="baseline-fastpath=bench/baseline-security/src:bench/fastpath/src" bench/tenant-info.sh
#
# Needs Java 17 (21+ for Payara 7), Maven (for the Payara Micro jar and the Jakarta EE API, from
# the local repository or Maven Central) and Debian's wrk (apt-get install wrk). Loopback only;
# bounded: at most (WARM_MAX_ROUNDS + ROUNDS) rounds per variant, about 5 minutes with the
# defaults when the variants warm in 3-4 rounds.
# Environment: PAYARA (6) or PAYARA_VERSION, BENCH_JAVA, BENCH_PORT (18080), ROUNDS (7),
# SECONDS_PER_ROUND (10), WARM_SECONDS (SECONDS_PER_ROUND), FLAT_PERCENT (5), WARM_MAX_ROUNDS (12),
# WRK_THREADS (2), WRK_CONNECTIONS (32), BENCH_WAR (target/rockstar-tenancy.war),
# BENCH_EXTRA_VARIANTS: further baseline WARs, "name=srcdir[:srcdir...] ...", each compiled from
# bench/baseline/src plus those directories, deployed at /<name> and measured against the baseline;
# BENCH_JFR=1 to record every measured round with JFR (target/bench/<variant>-N.jfr; summarise
# with python3 bench/jfr-top.py and bench/jfr-alloc-by.py) and print bytes allocated per request
# in the last round (bench/jfr-alloc.py); BENCH_JFR_SETTINGS (profile): the JFR settings, a name
# or a .jfc file (e.g. a copy of profile.jfc sampling every 1 ms for more samples).
#
# The baseline (bench/baseline/, a JAX-RS resource, context root /baseline) is compiled and packed
# into target/bench/baseline.war by this script; it is never part of the product WAR. A second one,
# /baseline-secured, is the same plus a Jakarta Security mechanism that authenticates nobody
# (bench/baseline-security/): what the server's security layer costs any WAR that has a login, as
# the product does. The variants: baseline, secured, the extra ones, tenant-info (the product).
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
ss_settings   # ROUNDS, SECONDS_PER_ROUND, the warm-up's settings (bench/lib.sh)
TENANTS=10
WAR=${BENCH_WAR:-target/rockstar-tenancy.war}   # BENCH_WAR: another build of the product, e.g. before a change
OUT=target/bench
BASE="http://127.0.0.1:$PORT"

require_war "$WAR"; require_port "$PORT"; require_wrk
rm -rf "$OUT" && mkdir -p "$OUT"

build_baseline_war "$OUT"
build_baseline_war "$OUT" baseline-secured bench/baseline-security/src
build_extra_variants "$OUT"

# --contextroot applies to the first --deploy: the product at /, the baseline at /baseline.
start_payara "$OUT/payara.log" --port "$PORT" --rootdir "$OUT/payara-root" \
    --systemProperties src/main/dev/tenancy-dev.properties \
    --deploy "$WAR" --contextroot / --deploy "$OUT/baseline.war" --deploy "$OUT/baseline-secured.war" \
    $(extra_deploy_args "$OUT")
server_pid=$SERVER_PID
started=$SECONDS
await_payara "$server_pid" "$OUT/payara.log" 2 -H 'Host: t0.bench.localhost' "$BASE/baseline/api/tenant/info"
await_payara "$server_pid" "$OUT/payara.log" 2 -H 'Host: t0.bench.localhost' "$BASE/baseline-secured/api/tenant/info"
for name in $(extra_variant_names); do
    await_payara "$server_pid" "$OUT/payara.log" 2 -H 'Host: t0.bench.localhost' "$BASE/$name/api/tenant/info"
done
await_payara "$server_pid" "$OUT/payara.log" 2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
echo "Payara Micro $PAYARA_VERSION up in $((SECONDS - started)) s (pid $server_pid)"
SERVER_PID=$server_pid

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
    for name in $(extra_variant_names); do
        extra=$(curl -s -H "Host: t$i.bench.localhost" "$BASE/$name/api/tenant/info")
        [ "$product" = "$extra" ] || { echo "bodies differ: $product vs $extra ($name)" >&2; exit 1; }
    done
done
echo "10 tenants registered; product and baselines answer the same bytes: $product"

export BENCH_TENANTS=$TENANTS
SS_VARIANTS=(baseline secured $(extra_variant_names) tenant-info)
declare -A PATHS=([baseline]=/baseline/api/tenant/info [secured]=/baseline-secured/api/tenant/info [tenant-info]=/api/tenant/info)
for name in "${SS_VARIANTS[@]}"; do
    [ -n "${PATHS[$name]:-}" ] || PATHS[$name]=/$name/api/tenant/info
    [ "$name" = baseline ] || SS_REF[$name]=baseline
done
ss_round() { # $1 variant, $2 seconds -> "req/s p99_ms p50_ms"
    run_wrk "$OUT/wrk.log" "$2" -s bench/hosts.lua "$BASE" -- "${PATHS[$1]}"
}

ss_warm
ss_measure
if [ "${BENCH_JFR:-0}" = 1 ]; then
    # JFR's own sampling allocates too, the same in both variants: compare, do not read as absolute.
    echo "allocation, last round (bench/jfr-alloc.py):"
    for name in "${SS_VARIANTS[@]}"; do
        printf '  %-20s %s\n' "$name:" "$(python3 bench/jfr-alloc.py "$OUT/$name-$ROUNDS.jfr" "${SS_RPS[$name,$ROUNDS]}")"
    done
fi
ss_summary
# tenancy's own code: the product over the secured baseline, which pays the same security layer
over_secured=()
for ((r = 1; r <= ROUNDS; r++)); do over_secured+=("$(ratio "${SS_RPS[tenant-info,$r]}" "${SS_RPS[secured,$r]}")"); done
echo "tenant-info/secured (tenancy's own code), per round: ${over_secured[*]}; median $(median "${over_secured[@]}")"
read -r med min max q1 q3 <<<"$(ss_ratio_stats tenant-info)"
echo "tenant-info/baseline: median $med of $ROUNDS rounds (spread $min-$max, interquartile $q1-$q3); target >= 0.90"
