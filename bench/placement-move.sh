#!/usr/bin/env bash
# The freeze of a move between placements: ROWS documents of one tenant on PostgreSQL, moved from
# shared to the schema placement premium (TARGET=vault: to a database placement, a second
# PostgreSQL database $DB_vault through a pool of its own) and back, MOVES times each way;
# each move's read-only time (its readOnlyMillis: from the freeze to the thaw) and its whole time
# (until its source rows are gone), as the move reports them.
#
#   mvn -B -q package -DskipTests && bench/placement-move.sh
#   ROWS=100000 MOVES=1 bench/placement-move.sh
#   TARGET=vault bench/placement-move.sh
#
# The tenant comes through the admin API; its documents (about 300 bytes each) are inserted with
# SQL. Needs Java 17, Maven and a local PostgreSQL as bench/tenant-archive.sh does (run as root, or
# PG_ADMIN); the database $DB (tenancy_move) is dropped first if a previous run left it, and at the
# end (KEEP_DB=1 keeps it). One node: the freeze's wait for the other nodes is this node's own
# heartbeat (1 s by default). Loopback only; bounded: one server start, 2 × MOVES moves.
# Environment: ROWS (10000), MOVES (3), TARGET (premium, or vault), JAVA_OPTS (-Xmx1g), BENCH_PORT
# (18080), PG_HOST, PG_PORT, DB, KEEP_DB, WAR (this WAR).
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
ROWS=${ROWS:-10000}
MOVES=${MOVES:-3}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
DB=${DB:-tenancy_move}
TARGET=${TARGET:-premium}
VAULT_DB=${DB}_vault
WAR=${WAR:-target/rockstar-tenancy.war}
OUT=target/bench-move
BASE="http://127.0.0.1:$PORT"
export JAVA_OPTS="${JAVA_OPTS:--Xmx1g}"

require_war "$WAR"; require_port "$PORT"
[[ "$ROWS" =~ ^[0-9]+$ && "$MOVES" =~ ^[0-9]+$ ]] || { echo "ROWS and MOVES must be numbers" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"
load_average

[[ "$TARGET" = premium || "$TARGET" = vault ]] || { echo "TARGET must be premium or vault" >&2; exit 1; }
cleanup() {
    stop_all_payara
    drop_databases "$DB" "$VAULT_DB"
}
trap cleanup EXIT INT TERM
fresh_databases "$DB" "$VAULT_DB"
postgresql_pool "$OUT/postgresql.asadmin" "$DB"
# the database placement's own pool, on the second database, as DEPLOYMENT.md declares one
cat >>"$OUT/postgresql.asadmin" <<ASADMIN
create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource --steadypoolsize 0 --maxpoolsize 8 --maxwait 5000 --property user=tenancy:password=tenancy:serverName=$PG_HOST:portNumber=$PG_PORT:databaseName=$VAULT_DB:connectTimeout=5:loginTimeout=5 tenancy-bench-vault-pool
create-jdbc-resource --connectionpoolid tenancy-bench-vault-pool jdbc/tenancy-bench-vault
ASADMIN
started=$SECONDS
TENANCY_DATASOURCE=jdbc/tenancy-bench TENANCY_ADMIN_PASSWORD=$ADMIN_PASSWORD TENANCY_PLACEMENTS=premium,vault \
    TENANCY_PLACEMENT_VAULT_DATASOURCE=jdbc/tenancy-bench-vault \
    start_payara "$OUT/payara.log" --port "$PORT" --rootdir "$OUT/payara-root" \
    --addLibs "$OUT/postgresql-$PGJDBC.jar" --postbootcommandfile "$OUT/postgresql.asadmin" \
    --deploy "$WAR" --contextroot /
await_payara "$SERVER_PID" "$OUT/payara.log" 2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
echo "Payara Micro $PAYARA_VERSION up on PostgreSQL $(bench_psql -c 'SHOW server_version') in $((SECONDS - started)) s ($JAVA_OPTS)"

code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/json' \
    -d '{"id":"big","name":"Big Tenant","hosts":["big.bench.localhost"]}' "$BASE/api/admin/tenants")
[ "$code" = 201 ] || { echo "registering big answered $code: $(cat "$OUT/answer.json")" >&2; exit 1; }
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
echo "inserted $ROWS documents of tenant big"

move() { # $1 target; prints "readOnlyMillis wholeMillis"
    local location started_ms state
    started_ms=$(date +%s%3N)
    location=$(curl -s -D - -o "$OUT/move.json" -u "$ADMIN" -X PUT -H 'Content-Type: application/json' \
        -d "{\"placement\":\"$1\"}" "$BASE/api/admin/tenants/big/placement" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
    [ -n "$location" ] || { echo "the move to $1 was not started: $(cat "$OUT/move.json")" >&2; exit 1; }
    for _ in $(seq 1 600); do
        curl -s -u "$ADMIN" "$location" >"$OUT/move.json"
        state=$(sed -n 's/.*"state":"\([A-Z]*\)".*/\1/p' "$OUT/move.json")
        [ "$state" = DONE ] && break
        [ "$state" = FAILED ] && { echo "the move to $1 failed: $(cat "$OUT/move.json")" >&2; exit 1; }
        sleep 0.1
    done
    [ "$state" = DONE ] || { echo "the move to $1 did not end in 60 s" >&2; exit 1; }
    echo "$(sed -n 's/.*"readOnlyMillis":\([0-9]*\).*/\1/p' "$OUT/move.json") $(( $(date +%s%3N) - started_ms ))"
}

frozen=()
for i in $(seq 1 "$MOVES"); do
    for target in "$TARGET" shared; do
        read -r ro whole < <(move "$target")
        frozen+=("$ro")
        if [ "$TARGET" = vault ]; then
            there=$(DB=$VAULT_DB bench_psql -c "SELECT count(*) FROM public.document WHERE tenant_id = 'big'")
        else
            there=$(bench_psql -c "SELECT count(*) FROM tenancy_premium.document WHERE tenant_id = 'big'")
        fi
        echo "move $i to $target: read-only $ro ms, whole move $whole ms (rows in $TARGET: $there)"
    done
done
echo "read-only per move (ms): ${frozen[*]}; median $(median "${frozen[@]}") ms for $ROWS documents, shared <-> $TARGET"
