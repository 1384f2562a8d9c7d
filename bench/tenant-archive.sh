#!/usr/bin/env bash
# One tenant's archive at scale (issue 23, point 8): ROWS documents of one tenant on PostgreSQL,
# exported (GET /api/admin/tenants/{id}/archive), restored under another id
# (POST /api/admin/tenants/restore) and verified (POST /api/admin/tenants/{id}/verify), each timed
# by curl; rows per second; the server's heap while each call runs: `jcmd GC.heap_info` every
# 0.5 s (the most used, garbage included) and the heap after each collection (-Xlog:gc) in that
# window (the most live).
#
#   mvn -B -q package -DskipTests && bench/tenant-archive.sh
#   ROWS=1000000 JAVA_OPTS=-Xmx256m RESTORE=0 bench/tenant-archive.sh    # export only, small heap
#
# The tenant comes through the admin API; its documents (about 300 bytes each, titles and contents
# with non-ASCII text, one minute apart) are inserted with SQL, and its document count as the
# application keeps it (document_count). Needs Java 17, Maven and a local PostgreSQL as for
# bench/documents-rows.sh (run as root, or PG_ADMIN); creates the role `tenancy` if missing and
# the database $DB (tenancy_archive), dropped first if a previous run left it, and at the end
# (KEEP_DB=1 keeps it). The server logs in as `tenancy`, the tables' owner. Loopback only;
# bounded: one server start, one insert, one export, one restore, one verify; about 2 minutes for
# 100,000 rows.
# Environment: ROWS (100000), RESTORE (1; 0: export only), JAVA_OPTS (-Xmx1g), BENCH_PORT (18080),
# PG_HOST, PG_PORT, DB, KEEP_DB, WAR (this WAR).
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
ROWS=${ROWS:-100000}
RESTORE=${RESTORE:-1}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
DB=${DB:-tenancy_archive}
WAR=${WAR:-target/rockstar-tenancy.war}
OUT=target/bench-archive
BASE="http://127.0.0.1:$PORT"
export JAVA_OPTS="${JAVA_OPTS:--Xmx1g} -Xlog:gc:file=$OUT/gc.log:uptime"

require_war "$WAR"; require_port "$PORT"
[[ "$ROWS" =~ ^[0-9]+$ ]] || { echo "ROWS must be a number" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"
load_average

cleanup() {
    stop_all_payara
    drop_databases "$DB"
}
trap cleanup EXIT INT TERM
fresh_databases "$DB"
postgresql_pool "$OUT/postgresql.asadmin" "$DB"
started=$SECONDS
# The archive bound well above what this many rows take, so that it is not what is measured.
TENANCY_DATASOURCE=jdbc/tenancy-bench TENANCY_ADMIN_PASSWORD=$ADMIN_PASSWORD TENANCY_ARCHIVE_MAX_BYTES=4294967296 \
    start_payara "$OUT/payara.log" --port "$PORT" --rootdir "$OUT/payara-root" \
    --addLibs "$OUT/postgresql-$PGJDBC.jar" --postbootcommandfile "$OUT/postgresql.asadmin" \
    --deploy "$WAR" --contextroot /
await_payara "$SERVER_PID" "$OUT/payara.log" 2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
echo "Payara Micro $PAYARA_VERSION up on PostgreSQL $(bench_psql -c 'SHOW server_version') in $((SECONDS - started)) s ($JAVA_OPTS)"

code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/json' \
    -d '{"id":"big","name":"Big Tenant","hosts":["big.bench.localhost"]}' "$BASE/api/admin/tenants")
[ "$code" = 201 ] || { echo "registering big answered $code: $(cat "$OUT/answer.json")" >&2; exit 1; }
load_start=$SECONDS
bench_psql <<SQL
INSERT INTO document (tenant_id, id, title, content, created_at)
SELECT 'big', md5('big/' || g)::uuid::text, 'Dokument Nr. ' || g || ' — Grüße',
       'Inhalt ' || g || ': Ünïcödé, 日本語, Ελληνικά. ' || repeat('Lorem ipsum dolor sit amet. ', 8),
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute'
FROM generate_series(1, $ROWS) AS g;
INSERT INTO document_count (tenant_id, documents) VALUES ('big', $ROWS)
    ON CONFLICT (tenant_id) DO UPDATE SET documents = EXCLUDED.documents;
VACUUM ANALYZE document;
SQL
echo "inserted $ROWS documents of tenant big in $((SECONDS - load_start)) s;" \
    "table $(bench_psql -c "SELECT pg_size_pretty(pg_table_size('document'))")"

uptime_s() { "$BENCH_JCMD" "$SERVER_PID" VM.uptime | awk 'NR == 2 {print $1 + 0}'; }

# Samples the heap in use every 0.5 s while $1's pid lives; prints the most, in MiB.
sample_heap() { # $1 pid of the call
    local most=0 used
    while kill -0 "$1" 2>/dev/null; do
        used=$("$BENCH_JCMD" "$SERVER_PID" GC.heap_info 2>/dev/null | awk '/ heap +total/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); print int(v / 1024)}}' | head -1)
        [ -n "$used" ] && [ "$used" -gt "$most" ] && most=$used
        sleep 0.5
    done
    echo "$most"
}

# The most heap left after an evacuating collection (young, mixed or full: the remark and cleanup
# pauses evacuate nothing) between uptimes $1 and $2 (s), in MiB, from -Xlog:gc.
live_after_gc() {
    awk -v from="$1" -v to="$2" '
        { t = $1; gsub(/[\[\]s]/, "", t); t += 0 }
        t >= from && t <= to && /Pause (Young|Full)/ && match($0, /->[0-9]+M\(/) {
            v = substr($0, RSTART + 2, RLENGTH - 4) + 0; if (v > most) most = v; n++ }
        END { printf "%d MiB after %d collections", most, n }' "$OUT/gc.log"
}

# Runs curl in the background with $2.. as its arguments, for the call named $1; prints its figures.
timed_call() { # $1 name, then curl's arguments
    local name=$1 from to seconds code most
    shift
    from=$(uptime_s)
    curl -s -o "$OUT/$name.out" -w '%{http_code} %{time_total} %{size_download} %{size_upload}\n' -u "$ADMIN" "$@" \
        >"$OUT/$name.curl" &
    local call=$!
    most=$(sample_heap "$call")
    wait "$call"
    to=$(uptime_s)
    read -r code seconds down up <"$OUT/$name.curl"
    case "$code" in 2*) ;; *) echo "$name answered $code: $(head -c 2000 "$OUT/$name.out")" >&2; exit 1 ;; esac
    printf '%-8s %9d rows in %7.2f s = %8.0f rows/s; %10d bytes down, %10d up; heap used at most %4d MiB, live %s\n' \
        "$name" "$ROWS" "$seconds" "$(awk -v r="$ROWS" -v s="$seconds" 'BEGIN {print r / s}')" "$down" "$up" \
        "$most" "$(live_after_gc "$from" "$to")"
}

timed_call export "$BASE/api/admin/tenants/big/archive"
cp "$OUT/export.out" "$OUT/big.zip"
unzip -l "$OUT/big.zip" | tail -n +2 >"$OUT/big.zip.list" || true
echo "archive: $(stat -c %s "$OUT/big.zip") bytes; $(unzip -p "$OUT/big.zip" manifest.json | head -c 600)"

if [ "$RESTORE" = 1 ]; then
    timed_call restore -X POST -H 'Content-Type: application/zip' --data-binary @"$OUT/big.zip" \
        "$BASE/api/admin/tenants/restore?id=big-copy&host=big-copy.bench.localhost"
    timed_call verify -X POST -H 'Content-Type: application/zip' --data-binary @"$OUT/big.zip" \
        "$BASE/api/admin/tenants/big-copy/verify"
    echo "verify: $(head -c 600 "$OUT/verify.out")"
    echo "rows of big-copy: $(bench_psql -c "SELECT count(*) FROM document WHERE tenant_id = 'big-copy'")"
fi
grep -E 'OutOfMemory|SEVERE' "$OUT/payara.log" | head -5 || true
load_average
