#!/usr/bin/env bash
# What the newer features cost per request: for each feature, the product as built (A) against the
# product with that one feature off (B), as separate Payara Micro processes on their own loopback
# ports and root directories (each its own embedded H2), all up at once and loaded one at a time,
# each warmed until flat and then measured in rotating, mirrored rounds, A B B A ... (bench/lib.sh,
# "Steady state"). The cost is A's time per request over B's minus 1 = B's req/s over A's minus 1,
# taken per round (A and B of the same round) and summarised as median and spread.
#
#   mvn -B -q package -DskipTests && bench/feature-cost.sh
#   BUILD_ONLY=1 bench/feature-cost.sh  # the WARs only (about 2 minutes): before a quiet window
#   FEATURES="log-enrichment fair-share" ROUNDS=21 bench/feature-cost.sh
#   AA=1 bench/feature-cost.sh          # plus copies of A: the noise floor of process against process
#   PAYARA=7 bench/feature-cost.sh      # on Payara Micro 7, Java 25
#
# The features (FEATURES, all by default) and what "off" is:
#   placements      documents list; off: tenancy.placements not declared (A: the dev properties'
#                   tenancy.placements=premium, the tenant t0 in shared)                 [configuration]
#   read-only       documents list; off: bench/feature-off/read-only.patch (no ReadOnlyGuard
#                   statement listener, no read-only check in the tenant chain)          [patch]
#   query-log       documents list; off: bench/feature-off/query-log.patch (no StatementEvents
#                   statement listener: no per-tenant SQL metrics and query log)         [patch]
#   log-enrichment  tenant info; off: bench/feature-off/log-enrichment.patch (no request id or
#                   tenant tag on the thread: LogEnrichment's request hooks empty, no
#                   RequestIdFilter, no LogTags.tenant on binding)                       [patch]
#   fair-share      tenant info, both in one process of their own: 10 tenants with requestsPerSecond
#                   1e9 (never refused) at the default clientSharePercent 50 (fair-share-on)
#                   against 10 with clientSharePercent 100, which takes the tenant's bucket alone
#                   (RateLimiter.acquire: no client group, no client bucket)             [configuration]
#   frames          no A/B: each feature's own frames in A's CPU samples (one JFR round of
#                   FRAMES_SECONDS, 30, per workload on A-info and A-docs): the share of samples
#                   whose stack holds a feature's class, a filter's counted only for its own work
#                   (bench/jfr-top.py --through), not for the request it passes on. A bound on
#                   the feature's CPU per request that the noise of process against process does
#                   not move; what it costs through allocation, GC and the JIT is outside it.
#   device-cookie   no A/B: the device cookie is checked only on POST /api/login and the console's
#                   sign-in (DeviceCookies.valid: SessionResource, ConsoleSignIn), never on
#                   GET /api/tenant/info; shown by one JFR recording of A under tenant-info load,
#                   counting samples with DeviceCookies, LoginThrottle or SessionResource frames.
# Processes: one workload each (A-info, A-docs; a process serving both would compile its shared
# code for both, its feature-off partner for one), fair-share, one per feature off, and with AA=1
# A-info-copy and A-docs-copy. The patched WARs are built from FEATURE_REF (HEAD) exported with
# git archive into target/feature-off/<feature>-off/ (mvn -B -q -o package -DskipTests), and so is A
# (target/feature-off/head/, the same build without a patch; the working tree's uncommitted changes
# are in neither); a build is reused while src/, pom.xml and the patch are unchanged. Every patch is
# checked before anything is built: one that no longer applies stops the script.
#
# Loopback only; bounded: at most (WARM_MAX_ROUNDS + ROUNDS) rounds per variant. Every variant of
# the selected features runs in every round: with all features, 8 variants (tenant info: A,
# log-enrichment-off, fair-share-on, fair-share-off; documents list: A, placements-off,
# read-only-off, query-log-off), 80 s per round at 10 s; AA=1 adds 2 (100 s per round). With AA=1
# and ROUNDS=15: 25 minutes measured, plus the warm-up (3 to 12 rounds per variant: 5 to 20
# minutes) and about 2 minutes starting 9 processes.
# Environment: FEATURES, AA (0), ROUNDS (15), FRAMES_SECONDS (30), SECONDS_PER_ROUND (10), WARM_SECONDS, FLAT_PERCENT (5),
# WARM_MAX_ROUNDS (12), FEATURE_REF (HEAD), BENCH_PORT (18180, the others the ports after it),
# DOCUMENTS (1000), WRK_THREADS (2), WRK_CONNECTIONS (32), PAYARA / PAYARA_VERSION, BENCH_JAVA,
# JAVA_OPTS (-Xmx1g per process), BUILD_ONLY=1 (build the WARs and stop), BENCH_JFR=1 (every
# measured round, target/bench-features/<variant>-N.jfr).
# Prints the WARs, the processes, the warm-up, every measured round (each variant's req/s, p50,
# p99, the process's CPU time per request, and its ratios to its reference's), the medians, then
# per feature every round's B/A and the verdict "cost X % (spread Y %, N rounds)", once by
# throughput and once by CPU time per request (which the machine's other load moves less: a
# process waiting for a core uses none): X the median of the per-round costs, Y their
# interquartile range (min-max too), with a note where the spread is not smaller than the effect
# or a variant was not flat; and the device cookie's frame count.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
ALL_FEATURES="placements read-only query-log log-enrichment fair-share frames device-cookie"
FEATURES=${FEATURES:-$ALL_FEATURES}
AA=${AA:-0}
ROUNDS=${ROUNDS:-15}
ss_settings
PORT0=${BENCH_PORT:-18180}
REF=${FEATURE_REF:-HEAD}
DOCUMENTS=${DOCUMENTS:-1000}
TENANTS=10
OUT=target/bench-features
BUILDS=target/feature-off
DOC_HOST=t0.bench.localhost

for f in $FEATURES; do
    [[ " $ALL_FEATURES " == *" $f "* ]] || { echo "unknown feature '$f'; known: $ALL_FEATURES" >&2; exit 1; }
done
selected() { [[ " $FEATURES " == *" $1 "* ]]; }
require_port "$PORT0"; require_wrk
rm -rf "$OUT" && mkdir -p "$OUT" "$BUILDS"

# ---- the WARs: A and every patched one from the same export of $REF ----
commit=$(git rev-parse "$REF^{commit}")
build_war() { # $1 name, $2 patch file or empty -> target/feature-off/$1.war
    local name=$1 patch=${2:-} dir=$BUILDS/$1 stamp
    # what the WAR is made of: a commit that changes neither (a doc, a bench script) reuses it
    stamp="$(git rev-parse "$commit:src" "$commit:pom.xml" | tr '\n' ' ')$( [ -z "$patch" ] || sha256sum "$patch" | cut -c1-16)"
    if [ -f "$BUILDS/$name.war" ] && [ "$(cat "$dir.stamp" 2>/dev/null)" = "$stamp" ]; then
        echo "WAR $name: reused ($BUILDS/$name.war, $stamp)"
        return 0
    fi
    rm -rf "$dir" "$dir.stamp" "$BUILDS/$name.war" && mkdir -p "$dir"
    git archive "$commit" | tar -x -C "$dir"
    if [ -n "$patch" ]; then
        local patch_file
        patch_file=$(pwd)/$patch
        # The export lies inside this repository's work tree: without the ceiling, git apply would
        # take the repository's root for the patch's and silently skip every path outside it.
        (cd "$dir" && GIT_CEILING_DIRECTORIES=$(dirname "$(pwd)") git apply --check "$patch_file") >&2 \
            || { echo "!!! $patch no longer applies to $REF ($commit): update it" >&2; exit 1; }
        (cd "$dir" && GIT_CEILING_DIRECTORIES=$(dirname "$(pwd)") git apply "$patch_file" \
            && GIT_CEILING_DIRECTORIES=$(dirname "$(pwd)") git apply -R --check "$patch_file") \
            || { echo "!!! $patch did not apply to $REF ($commit)" >&2; exit 1; }
    fi
    echo "WAR $name: building from $REF ${patch:+with $patch}"
    (cd "$dir" && mvn -B -q -o package -DskipTests -Dspotless.check.skip=true -Dspotless.apply.skip=true >"../$name-build.log" 2>&1) \
        || { echo "!!! building $name failed; see $BUILDS/$name-build.log" >&2; exit 1; }
    cp "$dir/target/rockstar-tenancy.war" "$BUILDS/$name.war"
    echo "$stamp" >"$dir.stamp"
    rm -rf "$dir/target/payara-dev-root"
}
# Every selected patch is checked first, before any build: one that no longer applies stops the script.
rm -rf "$BUILDS/check" && mkdir -p "$BUILDS/check" && git archive "$commit" src | tar -x -C "$BUILDS/check"
for f in read-only query-log log-enrichment; do
    selected "$f" || continue
    (cd "$BUILDS/check" && GIT_CEILING_DIRECTORIES=$(dirname "$(pwd)") git apply --check "$OLDPWD/bench/feature-off/$f.patch") \
        || { echo "!!! bench/feature-off/$f.patch no longer applies to $REF ($commit): update it" >&2; exit 1; }
done
rm -rf "$BUILDS/check"
build_war head ""
for f in read-only query-log log-enrichment; do
    ! selected "$f" || build_war "$f-off" "bench/feature-off/$f.patch"
done
if [ "${BUILD_ONLY:-0}" = 1 ]; then echo "BUILD_ONLY=1: the WARs are built"; exit 0; fi
build_baseline_war "$OUT"   # only its POST /baseline/api/documents/fill: the same 1,000 documents everywhere

# ---- the processes: name, WAR, properties ----
grep -v '^tenancy.placements=\|^tenancy.tenant.globex.placement=' src/main/dev/tenancy-dev.properties >"$OUT/no-placements.properties"
grep -q '^tenancy.placements=' src/main/dev/tenancy-dev.properties \
    || { echo "src/main/dev/tenancy-dev.properties declares no placement: A would have placements off" >&2; exit 1; }
# One workload per process: a process that served both would compile its shared code (filters,
# resolution, JSON) for both, and its feature-off partner for one only. The fair share's two
# variants share a process of their own, whose every request goes through the rate limiter.
declare -A PROC_WAR=() PROC_PROPS=() PROC_PORT=() PROC_PID=()
PROCS=()
add_proc() { PROCS+=("$1"); PROC_WAR[$1]=$2; PROC_PROPS[$1]=$3; }
dev=src/main/dev/tenancy-dev.properties
need_info=0; need_docs=0
if selected log-enrichment || selected device-cookie || selected frames || [ "$AA" = 1 ]; then need_info=1; fi
if selected placements || selected read-only || selected query-log || selected frames || [ "$AA" = 1 ]; then need_docs=1; fi
[ "$need_info" = 0 ] || add_proc A-info "$BUILDS/head.war" "$dev"
[ "$need_docs" = 0 ] || add_proc A-docs "$BUILDS/head.war" "$dev"
! selected fair-share || add_proc fair-share "$BUILDS/head.war" "$dev"
! selected log-enrichment || add_proc log-enrichment-off "$BUILDS/log-enrichment-off.war" "$dev"
! selected placements || add_proc placements-off "$BUILDS/head.war" "$OUT/no-placements.properties"
for f in read-only query-log; do
    ! selected "$f" || add_proc "$f-off" "$BUILDS/$f-off.war" "$dev"
done
if [ "$AA" = 1 ]; then
    add_proc A-info-copy "$BUILDS/head.war" "$dev"
    add_proc A-docs-copy "$BUILDS/head.war" "$dev"
fi

i=0
for p in "${PROCS[@]}"; do
    PROC_PORT[$p]=$((PORT0 + i)); i=$((i + 1))
    require_port "${PROC_PORT[$p]}"
    start_payara "$OUT/$p.log" --port "${PROC_PORT[$p]}" --rootdir "$OUT/$p-root" --systemProperties "${PROC_PROPS[$p]}" \
        --deploy "${PROC_WAR[$p]}" --contextroot / --deploy "$OUT/baseline.war"
    PROC_PID[$p]=$SERVER_PID
done
started=$SECONDS
for p in "${PROCS[@]}"; do
    await_payara "${PROC_PID[$p]}" "$OUT/$p.log" 2 -u "$ADMIN" "http://127.0.0.1:${PROC_PORT[$p]}/api/admin/tenants?limit=1"
    await_payara "${PROC_PID[$p]}" "$OUT/$p.log" 2 -H "Host: $DOC_HOST" "http://127.0.0.1:${PROC_PORT[$p]}/baseline/api/tenant/info"
done
echo "${#PROCS[@]} Payara Micro processes up in $((SECONDS - started)) s: $(for p in "${PROCS[@]}"; do printf '%s :%s (pid %s)  ' "$p" "${PROC_PORT[$p]}" "${PROC_PID[$p]}"; done)"

# ---- the same tenants and documents in every process ----
register() { # $1 base URL, $2 id, $3 limits JSON
    local code
    code=$(curl -s -o "$OUT/answer.json" -w '%{http_code}' -u "$ADMIN" -H 'Content-Type: application/json' \
        -d "{\"id\":\"$2\",\"name\":\"Tenant $2\",\"hosts\":[\"$2.bench.localhost\"],\"config\":{\"limits\":$3}}" "$1/api/admin/tenants")
    [ "$code" = 201 ] || { echo "registering $2 at $1 answered $code: $(cat "$OUT/answer.json")" >&2; exit 1; }
}
for p in "${PROCS[@]}"; do
    base=http://127.0.0.1:${PROC_PORT[$p]}
    for ((t = 0; t < TENANTS; t++)); do
        register "$base" "t$t" '{}'
        if [ "$p" = fair-share ]; then
            register "$base" "r$t" '{"requestsPerSecond":1000000000}'
            register "$base" "s$t" '{"requestsPerSecond":1000000000,"clientSharePercent":100}'
        fi
    done
    curl -sf -X POST "$base/baseline/api/documents/fill?tenant=t0&count=$DOCUMENTS" \
        || { echo "filling the documents at $p failed; see $OUT/$p.log" >&2; exit 1; }
done

# ---- the variants: process, workload, host prefix; each compared to its reference ----
declare -A V_PROC=() V_LOAD=() V_PREFIX=()
variant() { # $1 name, $2 process, $3 info|docs, $4 host prefix, $5 reference (none for a reference)
    SS_VARIANTS+=("$1"); V_PROC[$1]=$2; V_LOAD[$1]=$3; V_PREFIX[$1]=$4; SS_PID[$1]=${PROC_PID[$2]}
    [ -z "${5:-}" ] || SS_REF[$1]=$5
}
if selected log-enrichment || selected frames || [ "$AA" = 1 ]; then variant info-A A-info info t; fi
! selected log-enrichment || variant info-log-enrichment-off log-enrichment-off info t info-A
[ "$AA" != 1 ] || variant info-A-copy A-info-copy info t info-A
if selected fair-share; then
    variant info-fair-share-on fair-share info r
    variant info-fair-share-off fair-share info s info-fair-share-on
fi
[ "$need_docs" = 0 ] || variant docs-A A-docs docs t
for f in placements read-only query-log; do ! selected "$f" || variant "docs-$f-off" "$f-off" docs t docs-A; done
[ "$AA" != 1 ] || variant docs-A-copy A-docs-copy docs t docs-A

url_of() { echo "http://127.0.0.1:${PROC_PORT[${V_PROC[$1]}]}"; }
# Every variant answers its reference's bytes (tenant info of t0/r0/s0, the documents list of t0).
for v in "${SS_VARIANTS[@]}"; do
    if [ "${V_LOAD[$v]}" = info ]; then
        body=$(curl -sf -H "Host: ${V_PREFIX[$v]}0.bench.localhost" "$(url_of "$v")/api/tenant/info")
    else
        body=$(curl -sf -H "Host: $DOC_HOST" "$(url_of "$v")/api/documents?limit=50")
    fi
    [ -n "$body" ] || { echo "$v answered nothing" >&2; exit 1; }
    declare "BODY_${v//-/_}=$body"
    ref=${SS_REF[$v]:-}
    if [ -n "$ref" ] && [ "$ref" != info-fair-share-on ]; then   # r0 and s0 differ in their limits only
        refbody=BODY_${ref//-/_}
        [ "$body" = "${!refbody}" ] || { echo "bodies differ: $v and $ref:"; echo "$body" | head -c 300; echo; echo "${!refbody}" | head -c 300; exit 1; } >&2
    fi
done
echo "variants: ${SS_VARIANTS[*]}; each answers its reference's bytes"

export BENCH_TENANTS=$TENANTS
# "<label>: cost X % (spread Y %, N rounds) ..." of the per-round costs in per cent ($3...); $2 not
# empty when a variant was not flat after the warm-up cap
cost_verdict() {
    local label=$1 capped=$2 q1 q3 sorted
    shift 2
    read -r q1 q3 <<<"$(quartiles "$@")"
    sorted=$(printf '%s\n' "$@" | sort -g)
    awk -v m="$(median "$@")" -v q1="$q1" -v q3="$q3" -v lo="$(echo "$sorted" | head -1)" \
        -v hi="$(echo "$sorted" | tail -1)" -v n="$#" -v l="$label" -v capped="$capped" 'BEGIN {
        printf "%s: cost %.1f %% (spread %.1f %%, %d rounds) [interquartile %.1f to %.1f %%, min-max %.1f to %.1f %%]%s%s\n",
            l, m, q3 - q1, n, q1, q3, lo, hi,
            (q3 - q1 < (m < 0 ? -m : m)) ? "" : "; the spread is not smaller than the effect",
            capped != "" ? "; NOT FLAT after the warm-up cap" : "" }'
}

ss_round() { # $1 variant, $2 seconds -> "req/s p99_ms p50_ms"
    if [ "${V_LOAD[$1]}" = info ]; then
        BENCH_HOST_PREFIX=${V_PREFIX[$1]} run_wrk "$OUT/wrk.log" "$2" -s bench/hosts.lua "$(url_of "$1")" -- /api/tenant/info
    else
        run_wrk "$OUT/wrk.log" "$2" -H "Host: $DOC_HOST" "$(url_of "$1")/api/documents?limit=50"
    fi
}

# The command (a round of load) with a JFR recording of the process around it, into the file.
recorded() { # $1 pid, $2 file, then the command
    local pid=$1 file=$2
    shift 2
    jfr_prime "$pid"   # primed before the warm-up (SS_JFR_PRIME) where the process is a variant
    "$BENCH_JCMD" "$pid" JFR.start name=recorded settings="${BENCH_JFR_SETTINGS:-profile}" filename="$(pwd)/$file" >/dev/null
    "$@"
    "$BENCH_JCMD" "$pid" JFR.stop name=recorded >/dev/null
}
# bench/jfr-top.py with the JDK's jfr on the PATH: the sample count and the shares asked for.
jfr_top() { PATH="$(dirname "$BENCH_JCMD"):$PATH" python3 bench/jfr-top.py "$@" | sed -n '1p;/samples whose stack contains/,$p'; }

if selected frames || selected device-cookie; then SS_JFR_PRIME=1; fi   # JFR's one-time cost before the warm-up
if [ "${#SS_VARIANTS[@]}" -gt 0 ]; then
    ss_warm
    ss_measure
    ss_summary
    echo
    echo "cost = A's time per request over B's - 1 = B's req/s over A's - 1, per round; and by CPU, A's"
    echo "CPU time per request over B's - 1, per round; the spread is the interquartile range of the"
    echo "per-round costs (min-max in brackets)"
    for v in "${SS_VARIANTS[@]}"; do
        ref=${SS_REF[$v]:-}
        [ -n "$ref" ] || continue
        what=${v#info-}; what=${what#docs-}
        case $what in A-copy) label="A/A (noise floor, ${V_LOAD[$v]})" ;; *-off) label="${what%-off}" ;; *) label=$what ;; esac
        echo "$label: B/A per round: $(ss_values SS_RATIO "$v")"
        cost_verdict "$label" "${SS_CAPPED[$v]:-}${SS_CAPPED[$ref]:-}" \
            $(for ((r = 1; r <= ROUNDS; r++)); do awk -v x="${SS_RATIO[$v,$r]}" 'BEGIN {printf "%.1f ", (x - 1) * 100}'; done)
        echo "$label: CPU per request, A/B per round: $(for ((r = 1; r <= ROUNDS; r++)); do ratio "${SS_CPU[$ref,$r]}" "${SS_CPU[$v,$r]}"; printf ' '; done)"
        cost_verdict "$label (CPU per request)" "${SS_CAPPED[$v]:-}${SS_CAPPED[$ref]:-}" \
            $(for ((r = 1; r <= ROUNDS; r++)); do awk -v a="${SS_CPU[$ref,$r]}" -v b="${SS_CPU[$v,$r]}" 'BEGIN {printf "%.1f ", (a / b - 1) * 100}'; done)
    done
fi

if selected frames; then
    # The variants are warm by now: one recorded round per workload on A, then each feature's share.
    echo
    for v in info-A docs-A; do
        line=$(recorded "${PROC_PID[${V_PROC[$v]}]}" "$OUT/frames-$v.jfr" ss_round "$v" "${FRAMES_SECONDS:-30}")
        echo "frames: $v, ${FRAMES_SECONDS:-30} s at ${line%% *} req/s, JFR $OUT/frames-$v.jfr"
    done
    echo "frames: tenant info (log enrichment: the request listener, the request-id filter's own work, the"
    echo "        thread's tags; the fair share: the rate limiter, which A-info's tenants without limits skip):"
    jfr_top --through 'FilterChain[.]' "$OUT/frames-info-A.jfr" logging.LogEnrichment logging.RequestIdFilter logging.LogTags \
        limits.control.RateLimiter limits.control.ClientGroup
    echo "frames: documents list (placements: the per-statement routing; read-only mode: its statement"
    echo "        listener; the query log: its statement listener):"
    jfr_top --through 'FilterChain[.]' "$OUT/frames-docs-A.jfr" persistence.PlacementRouting persistence.RowLevelSecurity \
        persistence.ReadOnlyGuard querylog.StatementEvents
fi

if selected device-cookie; then
    # One more round of tenant info on A, recorded: the samples under each frame name.
    line=$(BENCH_HOST_PREFIX=t recorded "${PROC_PID[A-info]}" "$OUT/device-cookie.jfr" run_wrk "$OUT/wrk.log" \
        "$SECONDS_PER_ROUND" -s bench/hosts.lua "http://127.0.0.1:${PROC_PORT[A-info]}" -- /api/tenant/info)
    rps=${line%% *}
    echo
    echo "device-cookie: GET /api/tenant/info on A-info, ${SECONDS_PER_ROUND} s at $rps req/s, JFR $OUT/device-cookie.jfr:"
    top=$(jfr_top "$OUT/device-cookie.jfr" security.DeviceCookies security.DeviceKeyStore limits.control.LoginThrottle users.boundary.SessionResource \
        logging.LogTags limits.control.TenantLimits)
    echo "$top"
    if echo "$top" | grep -E 'DeviceCookies|DeviceKeyStore|LoginThrottle|SessionResource' | grep -qv '^ *0\.0%'; then
        echo "!!! device-cookie: login frames ARE on tenant-info stacks: a check runs there; measure it with a patch"
    else
        echo "device-cookie: no check on a tenant-info request (0 samples in DeviceCookies, DeviceKeyStore," \
            "LoginThrottle, SessionResource; DeviceCookies.valid is called from SessionResource.login and" \
            "ConsoleSignIn.signIn only); LogTags and TenantLimits are there for scale"
    fi
fi
