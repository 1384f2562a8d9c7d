#!/usr/bin/env bash
# GET /api/documents?limit=50 against the same JPA queries and JSON on a table without the tenant
# column (issue 11 point 1, second target), all in ONE Payara Micro process on its embedded H2:
# the product at /, the baseline WAR (bench/baseline/: PlainDocument, PlainDocuments,
# BaselineDocumentsResource; never part of the product) at /baseline on the same datasource.
# One tenant t0 with 1,000 documents, and the same 1,000 rows (ids, titles, contents, times) in
# the baseline's plain_document; the script checks that all answers are the same bytes. The
# secured baseline (/baseline-secured) is the baseline plus a Jakarta Security mechanism that
# authenticates nobody (bench/baseline-security/), as in bench/tenant-info.sh: what the server's
# security layer costs any WAR with a login, apart from what tenancy costs.
# Measured at steady state (bench/lib.sh, "Steady state": each variant warmed until flat, then
# alternating rounds). Prints every round's req/s, p50, p99 per variant and its time per request
# over the baseline's; per round also the product's p99/p50, the baseline's, and their ratio
# (target <= 1.2) and the time ratio product/baseline (target <= 1.3); then medians, spreads
# (min-max) and interquartile ranges.
#
#   mvn -B -q package -DskipTests && bench/documents-list.sh
#   PAYARA=7 bench/documents-list.sh                    # Payara Micro 7 on Java 25
#
# Loopback only; bounded: at most (WARM_MAX_ROUNDS + ROUNDS) rounds per variant, about 5 minutes
# with the defaults when the variants warm in 3-4 rounds.
# Environment: PAYARA (6) or PAYARA_VERSION, BENCH_JAVA, BENCH_PORT (18080), DOCUMENTS (1000),
# ROUNDS (7), SECONDS_PER_ROUND (10), WARM_SECONDS (SECONDS_PER_ROUND), FLAT_PERCENT (5),
# WARM_MAX_ROUNDS (12), WRK_THREADS (2), WRK_CONNECTIONS (32), BENCH_WAR,
# BENCH_EXTRA_VARIANTS (further baseline WARs, as in bench/tenant-info.sh), BENCH_JFR=1 to record
# the last round of each variant with JFR (target/bench-documents/<variant>.jfr; summarise with
# python3 bench/jfr-top.py); BENCH_JFR_SETTINGS (profile): the JFR settings, a name or a .jfc file.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
DOCUMENTS=${DOCUMENTS:-1000}
ss_settings   # ROUNDS, SECONDS_PER_ROUND, the warm-up's settings (bench/lib.sh)
WAR=${BENCH_WAR:-target/rockstar-tenancy.war}
OUT=target/bench-documents
BASE="http://127.0.0.1:$PORT"
HOST=t0.bench.localhost

require_war "$WAR"; require_port "$PORT"; require_wrk
rm -rf "$OUT" && mkdir -p "$OUT"
load_average
build_baseline_war "$OUT"
build_baseline_war "$OUT" baseline-secured bench/baseline-security/src
build_extra_variants "$OUT"

# --contextroot applies to the first --deploy: the product at /, the baseline at /baseline.
start_payara "$OUT/payara.log" --port "$PORT" --rootdir "$OUT/payara-root" \
    --systemProperties src/main/dev/tenancy-dev.properties \
    --deploy "$WAR" --contextroot / --deploy "$OUT/baseline.war" --deploy "$OUT/baseline-secured.war" \
    $(extra_deploy_args "$OUT")
started=$SECONDS
await_payara "$SERVER_PID" "$OUT/payara.log" 2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
await_payara "$SERVER_PID" "$OUT/payara.log" 2 "$BASE/baseline/api/tenant/info" -H "Host: $HOST"
await_payara "$SERVER_PID" "$OUT/payara.log" 2 "$BASE/baseline-secured/api/tenant/info" -H "Host: $HOST"
for name in $(extra_variant_names); do
    await_payara "$SERVER_PID" "$OUT/payara.log" 2 "$BASE/$name/api/tenant/info" -H "Host: $HOST"
done
echo "Payara Micro $PAYARA_VERSION up in $((SECONDS - started)) s"

import_tenants "$BASE" 0 1 1 "$OUT" t
curl -sf -X POST "$BASE/baseline/api/documents/fill?tenant=t0&count=$DOCUMENTS" \
    || { echo "filling the documents failed; see $OUT/payara.log" >&2; exit 1; }
product=$(curl -sf -H "Host: $HOST" "$BASE/api/documents?limit=50")
baseline=$(curl -sf -H "Host: $HOST" "$BASE/baseline/api/documents?limit=50")
secured=$(curl -sf -H "Host: $HOST" "$BASE/baseline-secured/api/documents?limit=50")
[ "$product" = "$baseline" ] && [ "$product" = "$secured" ] \
    || { echo "bodies differ:"; echo "$product" | head -c 300; echo; echo "$baseline" | head -c 300; exit 1; } >&2
for name in $(extra_variant_names); do
    [ "$product" = "$(curl -sf -H "Host: $HOST" "$BASE/$name/api/documents?limit=50")" ] \
        || { echo "bodies differ: product and $name" >&2; exit 1; }
done
echo "$DOCUMENTS documents each; product and baseline answer the same ${#product} bytes"

SS_VARIANTS=(baseline secured $(extra_variant_names) product)
declare -A PATHS=([baseline]=/baseline/api/documents [secured]=/baseline-secured/api/documents [product]=/api/documents)
for name in "${SS_VARIANTS[@]}"; do
    [ -n "${PATHS[$name]:-}" ] || PATHS[$name]=/$name/api/documents
    [ "$name" = baseline ] || SS_REF[$name]=baseline
done
RATIO_KIND=time SS_JFR_LAST_ONLY=1
ss_round() { # $1 variant, $2 seconds -> "req/s p99_ms p50_ms"
    run_wrk "$OUT/wrk.log" "$2" -H "Host: $HOST" "$BASE${PATHS[$1]}?limit=50"
}
tails=()
ss_round_extra() { # $1 round: the product's tail against the baseline's own
    local p b
    p=$(awk -v a="${SS_P99[product,$1]}" -v b="${SS_P50[product,$1]}" 'BEGIN {printf "%.2f", a / b}')
    b=$(awk -v a="${SS_P99[baseline,$1]}" -v b="${SS_P50[baseline,$1]}" 'BEGIN {printf "%.2f", a / b}')
    tails+=("$(ratio "$p" "$b")")
    echo "       p99/p50: product $p, baseline $b, product's over baseline's ${tails[-1]} (target <= 1.2);" \
        "time per request product/baseline ${SS_RATIO[product,$1]} (target <= 1.3)"
}

ss_warm
ss_measure
ss_summary
read -r med min max q1 q3 <<<"$(ss_ratio_stats product)"
echo "time per request product/baseline: median $med of $ROUNDS rounds (spread $min-$max, interquartile $q1-$q3); target <= 1.3"
sorted=$(printf '%s\n' "${tails[@]}" | sort -g)
echo "p99/p50 product's over baseline's: median $(median "${tails[@]}") (spread $(echo "$sorted" | head -1)-$(echo "$sorted" | tail -1)," \
    "interquartile $(quartiles "${tails[@]}" | tr ' ' -)); target <= 1.2"
over_secured=()
for ((r = 1; r <= ROUNDS; r++)); do over_secured+=("$(ratio "${SS_RPS[secured,$r]}" "${SS_RPS[product,$r]}")"); done
echo "time per request product/secured baseline (tenancy's own code), per round: ${over_secured[*]}; median $(median "${over_secured[@]}")"
