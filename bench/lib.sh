# Shared by the bench/*.sh scripts (sourced, not run): the Payara Micro jar, starting, awaiting and
# stopping servers (every server started here is stopped when the script exits, however it
# exits), wrk with the figures the scripts print, the admin import, medians, and the PostgreSQL
# databases and pools of the scripts that measure on it.
# The sourcing script has already cd'd to the project root and set -euo pipefail.

# The server: Payara Micro 6 (pom.xml's payara.version) unless PAYARA=7 (pom.xml's payara7.version)
# or PAYARA_VERSION names one; its jar is target/payara-micro-$PAYARA_VERSION.jar, fetched on first
# use. BENCH_JAVA runs it (java; for Payara 7, which needs Java 21+, Temurin 25 where installed),
# and BENCH_JCMD (the jcmd beside it) records JFR in it.
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
if [ -z "${PAYARA_VERSION:-}" ]; then
    case "${PAYARA:-6}" in
        6) PAYARA_VERSION=$(pom_property payara.version) ;;
        7) PAYARA_VERSION=$(pom_property payara7.version) ;;
        *) echo "PAYARA=${PAYARA}: 6 or 7 (or PAYARA_VERSION=<a version>)" >&2; exit 1 ;;
    esac
fi
PAYARA_JAR=target/payara-micro-$PAYARA_VERSION.jar
TEMURIN_25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
if [ -z "${BENCH_JAVA:-}" ]; then
    BENCH_JAVA=java
    if [[ "$PAYARA_VERSION" == 7.* ]] && [ -x "$TEMURIN_25" ]; then BENCH_JAVA=$TEMURIN_25; fi
fi
BENCH_JCMD=${BENCH_JCMD:-$(dirname "$(readlink -f "$(command -v "$BENCH_JAVA")")")/jcmd}
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
    if [ ! -f "$PAYARA_JAR" ]; then
        mvn -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION" -DoutputDirectory=target
    fi
    [ -f "$PAYARA_JAR" ] || { echo "$PAYARA_JAR is missing after fetching it" >&2; exit 1; }
}

# Which server and which java, once per script (start_payara calls it).
print_server_versions() {
    [ -z "${SERVER_VERSIONS_PRINTED:-}" ] || return 0
    SERVER_VERSIONS_PRINTED=1
    echo "server: Payara Micro $PAYARA_VERSION ($PAYARA_JAR); java: $BENCH_JAVA," \
        "$("$BENCH_JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')" \
        "($("$BENCH_JAVA" -version 2>&1 | head -1))"
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

# $1 log file, then Payara Micro's arguments after the jar, run by $BENCH_JAVA (--nohazelcast is added: no data grid,
# no port of its own, docs/SCALING.md; environment variables given before the call reach the
# server). Sets SERVER_PID.
start_payara() {
    local log=$1
    shift
    payara_jar
    print_server_versions
    "$BENCH_JAVA" ${JAVA_OPTS:--Xmx1g} -Dh2.bindAddress=127.0.0.1 -jar "$PAYARA_JAR" --nohazelcast "$@" >"$log" 2>&1 &
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

# The CPU time (user + system, in ms) process $1 has used so far, from /proc/<pid>/stat (fields 14
# and 15, in clock ticks). Per request it is the cost of a request that the machine's other load
# does not change the way it changes throughput: a process that waits for a core uses none.
cpu_millis() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d\n", ($14 + $15) * 1000 / hz}' "/proc/$1/stat"; }

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

# ---- Steady state: warm each variant until its throughput is flat, then alternate measured rounds ----
# The sourcing script names the variants in SS_VARIANTS (in order), for each compared one the
# variant it is compared to in SS_REF[name] (the reference itself has none), optionally its
# server's pid in SS_PID[name] (for JFR; SERVER_PID otherwise), and defines
#   ss_round <name> <seconds>   one wrk run against that variant, printing "req/s p99_ms p50_ms"
#   ss_round_extra <round>      (optional) more lines after each measured round
# then calls ss_warm, ss_measure and ss_summary. Settings from the environment:
#   ROUNDS (7) measured rounds; SECONDS_PER_ROUND (10); WARM_SECONDS (SECONDS_PER_ROUND) per warm round;
#   FLAT_PERCENT (5): a variant is warm when its last 3 warm rounds' req/s have (max - min) / mean
#   within it; WARM_MAX_ROUNDS (12): the cap, after which the variant is measured anyway and the
#   output and the summary say so; RATIO_KIND: throughput (a variant's req/s over its reference's)
#   or time (its time per request over its reference's: the reference's req/s over its own);
#   BENCH_JFR=1 records JFR (BENCH_JFR_SETTINGS, profile) in every measured round, or only in the
#   last when SS_JFR_LAST_ONLY=1, into $OUT/<name>-<round>.jfr (<name>.jfr for the last only).
# Order of the measured rounds: round r runs the variants rotated by (r - 1) / 2 places and, when r
# is even, reversed (two variants: A B, B A, B A, A B, ...). Neighbouring rounds drift (JIT, GC,
# the machine's other load); with a fixed order one variant would always run after the other and
# take the drift in one direction, while the mirrored order cancels a linear drift over each
# pair of rounds, and the rotation gives every variant every position.
# SS_CPU: the process's CPU time per request in the round (µs; the other WARs of a process serve
# nothing meanwhile), SS_CPU_RATIO: the variant's over its reference's (a time: above 1 costs more).
declare -A SS_REF=() SS_PID=() SS_RPS=() SS_P50=() SS_P99=() SS_RATIO=() SS_CAPPED=() SS_CPU=() SS_CPU_RATIO=()
SS_VARIANTS=()

ss_settings() {
    ROUNDS=${ROUNDS:-7}
    SECONDS_PER_ROUND=${SECONDS_PER_ROUND:-10}
    WARM_SECONDS=${WARM_SECONDS:-$SECONDS_PER_ROUND}
    FLAT_PERCENT=${FLAT_PERCENT:-5}
    WARM_MAX_ROUNDS=${WARM_MAX_ROUNDS:-12}
    RATIO_KIND=${RATIO_KIND:-throughput}
}

# (max - min) / mean of the numbers given, in per cent
spread_percent() { printf '%s\n' "$@" | awk 'NR == 1 {min = max = $1} {s += $1; if ($1 < min) min = $1; if ($1 > max) max = $1}
    END {printf "%.1f", (s > 0 ? (max - min) / (s / NR) * 100 : 0)}'; }

# "q1 q3" of the numbers given (linear interpolation between order statistics)
quartiles() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1}
    function q(p,   h, l) {h = (NR - 1) * p + 1; l = int(h); return l >= NR ? v[NR] : v[l] + (h - l) * (v[l + 1] - v[l])}
    END {printf "%.3f %.3f", q(0.25), q(0.75)}'; }

ss_once() { # $1 name, $2 seconds -> "req/s p99 p50"; the script stops on a failed run
    local out
    out=$(ss_round "$1" "$2")
    [ -n "${out%% *}" ] || { echo "no figures from the run against $1" >&2; exit 1; }
    echo "$out"
}

ss_warm() {
    ss_settings
    local name n rps p99 p50 seen spread line
    if [ "${BENCH_JFR:-0}" = 1 ] || [ "${SS_JFR_PRIME:-0}" = 1 ]; then
        for name in "${SS_VARIANTS[@]}"; do jfr_prime "${SS_PID[$name]:-$SERVER_PID}"; done
    fi
    echo "warm-up: each variant in turn, ${WARM_SECONDS} s rounds until its last 3 are within ${FLAT_PERCENT} %" \
        "((max - min) / mean of req/s), at most $WARM_MAX_ROUNDS rounds"
    for name in "${SS_VARIANTS[@]}"; do
        seen=()
        for ((n = 1; n <= WARM_MAX_ROUNDS; n++)); do
            line=$(ss_once "$name" "$WARM_SECONDS")   # an assignment: a failed run stops the script
            read -r rps p99 p50 <<<"$line"
            seen+=("$rps")
            if ((n >= 3)); then
                spread=$(spread_percent "${seen[@]: -3}")
                awk -v s="$spread" -v f="$FLAT_PERCENT" 'BEGIN {exit !(s <= f)}' && break
            fi
        done
        if ((n > WARM_MAX_ROUNDS)); then
            n=$WARM_MAX_ROUNDS
            SS_CAPPED[$name]=$spread
            echo "!!! NOT FLAT: $name hit the cap of $WARM_MAX_ROUNDS warm rounds; its last 3 spread $spread %" \
                "(> $FLAT_PERCENT %); measured anyway" >&2
        fi
        printf '  %-24s %s after %2d rounds (last 3 within %s %%), req/s: %s\n' "$name" \
            "$([ -n "${SS_CAPPED[$name]:-}" ] && echo 'NOT FLAT' || echo warm)" "$n" "$spread" "${seen[*]}"
    done
}

ss_jfr() { # $1 start|stop, $2 name, $3 round
    [ "${BENCH_JFR:-0}" = 1 ] || return 0
    [ "${SS_JFR_LAST_ONLY:-0}" != 1 ] || [ "$3" = "$ROUNDS" ] || return 0
    local pid=${SS_PID[$2]:-$SERVER_PID} file
    file="$(pwd)/$OUT/$2-$3.jfr"
    [ "${SS_JFR_LAST_ONLY:-0}" != 1 ] || file="$(pwd)/$OUT/$2.jfr"
    if [ "$1" = start ]; then
        jfr_prime "$pid"
        "$BENCH_JCMD" "$pid" JFR.start name="$2-$3" settings="${BENCH_JFR_SETTINGS:-profile}" filename="$file" >/dev/null
    else
        "$BENCH_JCMD" "$pid" JFR.stop name="$2-$3" >/dev/null
    fi
}
declare -A SS_JFR_PRIMED=()

# The first JFR recording of a process throws its compiled code away: tenant info fell from 9,500
# to 540 req/s when one started and was below 7,000 still after 80 s of load (2026-12-07), so a recording
# started on a warm process records it re-warming. A throwaway recording before the warm-up moves
# that to where it costs nothing; later recordings leave the compiled code alone.
jfr_prime() { # $1 pid; once per process
    [ -z "${SS_JFR_PRIMED[$1]:-}" ] || return 0
    "$BENCH_JCMD" "$1" JFR.configure stackdepth=256 >/dev/null
    "$BENCH_JCMD" "$1" JFR.start name=prime settings="${BENCH_JFR_SETTINGS:-profile}" >/dev/null
    "$BENCH_JCMD" "$1" JFR.stop name=prime >/dev/null
    SS_JFR_PRIMED[$1]=1
}

ss_order() { # $1 round -> the variants' names in that round's order
    local r=$1 n=${#SS_VARIANTS[@]} k i order=()
    k=$(((r - 1) / 2 % n))
    for ((i = 0; i < n; i++)); do order+=("${SS_VARIANTS[(i + k) % n]}"); done
    if ((r % 2 == 0)); then
        for ((i = n - 1; i >= 0; i--)); do printf '%s\n' "${order[i]}"; done
    else
        printf '%s\n' "${order[@]}"
    fi
}

ss_measure() {
    ss_settings
    local r name ref rps p99 p50 what line
    what="req/s over its reference's"
    [ "$RATIO_KIND" != time ] || what="time per request over its reference's"
    echo "measured: $ROUNDS rounds of ${SECONDS_PER_ROUND} s per variant, order rotated and mirrored; ratio = $what"
    printf '%-6s %-24s %10s %9s %9s %11s   %s\n' round variant 'req/s' 'p50 ms' 'p99 ms' 'CPU µs/req' \
        'ratio to reference (req/s; CPU per request)'
    local pid cpu0 cpu1
    for ((r = 1; r <= ROUNDS; r++)); do
        for name in $(ss_order "$r"); do
            pid=${SS_PID[$name]:-$SERVER_PID}
            ss_jfr start "$name" "$r"
            cpu0=$(cpu_millis "$pid")
            line=$(ss_once "$name" "$SECONDS_PER_ROUND")
            cpu1=$(cpu_millis "$pid")
            read -r rps p99 p50 <<<"$line"
            ss_jfr stop "$name" "$r"
            SS_RPS[$name,$r]=$rps; SS_P99[$name,$r]=$p99; SS_P50[$name,$r]=$p50
            SS_CPU[$name,$r]=$(awk -v c="$((cpu1 - cpu0))" -v q="$rps" -v s="$SECONDS_PER_ROUND" \
                'BEGIN {printf "%.1f", c * 1000 / (q * s)}')
        done
        # printed in the variants' own order, each ratio to its reference of the same round
        for name in "${SS_VARIANTS[@]}"; do
            ref=${SS_REF[$name]:-}
            if [ -n "$ref" ]; then
                SS_CPU_RATIO[$name,$r]=$(ratio "${SS_CPU[$name,$r]}" "${SS_CPU[$ref,$r]}")
                if [ "$RATIO_KIND" = time ]; then
                    SS_RATIO[$name,$r]=$(ratio "${SS_RPS[$ref,$r]}" "${SS_RPS[$name,$r]}")
                else
                    SS_RATIO[$name,$r]=$(ratio "${SS_RPS[$name,$r]}" "${SS_RPS[$ref,$r]}")
                fi
            fi
            printf '%-6s %-24s %10s %9s %9s %11s   %s\n' "$r" "$name" "${SS_RPS[$name,$r]}" "${SS_P50[$name,$r]}" \
                "${SS_P99[$name,$r]}" "${SS_CPU[$name,$r]}" \
                "${ref:+${SS_RATIO[$name,$r]}; ${SS_CPU_RATIO[$name,$r]} (to $ref)}"
        done
        if declare -F ss_round_extra >/dev/null; then ss_round_extra "$r"; fi
    done
}

ss_values() { # $1 array prefix (SS_RPS, SS_P50, SS_P99, SS_RATIO), $2 name: the measured rounds' values
    local -n table=$1
    local r
    for ((r = 1; r <= ROUNDS; r++)); do printf '%s ' "${table[$2,$r]}"; done
}

# "median min max q1 q3" of the variant's per-round ratios ($2: SS_CPU_RATIO for CPU per request)
ss_ratio_stats() {
    local values
    read -ra values <<<"$(ss_values "${2:-SS_RATIO}" "$1")"
    local sorted
    sorted=$(printf '%s\n' "${values[@]}" | sort -g)
    echo "$(median "${values[@]}") $(echo "$sorted" | head -1) $(echo "$sorted" | tail -1) $(quartiles "${values[@]}")"
}

ss_summary() {
    local name ref med min max q1 q3 values
    load_average
    for name in "${SS_VARIANTS[@]}"; do
        read -ra values <<<"$(ss_values SS_RPS "$name")"; local rps; rps=$(median "${values[@]}")
        read -ra values <<<"$(ss_values SS_P50 "$name")"; local p50; p50=$(median "${values[@]}")
        read -ra values <<<"$(ss_values SS_P99 "$name")"; local p99; p99=$(median "${values[@]}")
        read -ra values <<<"$(ss_values SS_CPU "$name")"; local cpu; cpu=$(median "${values[@]}")
        printf 'median %-24s %10s req/s, p50 %s ms, p99 %s ms, CPU %s µs per request\n' "$name" "$rps" "$p50" "$p99" "$cpu"
    done
    for name in "${SS_VARIANTS[@]}"; do
        ref=${SS_REF[$name]:-}
        [ -n "$ref" ] || continue
        read -r med min max q1 q3 <<<"$(ss_ratio_stats "$name")"
        printf '%s/%s (%s): median %s of %d rounds, spread %s-%s, interquartile %s-%s\n' "$name" "$ref" \
            "$RATIO_KIND" "$med" "$ROUNDS" "$min" "$max" "$q1" "$q3"
        read -r med min max q1 q3 <<<"$(ss_ratio_stats "$name" SS_CPU_RATIO)"
        printf '%s/%s (CPU per request): median %s of %d rounds, spread %s-%s, interquartile %s-%s\n' "$name" "$ref" \
            "$med" "$ROUNDS" "$min" "$max" "$q1" "$q3"
    done
    for name in "${!SS_CAPPED[@]}"; do
        echo "!!! NOT FLAT: $name was still changing after $WARM_MAX_ROUNDS warm rounds (last 3 spread ${SS_CAPPED[$name]} %); its figures are not steady-state"
    done
}

# Further baseline WARs: BENCH_EXTRA_VARIANTS="name=dir:dir name2=dir" builds each from
# bench/baseline/src plus those source directories (build_baseline_war) into $1/<name>.war, to be
# deployed at /<name> and measured like the secured baseline. Prints the names.
extra_variant_names() {
    local spec
    for spec in ${BENCH_EXTRA_VARIANTS:-}; do echo "${spec%%=*}"; done
}
build_extra_variants() { # $1 output directory
    local spec name dirs
    for spec in ${BENCH_EXTRA_VARIANTS:-}; do
        name=${spec%%=*}; dirs=${spec#*=}
        [[ "$name" =~ ^[a-z][a-z0-9-]*$ ]] && [ "$spec" != "$name" ] \
            || { echo "BENCH_EXTRA_VARIANTS: '$spec' is not name=dir[:dir...]" >&2; exit 1; }
        build_baseline_war "$1" "$name" ${dirs//:/ }
    done
}
extra_deploy_args() { # $1 output directory: Payara Micro's --deploy arguments for them
    local name
    for name in $(extra_variant_names); do printf -- '--deploy\n%s\n' "$1/$name.war"; done
}
