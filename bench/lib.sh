# Shared by the bench/*.sh scripts (sourced, not run): the Payara Micro jar, starting, awaiting and
# stopping servers (every server started here is stopped when the script exits, however it
# exits), wrk with the figures the scripts print, the admin import, medians, and the PostgreSQL
# databases and pools of the scripts that measure on it.
# The sourcing script has already cd'd to the project root and set -euo pipefail.

PAYARA_VERSION=$(sed -n 's:.*<payara.version>\(.*\)</payara.version>.*:\1:p' pom.xml | head -1)
ADMIN_PASSWORD=dev-only-admin-password   # as in src/main/dev/tenancy-dev.properties
ADMIN="admin:$ADMIN_PASSWORD"
THREADS=${WRK_THREADS:-2}
CONNECTIONS=${WRK_CONNECTIONS:-32}
BENCH_PIDS=()

require_war() { # $1 the WAR
    [ -f "$1" ] || { echo "Run 'mvn -B -q package -DskipTests' first: $1 is missing" >&2; exit 1; }
}

require_port() { # $1 a port
    [ "$1" != 8080 ] || { echo "Port 8080 is left to dev servers; choose another BENCH_PORT" >&2; exit 1; }
}

require_wrk() {
    command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
}

payara_jar() {
    if [ ! -f target/payara-micro.jar ]; then
        mvn -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION" \
            -DoutputDirectory=target -Dmdep.stripVersion=true
    fi
}

# A baseline WAR (bench/baseline/, never part of the product, plus any further source directories
# given) into $1/<name>.war, compiled against the project's own compile class path (the Jakarta EE API).
build_baseline_war() { # $1 output directory, $2 the WAR's name (baseline), then more source directories
    local out=$1 name=${2:-baseline}
    shift $(( $# < 2 ? $# : 2 ))
    rm -rf "$out/$name-war" && mkdir -p "$out/$name-war/WEB-INF/classes"
    [ -f "$out/classpath.txt" ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >/dev/null
    javac --release 17 -nowarn -cp "$(cat "$out/classpath.txt")" -d "$out/$name-war/WEB-INF/classes" \
        $(find bench/baseline/src "$@" -name '*.java')
    cp -r bench/baseline/resources/. "$out/$name-war/WEB-INF/classes/"
    jar cf "$out/$name.war" -C "$out/$name-war" .
}

# $1 log file, then Payara Micro's arguments after the jar (--nohazelcast is added: no data grid,
# no port of its own, docs/SCALING.md; environment variables given before the call reach the
# server). Sets SERVER_PID.
start_payara() {
    local log=$1
    shift
    payara_jar
    java ${JAVA_OPTS:--Xmx1g} -Dh2.bindAddress=127.0.0.1 -jar target/payara-micro.jar --nohazelcast "$@" >"$log" 2>&1 &
    SERVER_PID=$!
    BENCH_PIDS+=("$SERVER_PID")
}

stop_payara() { # $1 pid
    if [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; then
        kill "$1"
        wait "$1" 2>/dev/null || true
    fi
}

stop_all_payara() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        stop_payara "$pid"
    done
}
trap stop_all_payara EXIT INT TERM

# $1 pid, $2 log, $3 poll interval (s), then curl's arguments: waits until curl succeeds; gives
# up when the server exits or after 240 s.
await_payara() {
    local pid=$1 log=$2 interval=$3 started=$SECONDS
    shift 3
    until curl -sf -o /dev/null "$@"; do
        if ! kill -0 "$pid" 2>/dev/null || [ $((SECONDS - started)) -gt 240 ]; then
            echo "Payara Micro did not start; see $log" >&2; exit 1
        fi
        sleep "$interval"
    done
}

# NDJSON lines of tenants <prefix><from> .. <prefix><to - 1>, host <prefix><n>.bench.localhost.
tenant_lines() { # $1 from, $2 to, $3 id prefix
    awk -v from="$1" -v to="$2" -v p="$3" 'BEGIN { for (i = from; i < to; i++)
        printf "{\"id\":\"%s%d\",\"name\":\"Imported %d\",\"hosts\":[\"%s%d.bench.localhost\"]}\n", p, i, i, p, i }'
}

# Registers tenants <prefix><from> .. <prefix><to - 1> (host <prefix><n>.bench.localhost) through
# POST /api/admin/tenants/import in NDJSON batches. $1 base URL, $2 from, $3 to, $4 batch size,
# $5 scratch directory, $6 id prefix (imp-). With IMPORT_PROGRESS=1, prints the count and time
# after each batch.
import_tenants() {
    local base=$1 from=$2 to=$3 batch=$4 dir=$5 prefix=${6:-imp-} start_ns code end
    start_ns=$(date +%s%N)
    for ((; from < to; from += batch)); do
        end=$((from + batch < to ? from + batch : to))
        tenant_lines "$from" "$end" "$prefix" >"$dir/batch.ndjson"
        code=$(curl -s -o "$dir/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/x-ndjson' \
            --data-binary @"$dir/batch.ndjson" "$base/api/admin/tenants/import")
        [ "$code" = 200 ] || { echo "import batch at $from answered $code: $(cat "$dir/answer.json")" >&2; exit 1; }
        if [ "${IMPORT_PROGRESS:-0}" = 1 ]; then
            printf '%7d tenants after %d ms\n' "$end" $((($(date +%s%N) - start_ns) / 1000000))
        fi
    done
}

# $1 log file to append wrk's report to, $2 seconds, then wrk's other arguments (URL, -s, -H, --).
# Prints "req/s p99_ms p50_ms"; any non-2xx answer stops the script.
run_wrk() {
    local log=$1 seconds=$2 report
    shift 2
    report=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "$@")
    echo "$report" >>"$log"
    if echo "$report" | grep -q 'Non-2xx'; then
        echo "non-2xx answers for $*:" >&2; echo "$report" >&2; exit 1
    fi
    local ms='{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}'
    echo "$(echo "$report" | awk '/Requests\/sec/ {print $2}')" \
        "$(echo "$report" | awk '$1 == "99%" '"$ms")" \
        "$(echo "$report" | awk '$1 == "50%" '"$ms")"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }   # $1 / $2, three decimals

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

load_average() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"; }

# PostgreSQL of the scripts that measure on it: the machine's own server (PG_PORT), reached as its
# superuser for set-up and as the role tenancy, which owns the databases (row-level security does
# not bind an owner: the scripts fill tables directly).
PGJDBC=42.7.14
admin_psql() { # superuser psql; SQL on stdin or with -c
    if [ -n "${PG_ADMIN:-}" ]; then $PG_ADMIN -v ON_ERROR_STOP=1 -qAt "$@"
    else runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 -qAt "$@"; fi   # local socket, peer authentication
}
bench_psql() { # psql as tenancy, the tables' owner, on $DB; SQL on stdin or with -c
    PGPASSWORD=tenancy psql -h "$PG_HOST" -p "$PG_PORT" -U tenancy -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"
}
fresh_databases() { # database names: dropped if a previous run left them, created for tenancy
    local sql="DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tenancy') THEN
        CREATE ROLE tenancy LOGIN PASSWORD 'tenancy';
    END IF;
END \$\$;"
    local db
    for db in "$@"; do
        [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "$db: a database name must be a plain identifier" >&2; exit 1; }
        sql+=$'\n'"DROP DATABASE IF EXISTS $db WITH (FORCE);"$'\n'"CREATE DATABASE $db OWNER tenancy;"
    done
    admin_psql -d postgres <<<"$sql"
}
drop_databases() { # database names; unless KEEP_DB=1
    [ "${KEEP_DB:-0}" = 1 ] && return 0
    local db
    for db in "$@"; do admin_psql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; done
}
postgresql_pool() { # $1 the asadmin file to write, $2 the database: jdbc/tenancy-bench for TENANCY_DATASOURCE
    [ -f "$OUT/postgresql-$PGJDBC.jar" ] \
        || mvn -B -q dependency:copy -Dartifact="org.postgresql:postgresql:$PGJDBC" -DoutputDirectory="$OUT"
    cat >"$1" <<ASADMIN
create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource --restype javax.sql.DataSource --property user=tenancy:password=tenancy:serverName=$PG_HOST:portNumber=$PG_PORT:databaseName=$2 tenancy-bench-pool
create-jdbc-resource --connectionpoolid tenancy-bench-pool jdbc/tenancy-bench
ASADMIN
}
