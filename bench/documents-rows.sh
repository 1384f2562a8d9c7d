#!/usr/bin/env bash
# Flat with rows (issue 11 point 3): GET /api/documents?limit=50 for ONE tenant's host on PostgreSQL,
# case A with 1 tenant x 1,000 documents in the table, case B with 1,000 tenants x 1,000 documents
# (1,000,000 rows, the tenants' rows interleaved in the heap). Two Payara Micro servers side by
# side, each on a database of its own (A on ${DB}_a, B on ${DB}_b), started alike and warmed up
# alike; then rounds alternate A and B (order rotating), only the measured one gets requests.
# Prints req/s, p50 and p99 per round, the median of the per-round ratios of B's time per request
# to A's (target <= 1.2), B's p99/p50 (target < 4), the SQL EclipseLink sends and
# EXPLAIN (ANALYZE, BUFFERS) of it in case B.
#
#   mvn -B -q package -DskipTests && bench/documents-rows.sh
#
# Needs Java 17, Maven, Debian's wrk, and a local PostgreSQL (default 127.0.0.1:5432, running:
# pg_ctlcluster 15 main start) where this script may act as superuser through
# `runuser -u postgres -- psql` on the local socket (run it as root), or set PG_ADMIN to another
# command that runs psql as a superuser. It creates the role `tenancy` (password `tenancy`) if
# missing and two databases of its own, ${DB}_a and ${DB}_b (DB default tenancy_bench), which it
# drops first if a previous run left them, and drops at the end (KEEP_DB=1 keeps them). The
# servers log in as `tenancy`, the tables' owner, so row-level security (V8) does not bind them:
# its cost is measured apart (bench/rls.sh) and would be the same in both cases.
# To capture the SQL it sets log_statement=all cluster-wide for about one second (ALTER SYSTEM,
# reset right after; CAPTURE_SQL=0 skips that) and reads PG_LOG (Debian's default log file).
# Loopback only; bounded: two server starts, fixed warm-ups and rounds; about 8 minutes.
# Environment: BENCH_PORT (18080; B on the next port), ROUNDS (6), SECONDS_PER_ROUND (10),
# WARMUP_SECONDS (60, per case), WRK_THREADS (2), WRK_CONNECTIONS (32), PG_HOST, PG_PORT, DB,
# KEEP_DB, CAPTURE_SQL, PG_LOG.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
ROUNDS=${ROUNDS:-6}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
DB=${DB:-tenancy_bench}
PG_LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
WAR=target/rockstar-tenancy.war
OUT=target/bench-rows
HOST=t0.bench.localhost

require_war "$WAR"; require_port "$PORT"; require_port $((PORT + 1)); require_wrk
rm -rf "$OUT" && mkdir -p "$OUT"
load_average

declare -A base pid
base[A]="http://127.0.0.1:$PORT"; base[B]="http://127.0.0.1:$((PORT + 1))"

bench_psql() { # $1 A or B, then psql's arguments: as the application's role, on that case's database
    local db=${DB}_${1,,}
    shift
    PGPASSWORD=tenancy psql -h "$PG_HOST" -p "$PG_PORT" -U tenancy -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"
}

log_reset_needed=0
cleanup() {
    stop_all_payara
    if [ "$log_reset_needed" = 1 ]; then
        admin_psql -d postgres -c 'ALTER SYSTEM RESET log_statement' -c 'SELECT pg_reload_conf()' >/dev/null || true
    fi
    drop_databases "${DB}_a" "${DB}_b"
}
trap cleanup EXIT INT TERM

# Databases of their own, fresh on every run (a previous run's are dropped here if they were left).
fresh_databases "${DB}_a" "${DB}_b"

# Each server with its own pool on its own database; no tenants from configuration: the registry
# holds exactly the tenants this script registers.
start_server() { # $1 A or B
    local side=$1
    postgresql_pool "$OUT/postgresql-$side.asadmin" "${DB}_${side,,}"
    TENANCY_DATASOURCE=jdbc/tenancy-bench TENANCY_ADMIN_PASSWORD=$ADMIN_PASSWORD \
        start_payara "$OUT/payara-$side.log" --port "${base[$side]##*:}" --rootdir "$OUT/payara-root-$side" \
        --addLibs "$OUT/postgresql-$PGJDBC.jar" --postbootcommandfile "$OUT/postgresql-$side.asadmin" \
        --deploy "$WAR" --contextroot /
    pid[$side]=$SERVER_PID
}
started=$SECONDS
start_server A
start_server B
for side in A B; do
    await_payara "${pid[$side]}" "$OUT/payara-$side.log" 2 -u "$ADMIN" "${base[$side]}/api/admin/tenants?limit=1"
    code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/json' \
        -d "{\"id\":\"t0\",\"name\":\"Tenant 0\",\"hosts\":[\"$HOST\"]}" "${base[$side]}/api/admin/tenants")
    [ "$code" = 201 ] || { echo "registering t0 on $side answered $code: $(cat "$OUT/answer.json")" >&2; exit 1; }
done
echo "Payara Micro $PAYARA_VERSION x 2 up on PostgreSQL $(bench_psql A -c 'SHOW server_version') in $((SECONDS - started)) s;" \
    "Flyway: $(bench_psql A -c 'SELECT string_agg(version, $$,$$ ORDER BY installed_rank) FROM tenancy_schema_history' 2>/dev/null || echo '?')"

# The rows of tenants t<FROM>..t<TO>, 1,000 each, ordered by document number first so that the
# tenants' rows are interleaved in the heap (as rows written over time would be). The same
# ids, titles, contents and times for a given tenant in every case: t0's answer is the same bytes.
insert_documents() { # $1 A or B, $2 first tenant, $3 last tenant
    bench_psql "$1" <<SQL
INSERT INTO document (tenant_id, id, title, content, created_at)
SELECT 't' || t, md5('t' || t || '/' || g)::uuid::text, 'Document ' || g,
       'Content of document ' || g || ' of tenant t' || t || '. ' || repeat('Lorem ipsum dolor sit amet. ', 5),
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(1, 1000) AS g, generate_series($2, $3) AS t
ORDER BY g, t;
VACUUM ANALYZE document;
SQL
}

echo "case A: 1 tenant x 1,000 documents"
insert_documents A 0 0
echo "case B: 1,000 tenants x 1,000 documents (t1..t999 through the admin import, their rows by SQL)"
awk 'BEGIN { for (i = 1; i < 1000; i++)
    printf "{\"id\":\"t%d\",\"name\":\"Tenant %d\",\"hosts\":[\"t%d.bench.localhost\"]}\n", i, i, i }' >"$OUT/tenants.ndjson"
code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$OUT/tenants.ndjson" "${base[B]}/api/admin/tenants/import")
[ "$code" = 200 ] || { echo "importing t1..t999 answered $code: $(cat "$OUT/answer.json")" >&2; exit 1; }
load_start=$SECONDS
insert_documents B 0 999
echo "loaded 1,000,000 rows in $((SECONDS - load_start)) s; table $(bench_psql B -c "SELECT pg_size_pretty(pg_table_size('document'))")," \
    "indexes $(bench_psql B -c "SELECT pg_size_pretty(pg_indexes_size('document'))")"
for side in A B; do
    body=$(curl -sf -H "Host: $HOST" "${base[$side]}/api/documents?limit=50")
    echo "$body" >"$OUT/body-$side.json"
    echo "case $side: $(bench_psql "$side" -c 'SELECT count(*) FROM document') rows in document," \
        "$(bench_psql "$side" -c 'SELECT count(*) FROM tenant') tenants; t0's answer: ${#body} bytes," \
        "$(echo "$body" | grep -o '"id":' | wc -l) items"
done
cmp -s "$OUT/body-A.json" "$OUT/body-B.json" || { echo "t0's answer differs between A and B (see $OUT/body-*.json)" >&2; exit 1; }
echo "t0's answer is the same bytes in A and B"

list_wrk() { # $1 A or B, $2 seconds -> "req/s p99_ms p50_ms"
    run_wrk "$OUT/wrk.log" "$2" -H "Host: $HOST" "${base[$1]}/api/documents?limit=50"
}
echo "warm-up: ${WARMUP_SECONDS} s each"
list_wrk A "$WARMUP_SECONDS" >/dev/null
list_wrk B "$WARMUP_SECONDS" >/dev/null

declare -A all
ratios=()
printf '%-6s %-5s %12s %10s %10s\n' round case 'req/s' 'p50 ms' 'p99 ms'
for round in $(seq 1 "$ROUNDS"); do
    declare -A this
    # The order alternates: a server still warming up (or the machine's load changing) through a
    # run would favour whichever case comes second in every round.
    if [ $((round % 2)) = 1 ]; then order=(A B); else order=(B A); fi
    for side in "${order[@]}"; do
        read -r rps p99 p50 < <(list_wrk "$side" "$SECONDS_PER_ROUND")
        this[$side]=$rps
        all[$side]="${all[$side]:-} $rps"; all[$side-p99]="${all[$side-p99]:-} $p99"; all[$side-p50]="${all[$side-p50]:-} $p50"
        printf '%-6s %-5s %12s %10s %10s\n' "$round" "$side" "$rps" "$p50" "$p99"
    done
    # Time per request, B over A: how much slower 1M rows make the tenant's list.
    ratios+=("$(ratio "${this[A]}" "${this[B]}")")
    echo "       time per request B/A ${ratios[-1]}"
done

if [ "${CAPTURE_SQL:-1}" = 1 ] && [ -r "$PG_LOG" ]; then
    offset=$(stat -c %s "$PG_LOG")
    log_reset_needed=1
    admin_psql -d postgres -c "ALTER SYSTEM SET log_statement = 'all'" -c 'SELECT pg_reload_conf()' >/dev/null
    sleep 1
    curl -sf -o /dev/null -H "Host: $HOST" "${base[B]}/api/documents?limit=50"
    sleep 1
    admin_psql -d postgres -c 'ALTER SYSTEM RESET log_statement' -c 'SELECT pg_reload_conf()' >/dev/null
    log_reset_needed=0
    echo "SQL sent for one GET /api/documents?limit=50 (PostgreSQL's log_statement):"
    tail -c +"$((offset + 1))" "$PG_LOG" | grep -i -A1 'document' | grep -v '^--$' | sed 's/^/  /' || true
fi

echo "EXPLAIN (ANALYZE, BUFFERS), case B, of the list and the count (parameters as bound):"
bench_psql B <<'SQL'
EXPLAIN (ANALYZE, BUFFERS)
SELECT tenant_id AS a1, id AS a2, content AS a3, created_at AS a4, title AS a5 FROM document
WHERE (tenant_id = 't0') ORDER BY created_at DESC, id LIMIT 50 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS)
SELECT COUNT(tenant_id) FROM document WHERE (tenant_id = 't0');
SQL

load_average
for side in A B; do
    # shellcheck disable=SC2086
    echo "median $side: $(median ${all[$side]}) req/s, p50 $(median ${all[$side-p50]}) ms, p99 $(median ${all[$side-p99]}) ms"
done
# shellcheck disable=SC2086
awk -v p99="$(median ${all[B-p99]})" -v p50="$(median ${all[B-p50]})" 'BEGIN {printf "case B p99/p50: %.1f (target < 4)\n", p99 / p50}'
echo "time per request B/A, median of the per-round ratios: $(median "${ratios[@]}") (target <= 1.2)"
