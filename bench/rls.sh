#!/usr/bin/env bash
# What the row-level security backstop (issue 15 point 4) costs per query on PostgreSQL: a tenant's
# documents list exactly as EclipseLink sends it (the page and the count, tenant_id as a parameter),
# without row-level security (the tables' owner, no set_config: the application before V8) and with
# it (the role of docs/DEPLOYMENT.md that the policies bind, plus the set_config statements that
# persistence/RowLevelSecurity adds), in the two shapes the application issues:
#   - outside a transaction (a plain GET): per statement set_config(…, false), the query, and the reset;
#   - in a transaction: set_config(…, true) once, then the statements;
# and the policy alone (tenant fixed for the session, no extra statement). pgbench, prepared
# statements, 100 tenants x 1,000 documents (100,000 rows), each transaction a random tenant.
# OPERATOR_POLICY=1 adds the permissive policy for operators' reads that V8 does NOT have (it
# would be ORed with the tenant's and cost the list its index order: the reason for V8's functions).
#
#   bench/rls.sh
#
# Needs PostgreSQL's binaries (Debian: apt-get install postgresql; PG_BIN, default
# /usr/lib/postgresql/15/bin) and pgbench. Starts a throwaway cluster of its own on 127.0.0.1:PG_PORT
# (default 15439) in a temporary directory (as the user postgres when run as root), removed on exit
# however the script exits. Loopback only; bounded: ROUNDS (3) x 7 cases x SECONDS (10) s, about 4 minutes.
# Environment: PG_BIN, PG_PORT, ROUNDS, SECONDS_PER_ROUND, CLIENTS (4), JOBS (2).
set -euo pipefail

cd "$(dirname "$0")/.."
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PG_PORT:-15439}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
CLIENTS=${CLIENTS:-4}
JOBS=${JOBS:-2}
PGBENCH=$(command -v pgbench || echo "$PG_BIN/pgbench")
[ -x "$PG_BIN/initdb" ] || { echo "No PostgreSQL binaries in $PG_BIN (set PG_BIN)" >&2; exit 1; }

DIR=$(mktemp -d /tmp/rockstar-tenancy-rls-bench-XXXXXX)
chmod 755 "$DIR"
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$DIR"
cleanup() {
    as_server "$PG_BIN/pg_ctl" -D "$DIR/data" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT

as_server "$PG_BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
as_server "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR -c fsync=off" start >/dev/null
psql_as() { # $1 role, $2 database; SQL on stdin or -c
    local role=$1 db=$2; shift 2
    psql -h 127.0.0.1 -p "$PG_PORT" -U "$role" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"
}

# The roles as docs/DEPLOYMENT.md creates them (passwords irrelevant here: trust on loopback).
psql_as postgres postgres <<'SQL'
CREATE ROLE tenancy LOGIN;
CREATE DATABASE tenancy OWNER tenancy;
CREATE ROLE tenancy_app LOGIN;
SQL
psql_as postgres tenancy <<'SQL'
ALTER DEFAULT PRIVILEGES FOR ROLE tenancy GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tenancy_app;
GRANT USAGE ON SCHEMA public TO tenancy_app;
SQL
# The document table of V2/V5 and the policies of V8 (RowLevelSecurityMigration), as the owner.
psql_as tenancy tenancy <<'SQL'
CREATE TABLE tenant (id VARCHAR(63) PRIMARY KEY);
CREATE TABLE document (
    tenant_id  VARCHAR(63)     NOT NULL REFERENCES tenant (id),
    id         VARCHAR(36)     NOT NULL,
    title      VARCHAR(200)    NOT NULL,
    content    VARCHAR(100000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT document_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT document_title_uq UNIQUE (tenant_id, title));
CREATE INDEX document_tenant_created_idx ON document (tenant_id, created_at, id);
CREATE INDEX document_id_idx ON document (id);
INSERT INTO tenant SELECT t::text FROM generate_series(0, 99) t;
INSERT INTO document
SELECT t::text, md5(t || '-' || g), 'title ' || g, repeat('content ', 18), now() - g * interval '1 minute'
FROM generate_series(1, 1000) g, generate_series(0, 99) t ORDER BY g, t;
ALTER TABLE document ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON document
    USING (tenant_id = current_setting('tenancy.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('tenancy.tenant_id', true));
VACUUM ANALYZE document;
SQL
if [ "${OPERATOR_POLICY:-0}" = 1 ]; then
    psql_as tenancy tenancy -c "CREATE POLICY cross_tenant_read ON document FOR SELECT
        USING (current_setting('tenancy.cross_tenant_read', true) = 'on')"
fi

LIST="SELECT tenant_id, id, content, created_at, title FROM document WHERE (tenant_id = :t) ORDER BY created_at DESC, id LIMIT 50 OFFSET 0;"
COUNT="SELECT COUNT(tenant_id) FROM document WHERE (tenant_id = :t);"
SET_SESSION="SELECT set_config('tenancy.tenant_id', :t, false);"
RESET="SELECT set_config('tenancy.tenant_id', '', false);"
PICK='\set n random(0, 99)
\set t :n'
mkdir -p "$DIR/scripts"
printf '%s\n' "$PICK" "$LIST" "$COUNT" > "$DIR/scripts/plain.sql"
printf '%s\n' "$PICK" "$SET_SESSION" "$LIST" "$RESET" "$SET_SESSION" "$COUNT" "$RESET" > "$DIR/scripts/rls.sql"
printf '%s\n' "$PICK" "BEGIN;" "$LIST" "$COUNT" "COMMIT;" > "$DIR/scripts/plain-tx.sql"
printf '%s\n' "$PICK" "BEGIN;" "SELECT set_config('tenancy.tenant_id', :t, true);" "$LIST" "$COUNT" "COMMIT;" \
    > "$DIR/scripts/rls-tx.sql"
printf '%s\n' '\set t 17' "$LIST" "$COUNT" > "$DIR/scripts/fixed.sql"
chmod -R a+rX "$DIR/scripts"

# Correctness first: the application's role sees one tenant's rows, or none.
[ "$(psql_as tenancy_app tenancy -c "SELECT count(*) FROM document")" = 0 ] || { echo "RLS not in force" >&2; exit 1; }
[ "$(PGOPTIONS='-c tenancy.tenant_id=17' psql_as tenancy_app tenancy -c "SELECT count(DISTINCT tenant_id) || '/' || count(*) FROM document")" = 1/1000 ] \
    || { echo "RLS does not admit the tenant's rows" >&2; exit 1; }

echo "The list query's plan, as the owner (no policy) and as the application's role (policy):"
PLAN="EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT tenant_id, id, content, created_at, title FROM document WHERE (tenant_id = '17') ORDER BY created_at DESC, id LIMIT 50 OFFSET 0"
PGOPTIONS='-c tenancy.tenant_id=17' psql_as tenancy tenancy -c "$PLAN"
PGOPTIONS='-c tenancy.tenant_id=17' psql_as tenancy_app tenancy -c "$PLAN"
[ "${PLANS_ONLY:-0}" = 1 ] && exit 0

run() { # $1 case name, $2 role, $3 script, [PGOPTIONS in env]: prints the transactions per second
    "$PGBENCH" -h 127.0.0.1 -p "$PG_PORT" -U "$2" -n -M prepared -c "$CLIENTS" -j "$JOBS" -T "$SECONDS_PER_ROUND" \
        -f "$DIR/scripts/$3" tenancy 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A TPS
CASES="plain rls plain-tx rls-tx fixed-owner fixed-app"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}'), pgbench -M prepared -c $CLIENTS -j $JOBS, $ROUNDS x $SECONDS_PER_ROUND s per case, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
    line="round $round:"
    for case in $CASES; do
        case $case in
            plain) tps=$(run "$case" tenancy plain.sql) ;;
            rls) tps=$(run "$case" tenancy_app rls.sql) ;;
            plain-tx) tps=$(run "$case" tenancy plain-tx.sql) ;;
            rls-tx) tps=$(run "$case" tenancy_app rls-tx.sql) ;;
            fixed-owner) tps=$(PGOPTIONS='-c tenancy.tenant_id=17' run "$case" tenancy fixed.sql) ;;
            fixed-app) tps=$(PGOPTIONS='-c tenancy.tenant_id=17' run "$case" tenancy_app fixed.sql) ;;
        esac
        TPS[$case]="${TPS[$case]:-} $tps"
        line="$line $case=$tps"
    done
    echo "$line"
done
echo
printf '%-12s %10s %14s\n' case "tps" "ms per list"
for case in $CASES; do
    m=$(echo "${TPS[$case]}" | tr ' ' '\n' | grep . | median)
    TPS[$case]=$m
    printf '%-12s %10.0f %14.3f\n' "$case" "$m" "$(echo "$CLIENTS * 1000 / $m" | bc -l)"
done
ratio() { echo "scale=2; ${TPS[$1]} / ${TPS[$2]}" | bc -l; }
echo
echo "time per list with RLS / without: outside a transaction $(ratio plain rls)x," \
     "in a transaction $(ratio plain-tx rls-tx)x, the policy alone $(ratio fixed-owner fixed-app)x"
