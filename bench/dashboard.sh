#!/usr/bin/env bash
# The console's dashboard (/admin/) with 10,000 tenants and 1,000,000 documents on PostgreSQL
# (issue 21, point 10): the time of one signed-in GET /admin/, the first after start and the
# median of LOADS more, on the WAR before the change (BEFORE_WAR, optional: it counted every
# document with a GROUP BY on each load) and on this WAR (it reads document_count, one row per
# tenant, V11), on one database; then EXPLAIN (ANALYZE, BUFFERS) of both queries.
#
#   mvn -B -q package -DskipTests && BEFORE_WAR=/tmp/before.war bench/dashboard.sh
#
# Every tenant has maxDocuments 1000 (so every one with documents is a candidate for the
# dashboard's "nearest their quotas") and 100 documents, inserted with SQL (10,000 x 100). The
# tenants come through the admin import; the documents, written past the application, get their
# counts from V11's initialisation when this WAR starts on the database the before WAR filled
# (without BEFORE_WAR, the script inserts the counts as V11 would).
# Needs Java 17, Maven, and a local PostgreSQL as for bench/documents-rows.sh (run as root, or
# PG_ADMIN); creates the role `tenancy` if missing and the database $DB (tenancy_dash), dropped
# first if a previous run left it, and at the end (KEEP_DB=1 keeps it). Loopback only; bounded:
# two server starts and 2 x (LOADS + 1) page loads; about 5 minutes.
# Environment: BENCH_PORT (18080), LOADS (20), PG_HOST, PG_PORT, DB, KEEP_DB, BEFORE_WAR, WAR (this WAR).
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
LOADS=${LOADS:-20}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
DB=${DB:-tenancy_dash}
WAR=${WAR:-target/rockstar-tenancy.war}
OUT=target/bench-dashboard
BASE="http://127.0.0.1:$PORT"
TENANTS=10000
PER_TENANT=100

require_war "$WAR"; require_port "$PORT"
[ -z "${BEFORE_WAR:-}" ] || require_war "$BEFORE_WAR"
rm -rf "$OUT" && mkdir -p "$OUT"
load_average

cleanup() {
    stop_all_payara
    drop_databases "$DB"
}
trap cleanup EXIT INT TERM
fresh_databases "$DB"
postgresql_pool "$OUT/postgresql.asadmin" "$DB"

start_server() { # $1 the WAR, $2 a name for its log
    local started=$SECONDS
    TENANCY_DATASOURCE=jdbc/tenancy-bench TENANCY_ADMIN_PASSWORD=$ADMIN_PASSWORD \
        start_payara "$OUT/payara-$2.log" --port "$PORT" --rootdir "$OUT/payara-root-$2" \
        --addLibs "$OUT/postgresql-$PGJDBC.jar" --postbootcommandfile "$OUT/postgresql.asadmin" \
        --deploy "$1" --contextroot /
    await_payara "$SERVER_PID" "$OUT/payara-$2.log" 2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
    echo "$2: Payara Micro up in $((SECONDS - started)) s; schema at version" \
        "$(bench_psql -c 'SELECT max(version::int) FROM tenancy_schema_history WHERE version IS NOT NULL')"
}

fill() {
    local from code
    for ((from = 0; from < TENANTS; from += 5000)); do   # the import takes 1 MB a request
        awk -v from="$from" -v n="$TENANTS" 'BEGIN { for (i = from; i < from + 5000 && i < n; i++) printf "{\"id\":\"d%d\",\"name\":\"Dash %d\",\"hosts\":[\"d%d.bench.localhost\"],\"config\":{\"limits\":{\"maxDocuments\":1000}}}\n", i, i, i }' \
            >"$OUT/tenants.ndjson"
        code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/x-ndjson' \
            --data-binary @"$OUT/tenants.ndjson" "$BASE/api/admin/tenants/import")
        [ "$code" = 200 ] || { echo "importing answered $code: $(cat "$OUT/answer.json")" >&2; exit 1; }
    done
    local started=$SECONDS
    bench_psql <<SQL
INSERT INTO document (tenant_id, id, title, content, created_at)
SELECT 'd' || t, md5('d' || t || '/' || g)::uuid::text, 'Document ' || g, 'Content of document ' || g,
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(1, $PER_TENANT) AS g, generate_series(0, $TENANTS - 1) AS t
ORDER BY g, t;
VACUUM ANALYZE document;
SQL
    echo "$(bench_psql -c 'SELECT count(*) FROM tenant') tenants, $(bench_psql -c 'SELECT count(*) FROM document')" \
        "documents (inserted in $((SECONDS - started)) s)"
}

sign_in() { # a console session in $OUT/cookies
    rm -f "$OUT/cookies"
    local state
    state=$(curl -sf -c "$OUT/cookies" -b "$OUT/cookies" "$BASE/admin/login.xhtml" \
        | grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    curl -sf -o /dev/null -c "$OUT/cookies" -b "$OUT/cookies" -H "Origin: $BASE" \
        --data-urlencode "login=login" --data-urlencode "login:username=admin" \
        --data-urlencode "login:password=$ADMIN_PASSWORD" --data-urlencode "login:sign-in=Sign in" \
        --data-urlencode "jakarta.faces.ViewState=$state" "$BASE/admin/login.xhtml"
}

measure() { # $1 a name: the first load after start, then the median and slowest of LOADS more
    sign_in
    local times=() ms i
    for i in $(seq 0 "$LOADS"); do
        ms=$(curl -s -b "$OUT/cookies" -o "$OUT/page.html" -w '%{time_total}' "$BASE/admin/" | awk '{printf "%.0f", $1 * 1000}')
        grep -q 'id="tenant-count">'"$TENANTS"'<' "$OUT/page.html" \
            || { echo "$1: /admin/ did not show $TENANTS tenants (signed in?): see $OUT/page.html" >&2; exit 1; }
        if [ "$i" = 0 ]; then first=$ms; else times+=("$ms"); fi
    done
    echo "$1: GET /admin/ first load $first ms; next $LOADS: median $(median "${times[@]}") ms," \
        "slowest $(printf '%s\n' "${times[@]}" | sort -g | tail -1) ms"
}

if [ -n "${BEFORE_WAR:-}" ]; then
    start_server "$BEFORE_WAR" before
    fill
    measure before
    stop_all_payara; BENCH_PIDS=()
    start_server "$WAR" after   # V11 counts the documents once, as it creates document_count
else
    start_server "$WAR" after
    fill
    bench_psql -c "INSERT INTO document_count SELECT tenant_id, count(*) FROM document GROUP BY tenant_id
                   ON CONFLICT (tenant_id) DO UPDATE SET documents = excluded.documents"
fi
echo "document_count: $(bench_psql -c 'SELECT count(*), sum(documents) FROM document_count')"
measure after

echo "EXPLAIN (ANALYZE, BUFFERS): before, the grouped count; after, the kept counts"
bench_psql <<'SQL'
EXPLAIN (ANALYZE, BUFFERS) SELECT tenant_id::text, count(*) FROM document GROUP BY tenant_id;
EXPLAIN (ANALYZE, BUFFERS) SELECT tenant_id, documents FROM document_count WHERE documents > 0;
SQL
load_average
