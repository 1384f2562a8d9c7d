#!/usr/bin/env bash
# A cache hit through TenantCache and @TenantCached against a raw JCache get on the same cache
# (issue 11 point 4), with JMH (bench/jmh/), on Hazelcast's JCache in member mode (Payara's
# cache: the Hazelcast version inside Payara Micro) and on the bundled Caffeine provider; prints
# each path's throughput and its ratio to the raw hit (target >= 0.95).
#
#   mvn -B -q package -DskipTests && bench/cache-hit.sh
#
# In-process only (Hazelcast binds 127.0.0.1, joins nothing); about 4 minutes. Environment:
# JMH_ARGS (extra JMH options, e.g. "-f 2 -i 10"; -prof gc adds allocation per operation),
# SKIP_JMH=1 (only the side-by-side run), SIDE_BY_SIDE_SECONDS (30 per provider),
# BENCH_CLASSES_JAR (another build's classes, e.g. before a change, instead of target/classes).
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=target/bench
[ -d target/classes/dev/rockstar/tenancy ] || { echo "Run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
mkdir -p "$OUT"
# The product's classes as they are built, packed for the JMH project's system dependency.
jar cf "$OUT/rockstar-tenancy-classes.jar" -C target/classes .
if [ -n "${BENCH_CLASSES_JAR:-}" ]; then
    cp "$BENCH_CLASSES_JAR" "$OUT/rockstar-tenancy-classes.jar"
fi
mvn -B -q -f bench/jmh/pom.xml package -DskipTests
mvn -B -q -f bench/jmh/pom.xml dependency:build-classpath -Dmdep.outputFile="$(pwd)/$OUT/jmh-classpath.txt" \
    -Dmdep.includeScope=runtime >/dev/null
classpath="bench/jmh/target/classes:$(cat "$OUT/jmh-classpath.txt"):$OUT/rockstar-tenancy-classes.jar"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [ "${SKIP_JMH:-0}" != 1 ]; then
# shellcheck disable=SC2086
java -cp "$classpath" org.openjdk.jmh.Main CacheHitBenchmark -rf json -rff "$OUT/cache-hit.json" ${JMH_ARGS:-} \
    >"$OUT/cache-hit.log" 2>&1
grep -E '^(Benchmark|CacheHitBenchmark)' "$OUT/cache-hit.log" || { echo "JMH failed; see $OUT/cache-hit.log" >&2; exit 1; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# Per path: the mean over all measured iterations (JMH's score) and the best iteration; on a
# shared machine other processes only ever slow an iteration down, so the best is the steadier.
python3 - "$OUT/cache-hit.json" <<'PY'
import json, sys
runs = {}
for run in json.load(open(sys.argv[1])):
    name = run["benchmark"].rsplit(".", 1)[1]
    iterations = [v for fork in run["primaryMetric"]["rawData"] for v in fork]
    runs[(run["params"]["provider"], name)] = (run["primaryMetric"]["score"], max(iterations))
for provider in ("hazelcast", "caffeine"):
    raw_mean, raw_best = runs[(provider, "rawHit")]
    print(f"{provider}: raw hit {raw_mean:.3f} ops/us mean, {raw_best:.3f} best iteration")
    key_mean, key_best = runs[(provider, "rawTenantKeyHit")]
    for path in ("tenantHit", "tenantCachedHit", "rawTenantKeyHit"):
        mean, best = runs[(provider, path)]
        print(f"  {path:16} {mean:8.3f} mean, {best:8.3f} best;"
              f" ratio to raw: {mean / raw_mean:.2f} of the means, {best / raw_best:.2f} of the best (target >= 0.95)")
    for path in ("tenantHit", "tenantCachedHit"):
        mean, best = runs[(provider, path)]
        print(f"  {path:16} ratio to rawTenantKeyHit (the product's own share): {mean / key_mean:.2f} of the means,"
              f" {best / key_best:.2f} of the best")
PY
fi

# The same three hits side by side in one JVM per provider (CacheHitSideBySide): the median of the
# ratios of neighbouring batches, the figure this script ends with.
for provider in hazelcast caffeine; do
    java -Xmx1g -Dhazelcast.phone.home.enabled=false -Dhazelcast.logging.type=none -cp "$classpath" \
        dev.rockstar.tenancy.caching.CacheHitSideBySide "$provider" "${SIDE_BY_SIDE_SECONDS:-30}" 2>>"$OUT/cache-hit.log"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
