#!/usr/bin/env bash
# Migrations across schema placements at start-up (issue 24, point 5): a Payara Micro server on
# PostgreSQL declaring PLACEMENTS schema placements (tenancy.placements=p001,...), started STARTS
# times on one database: the first start creates every placement's schema and runs both migration
# sets in it, every later start finds nothing to apply. Each start is timed from launching java to
# the first 200 of GET /api/admin/tenants?limit=1 (polled every 0.2 s); the server's own line
# "Placements: N of M schema placements up in X ms, T at a time" gives the placements' part of it.
# While a server starts, the database's connections (pg_stat_activity, the sampler's own left out)
# are counted every 0.2 s: the most is printed.
#
#   mvn -B -q package -DskipTests && bench/placement-migrations.sh
#   CONCURRENCY="1 4 8" bench/placement-migrations.sh      # one series per concurrency
#
# Needs Java 17, Maven and a local PostgreSQL as for bench/documents-rows.sh (run as root, or
# PG_ADMIN); creates the role `tenancy` if missing and the database $DB (tenancy_placements),
# dropped first if a previous run left it, and at the end (KEEP_DB=1 keeps it); for each
# concurrency the database starts empty. The server logs in as `tenancy`, the tables' owner, through
# one pool (Payara's defaults: 8 steady, 32 at most) for the application and the migrations.
# Loopback only; bounded: STARTS server starts per concurrency, each given up after 240 s; about
# 2 minutes for the defaults.
# Environment: PLACEMENTS (200), STARTS (3), CONCURRENCY (empty: the application's default),
# JAVA_OPTS (-Xmx1g), BENCH_PORT (18080), PG_HOST, PG_PORT, DB, KEEP_DB, WAR (this WAR), OUT.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
PLACEMENTS=${PLACEMENTS:-200}
STARTS=${STARTS:-3}
CONCURRENCY=${CONCURRENCY:-default}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
DB=${DB:-tenancy_placements}
WAR=${WAR:-target/rockstar-tenancy.war}
OUT=${OUT:-target/bench-placements}
BASE="http://127.0.0.1:$PORT"

require_war "$WAR"; require_port "$PORT"
[[ "$PLACEMENTS" =~ ^[0-9]+$ ]] && [ "$PLACEMENTS" -le 999 ] || { echo "PLACEMENTS: a number up to 999" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT"
load_average

cleanup() {
    touch "$OUT/up" # ends a connection sampler left running
    stop_all_payara
    drop_databases "$DB"
}
trap cleanup EXIT INT TERM
postgresql_pool "$OUT/postgresql.asadmin" "$DB"
names=$(seq -f 'p%03g' 1 "$PLACEMENTS" | paste -sd,)

# Counts the database's connections every 0.2 s until the file $1 exists; prints the most.
most_connections() { # $1 stop file
    local most=0 now
    until [ -f "$1" ]; do
        now=$(bench_psql -c "SELECT count(*) FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid()" \
            2>/dev/null || echo 0)
        [ "$now" -gt "$most" ] && most=$now
        sleep 0.2
    done
    echo "$most"
}

printf '%-11s %-6s %8s %14s %13s %8s %14s %12s\n' concurrency start "wall s" "placements ms" ms/placement applied "without Flyway" connections
for concurrency in $CONCURRENCY; do
    fresh_databases "$DB"
    for ((start = 1; start <= STARTS; start++)); do
        log="$OUT/payara-$concurrency-$start.log"
        rm -f "$OUT/up"
        most_connections "$OUT/up" >"$OUT/connections" &
        sampler=$!
        launched=$(date +%s%N)
        if [ "$concurrency" = default ]; then unset TENANCY_PLACEMENTS_MIGRATION_CONCURRENCY
        else export TENANCY_PLACEMENTS_MIGRATION_CONCURRENCY=$concurrency; fi
        TENANCY_DATASOURCE=jdbc/tenancy-bench TENANCY_ADMIN_PASSWORD=$ADMIN_PASSWORD TENANCY_PLACEMENTS=$names \
            start_payara "$log" --port "$PORT" --rootdir "$OUT/payara-root" \
            --addLibs "$OUT/postgresql-$PGJDBC.jar" --postbootcommandfile "$OUT/postgresql.asadmin" \
            --deploy "$WAR" --contextroot /
        await_payara "$SERVER_PID" "$log" 0.2 -u "$ADMIN" "$BASE/api/admin/tenants?limit=1"
        wall=$((($(date +%s%N) - launched) / 1000000))
        touch "$OUT/up"
        wait "$sampler"
        line=$(grep -o 'Placements: [0-9]* of [0-9]* schema placements up in [0-9]* ms, [0-9]* at a time[^"]*' "$log" | head -1)
        [ -n "$line" ] || { echo "no placements line in $log" >&2; exit 1; }
        ms=$(echo "$line" | awk '{print $9}')
        threads=$(echo "$line" | awk '{print $11}')
        applied=$({ grep -o 'Placement p[0-9]* (schema [a-z_0-9]*) at version [0-9.]*: [0-9]* migrations applied' "$log" \
            || true; } | awk '{s += $(NF - 2)} END {print s + 0}')
        quick=$(grep -c ': nothing to apply (checked' "$log" || true)
        printf '%-11s %-6s %8.1f %14d %13.1f %8d %14d %12d\n' "$threads" "$start" "$(awk -v w="$wall" 'BEGIN {print w / 1000}')" \
            "$ms" "$(awk -v m="$ms" -v n="$PLACEMENTS" 'BEGIN {print m / n}')" "$applied" "$quick" "$(cat "$OUT/connections")"
        echo "$line" >>"$OUT/lines"
        stop_payara "$SERVER_PID"
    done
    echo "schemas: $(bench_psql -c "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tenancy\_p%'")," \
        "placement histories: $(bench_psql -c "SELECT count(*) FROM pg_tables WHERE tablename = 'tenancy_placement_history'")"
done
grep -hE 'OutOfMemory|SEVERE' "$OUT"/payara-*.log | head -5 || true
load_average
