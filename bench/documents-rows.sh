#!/usr/bin/env bash
# Flat with rows (issue 11 point 3): GET /api/documents?limit=50 for ONE tenant's host on PostgreSQL,
# case A with 1 tenant x 1,000 documents in the table, case B with 1,000 tenants x 1,000 documents
# (1,000,000 rows, the tenants' rows interleaved in the heap); prints req/s and p99 of each case,
# then case A again (A2: t0's rows alone, the server as warm as for B), the ratio B/A2
# (target: B's time per request within 1.2x of A2's), the SQL EclipseLink sends and
# EXPLAIN (ANALYZE, BUFFERS) of it in case B.
#
#   mvn -B -q package -DskipTests && bench/documents-rows.sh
#
# Needs Java 17, Maven, Debian's wrk, and a local PostgreSQL (default 127.0.0.1:5432) where this
# script may act as superuser through `runuser -u postgres -- psql` on the local socket (run it as root), or set
# PG_ADMIN to another command that runs psql as a superuser. It creates the role `tenancy`
# (password `tenancy`) if missing and a database of its own, DB (default tenancy_bench), which it
# drops first if a previous run left it, and drops at the end (KEEP_DB=1 keeps it).
# To capture the SQL it sets log_statement=all cluster-wide for about one second (ALTER SYSTEM,
# reset right after; CAPTURE_SQL=0 skips that) and reads PG_LOG (Debian's default log file).
# Loopback only; bounded: one server start, fixed warm-ups and rounds; about 6 minutes.
# Environment: BENCH_PORT (18080), ROUNDS (3), SECONDS_PER_ROUND (10), WARMUP_SECONDS (30, per case),
# WRK_THREADS (2), WRK_CONNECTIONS (32), PG_HOST, PG_PORT, DB, KEEP_DB, CAPTURE_SQL, PG_LOG.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
DB=${DB:-tenancy_bench}
PG_LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}
WAR=target/rockstar-tenancy.war
OUT=target/bench-rows
BASE="http://127.0.0.1:$PORT"
HOST=t0.bench.localhost
PGJDBC=42.7.14

require_war "$WAR"; require_port "$PORT"; require_wrk
[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "DB must be a plain identifier" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"

admin_psql() { # superuser psql on the maintenance database; SQL on stdin
    if [ -n "${PG_ADMIN:-}" ]; then $PG_ADMIN -v ON_ERROR_STOP=1 -qAt "$@"
    else runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qAt "$@"; fi   # local socket, peer authentication
}
bench_psql() { # as the application's role, on the benchmark's database
    PGPASSWORD=tenancy psql -h "$PG_HOST" -p "$PG_PORT" -U tenancy -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"
}

mvn -B -q dependency:copy -Dartifact="org.postgresql:postgresql:$PGJDBC" -DoutputDirectory="$OUT"

log_reset_needed=0
cleanup() {
    stop_all_payara
    if [ "$log_reset_needed" = 1 ]; then
        admin_psql -d postgres -c 'ALTER SYSTEM RESET log_statement' -c 'SELECT pg_reload_conf()' >/dev/null || true
    fi
    if [ "${KEEP_DB:-0}" != 1 ]; then
        admin_psql -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
    fi
}
trap cleanup EXIT INT TERM

# A database of its own, fresh on every run (a previous run's is dropped here if it was left).
admin_psql -d postgres <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tenancy') THEN
        CREATE ROLE tenancy LOGIN PASSWORD 'tenancy';
    END IF;
END \$\$;
DROP DATABASE IF EXISTS $DB WITH (FORCE);
CREATE DATABASE $DB OWNER tenancy;
SQL

cat >"$OUT/postgresql.asadmin" <<ASADMIN
create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource --property user=tenancy:password=tenancy:serverName=$PG_HOST:portNumber=$PG_PORT:databaseName=$DB tenancy-bench-pool
create-jdbc-resource --connectionpoolid tenancy-bench-pool jdbc/tenancy-bench
ASADMIN

# No tenants from configuration: the registry holds exactly the tenants this script registers.
TENANCY_DATASOURCE=jdbc/tenancy-bench TENANCY_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    start_payara "$OUT/payara.log" --port "$PORT" --rootdir "$OUT/payara-root" \
    --addLibs "$OUT/postgresql-$PGJDBC.jar" --postbootcommandfile "$OUT/postgresql.asadmin" \
    --deploy "$WAR" --contextroot /
started=$SECONDS
await_payara "$SERVER_PID" "$OUT/payara.log" 2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
echo "Payara Micro $PAYARA_VERSION up on PostgreSQL $(bench_psql -c 'SHOW server_version') in $((SECONDS - started)) s;" \
    "Flyway: $(bench_psql -c 'SELECT string_agg(version, $$,$$ ORDER BY installed_rank) FROM flyway_schema_history' 2>/dev/null || echo '?')"

code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/json' \
    -d "{\"id\":\"t0\",\"name\":\"Tenant 0\",\"hosts\":[\"$HOST\"]}" "$BASE/api/admin/tenants")
[ "$code" = 201 ] || { echo "registering t0 answered $code: $(cat "$OUT/answer.json")" >&2; exit 1; }

# The rows of tenants t<FROM>..t<TO>, 1,000 each, ordered by document number first so that the
# tenants' rows are interleaved in the heap (as rows written over time would be). The same
# ids, titles, contents and times for a given tenant in every case: t0's answer is the same bytes.
insert_documents() { # $1 first tenant, $2 last tenant
    bench_psql <<SQL
INSERT INTO document (tenant_id, id, title, content, created_at)
SELECT 't' || t, md5('t' || t || '/' || g)::uuid::text, 'Document ' || g,
       'Content of document ' || g || ' of tenant t' || t || '. ' || repeat('Lorem ipsum dolor sit amet. ', 5),
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(1, 1000) AS g, generate_series($1, $2) AS t
ORDER BY g, t;
VACUUM ANALYZE document;
SQL
}

list_wrk() { # $1 seconds -> "req/s p99_ms p50_ms"
    run_wrk "$OUT/wrk.log" "$1" -H "Host: $HOST" "$BASE/api/documents?limit=50"
}

declare -A median_rps median_p99 median_p50
measure() { # $1 case name
    local body rps p99 p50 all_rps=() all_p99=() all_p50=()
    body=$(curl -sf -H "Host: $HOST" "$BASE/api/documents?limit=50")
    echo "$body" >"$OUT/body-$1.json"
    echo "case $1: $(bench_psql -c 'SELECT count(*) FROM document') rows in document," \
        "$(bench_psql -c 'SELECT count(*) FROM tenant') tenants; t0's answer: ${#body} bytes," \
        "$(echo "$body" | grep -o '"id":' | wc -l) items"
    list_wrk "$WARMUP_SECONDS" >/dev/null
    for round in $(seq 1 "$ROUNDS"); do
        read -r rps p99 p50 < <(list_wrk "$SECONDS_PER_ROUND")
        all_rps+=("$rps"); all_p99+=("$p99"); all_p50+=("$p50")
        printf '%-5s %-6s %12s %10s %10s\n' "$1" "$round" "$rps" "$p50" "$p99"
    done
    median_rps[$1]=$(median "${all_rps[@]}"); median_p99[$1]=$(median "${all_p99[@]}")
    median_p50[$1]=$(median "${all_p50[@]}")
}

echo "case A: 1 tenant x 1,000 documents"
insert_documents 0 0
printf '%-5s %-6s %12s %10s %10s\n' case round 'req/s' 'p50 ms' 'p99 ms'
measure A

echo "case B: 1,000 tenants x 1,000 documents (t1..t999 through the admin import, their rows by SQL)"
awk 'BEGIN { for (i = 1; i < 1000; i++)
    printf "{\"id\":\"t%d\",\"name\":\"Tenant %d\",\"hosts\":[\"t%d.bench.localhost\"]}\n", i, i, i }' >"$OUT/tenants.ndjson"
code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/x-ndjson' \
    --data-binary @"$OUT/tenants.ndjson" "$BASE/api/admin/tenants/import")
[ "$code" = 200 ] || { echo "importing t1..t999 answered $code: $(cat "$OUT/answer.json")" >&2; exit 1; }
# All 1M rows rewritten interleaved, t0's included, so t0's rows are spread over the heap.
bench_psql -c 'TRUNCATE document CASCADE'
load_start=$SECONDS
insert_documents 0 999
echo "loaded 1,000,000 rows in $((SECONDS - load_start)) s; table $(bench_psql -c "SELECT pg_size_pretty(pg_table_size('document'))")," \
    "indexes $(bench_psql -c "SELECT pg_size_pretty(pg_indexes_size('document'))")"
printf '%-5s %-6s %12s %10s %10s\n' case round 'req/s' 'p50 ms' 'p99 ms'
measure B
cmp -s "$OUT/body-A.json" "$OUT/body-B.json" && echo "t0's answer is the same bytes in A and B" \
    || echo "t0's answer differs between A and B (see $OUT/body-*.json)"

if [ "${CAPTURE_SQL:-1}" = 1 ] && [ -r "$PG_LOG" ]; then
    offset=$(stat -c %s "$PG_LOG")
    log_reset_needed=1
    admin_psql -d postgres -c "ALTER SYSTEM SET log_statement = 'all'" -c 'SELECT pg_reload_conf()' >/dev/null
    sleep 1
    curl -sf -o /dev/null -H "Host: $HOST" "$BASE/api/documents?limit=50"
    sleep 1
    admin_psql -d postgres -c 'ALTER SYSTEM RESET log_statement' -c 'SELECT pg_reload_conf()' >/dev/null
    log_reset_needed=0
    echo "SQL sent for one GET /api/documents?limit=50 (PostgreSQL's log_statement):"
    tail -c +"$((offset + 1))" "$PG_LOG" | grep -i -A1 'document' | grep -v '^--$' | sed 's/^/  /' || true
fi

echo "EXPLAIN (ANALYZE, BUFFERS), case B, of the list and the count (parameters as bound):"
bench_psql <<'SQL'
EXPLAIN (ANALYZE, BUFFERS)
SELECT tenant_id AS a1, id AS a2, content AS a3, created_at AS a4, title AS a5 FROM document
WHERE (tenant_id = 't0') ORDER BY created_at DESC, id LIMIT 50 OFFSET 0;
EXPLAIN (ANALYZE, BUFFERS)
SELECT COUNT(tenant_id) FROM document WHERE (tenant_id = 't0');
SQL


# Case A again, now that the server is as warm as it was for B: only t0's 1,000 rows in the
# table (t1..t999 stay registered, with no rows). The ratio is taken against this case.
echo "case A2: t0's 1,000 documents alone again (TRUNCATE, same rows)"
bench_psql -c 'TRUNCATE document CASCADE' 2>/dev/null
insert_documents 0 0
printf '%-5s %-6s %12s %10s %10s\n' case round 'req/s' 'p50 ms' 'p99 ms'
measure A2
cmp -s "$OUT/body-A.json" "$OUT/body-A2.json" || echo "t0's answer differs between A and A2" >&2

load_average
echo "median A: ${median_rps[A]} req/s, p50 ${median_p50[A]} ms, p99 ${median_p99[A]} ms"
echo "median B: ${median_rps[B]} req/s, p50 ${median_p50[B]} ms, p99 ${median_p99[B]} ms"
echo "median A2: ${median_rps[A2]} req/s, p50 ${median_p50[A2]} ms, p99 ${median_p99[A2]} ms"
awk -v a="${median_rps[A]}" -v b="${median_rps[B]}" 'BEGIN {printf "ratio B/A (A measured first, colder): %.2f\n", b / a}'
awk -v a="${median_rps[A2]}" -v b="${median_rps[B]}" -v p99="${median_p99[B]}" -v p50="${median_p50[B]}" 'BEGIN {
    printf "ratio B/A2 (throughput): %.2f; A2/B (time per request, B slower by): %.2f (target <= 1.2)\n", b / a, a / b
    printf "case B p99/p50: %.1f (target < 4)\n", p99 / p50 }'
