#!/usr/bin/env bash
# GET /api/documents?limit=50 against the same JPA queries and JSON on a table without the tenant
# column (issue 11 point 1, second target), both in ONE Payara Micro process on its embedded H2:
# the product at /, the baseline WAR (bench/baseline/: PlainDocument, PlainDocuments,
# BaselineDocumentsResource; never part of the product) at /baseline on the same datasource.
# One tenant t0 with 1,000 documents, and the same 1,000 rows (ids, titles, contents, times) in
# the baseline's plain_document; the script checks that both answers are the same bytes. Rounds
# run baseline, secured baseline, product; prints req/s, p50, p99, the ratio of time per request
# product/baseline (target <= 1.3) and the product's p99/p50 (target < 4). The secured baseline
# (/baseline-secured) is the baseline plus a Jakarta Security mechanism that authenticates nobody
# (bench/baseline-security/), as in bench/tenant-info.sh: what the server's security layer costs
# any WAR with a login, apart from what tenancy costs.
#
#   mvn -B -q package -DskipTests && bench/documents-list.sh
#
# Loopback only; bounded (fixed warm-up and rounds); about 3 minutes.
# Environment: BENCH_PORT (18080), DOCUMENTS (1000), ROUNDS (3), SECONDS_PER_ROUND (10),
# WARMUP_SECONDS (30), WRK_THREADS (2), WRK_CONNECTIONS (32), BENCH_WAR, BENCH_JFR=1 to record
# the last round of each variant with JFR (target/bench-documents/{baseline,secured,product}.jfr; summarise
# with python3 bench/jfr-top.py); BENCH_JFR_SETTINGS (profile): the JFR settings, a name or a .jfc file.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
DOCUMENTS=${DOCUMENTS:-1000}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
WAR=${BENCH_WAR:-target/rockstar-tenancy.war}
OUT=target/bench-documents
BASE="http://127.0.0.1:$PORT"
HOST=t0.bench.localhost

require_war "$WAR"; require_port "$PORT"; require_wrk
rm -rf "$OUT" && mkdir -p "$OUT"
load_average
build_baseline_war "$OUT"
build_baseline_war "$OUT" baseline-secured bench/baseline-security/src

# --contextroot applies to the first --deploy: the product at /, the baseline at /baseline.
start_payara "$OUT/payara.log" --port "$PORT" --rootdir "$OUT/payara-root" \
    --systemProperties src/main/dev/tenancy-dev.properties \
    --deploy "$WAR" --contextroot / --deploy "$OUT/baseline.war" --deploy "$OUT/baseline-secured.war"
started=$SECONDS
await_payara "$SERVER_PID" "$OUT/payara.log" 2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
await_payara "$SERVER_PID" "$OUT/payara.log" 2 "$BASE/baseline/api/tenant/info" -H "Host: $HOST"
await_payara "$SERVER_PID" "$OUT/payara.log" 2 "$BASE/baseline-secured/api/tenant/info" -H "Host: $HOST"
echo "Payara Micro $PAYARA_VERSION up in $((SECONDS - started)) s"

import_tenants "$BASE" 0 1 1 "$OUT" t
curl -sf -X POST "$BASE/baseline/api/documents/fill?tenant=t0&count=$DOCUMENTS" \
    || { echo "filling the documents failed; see $OUT/payara.log" >&2; exit 1; }
product=$(curl -sf -H "Host: $HOST" "$BASE/api/documents?limit=50")
baseline=$(curl -sf -H "Host: $HOST" "$BASE/baseline/api/documents?limit=50")
secured=$(curl -sf -H "Host: $HOST" "$BASE/baseline-secured/api/documents?limit=50")
[ "$product" = "$baseline" ] && [ "$product" = "$secured" ] \
    || { echo "bodies differ:"; echo "$product" | head -c 300; echo; echo "$baseline" | head -c 300; exit 1; } >&2
echo "$DOCUMENTS documents each; product and baseline answer the same ${#product} bytes"

list_wrk() { # $1 path, $2 seconds -> "req/s p99_ms p50_ms"
    run_wrk "$OUT/wrk.log" "$2" -H "Host: $HOST" "$BASE$1?limit=50"
}
echo "warm-up: ${WARMUP_SECONDS} s each"
list_wrk /baseline/api/documents "$WARMUP_SECONDS" >/dev/null
list_wrk /baseline-secured/api/documents "$WARMUP_SECONDS" >/dev/null
list_wrk /api/documents "$WARMUP_SECONDS" >/dev/null

jfr() { # $1 start|stop, $2 name: JFR of the last round only, when BENCH_JFR=1
    [ "${BENCH_JFR:-0}" = 1 ] && [ "$round" = "$ROUNDS" ] || return 0
    if [ "$1" = start ]; then
        jcmd "$SERVER_PID" JFR.start name="$2" settings="${BENCH_JFR_SETTINGS:-profile}" filename="$(pwd)/$OUT/$2.jfr" >/dev/null
    else
        jcmd "$SERVER_PID" JFR.stop name="$2" >/dev/null
    fi
}
[ "${BENCH_JFR:-0}" != 1 ] || jcmd "$SERVER_PID" JFR.configure stackdepth=256 >/dev/null

b_rps=(); b_p99=(); b_p50=(); t_rps=(); t_p99=(); t_p50=(); ratios=(); s_rps=(); s_ratios=(); over_s_ratios=()
printf '%-6s %-9s %12s %10s %10s\n' round variant 'req/s' 'p50 ms' 'p99 ms'
for round in $(seq 1 "$ROUNDS"); do
    jfr start baseline
    read -r rps p99 p50 < <(list_wrk /baseline/api/documents "$SECONDS_PER_ROUND")
    jfr stop baseline
    b_rps+=("$rps"); b_p99+=("$p99"); b_p50+=("$p50")
    printf '%-6s %-9s %12s %10s %10s\n' "$round" baseline "$rps" "$p50" "$p99"
    jfr start secured
    read -r rps p99 p50 < <(list_wrk /baseline-secured/api/documents "$SECONDS_PER_ROUND")
    jfr stop secured
    s_rps+=("$rps")
    s_ratios+=("$(ratio "${b_rps[-1]}" "$rps")")
    printf '%-6s %-9s %12s %10s %10s   time ratio to baseline %s\n' "$round" secured "$rps" "$p50" "$p99" "${s_ratios[-1]}"
    jfr start product
    read -r rps p99 p50 < <(list_wrk /api/documents "$SECONDS_PER_ROUND")
    jfr stop product
    t_rps+=("$rps"); t_p99+=("$p99"); t_p50+=("$p50")
    # Time per request, product over baseline: how many times slower tenancy makes the list.
    ratios+=("$(ratio "${b_rps[-1]}" "$rps")")
    over_s_ratios+=("$(ratio "${s_rps[-1]}" "$rps")")
    printf '%-6s %-9s %12s %10s %10s   time ratio %s (to the secured baseline %s)\n' "$round" product "$rps" "$p50" \
        "$p99" "${ratios[-1]}" "${over_s_ratios[-1]}"
done

load_average
echo "median baseline: $(median "${b_rps[@]}") req/s, p50 $(median "${b_p50[@]}") ms, p99 $(median "${b_p99[@]}") ms"
echo "median secured baseline: $(median "${s_rps[@]}") req/s"
echo "median product:  $(median "${t_rps[@]}") req/s, p50 $(median "${t_p50[@]}") ms, p99 $(median "${t_p99[@]}") ms"
awk -v b="$(median "${b_rps[@]}")" -v t="$(median "${t_rps[@]}")" -v p99="$(median "${t_p99[@]}")" \
    -v p50="$(median "${t_p50[@]}")" 'BEGIN {
    printf "time per request product/baseline: %.2f (target <= 1.3)\n", b / t
    printf "product p99/p50: %.1f (target < 4)\n", p99 / p50 }'
echo "median of the per-round time ratios: $(median "${ratios[@]}")"
echo "time per request secured baseline/baseline (Jakarta Security alone), median of the rounds: $(median "${s_ratios[@]}")"
echo "time per request product/secured baseline (tenancy's own code), median of the rounds: $(median "${over_s_ratios[@]}")"
