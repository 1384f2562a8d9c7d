#!/usr/bin/env bash
# A real Prometheus (Debian's, package prometheus) scrapes two Payara Micro nodes as
# docs/HTTP-API.md says (/metrics?scope=application, HTTP Basic with password_file) and answers
# the cluster-wide p99 per tenant from the nodes' histogram buckets:
#
#   histogram_quantile(0.99, sum by (le, tenant) (rate(tenancy_request_duration_seconds_bucket[5m])))
#
#   mvn -B -q package -DskipTests && bench/metrics-two-nodes.sh
#
# Each node has its own embedded H2 (--rootdir) with the same tenants, acme and globex; the
# script sends known numbers of requests to each node, checks each node's scrape with
# promtool check metrics, lets Prometheus scrape both, and fails unless both targets are up, the
# requests per tenant summed over the nodes are what was sent, and the query answers a finite p99
# for each tenant. Prints the queries and Prometheus's answers.
# Loopback only (the nodes are reached at 127.0.0.1, Prometheus listens there only); bounded:
# each start given up after 240 s, the scrapes awaited at most 60 s each time; 5 to 10 minutes on 2 cores.
# Environment: BENCH_PORT (18080; the nodes take it and the next one), PROMETHEUS_PORT (19090),
# REQUESTS (acme's per node; globex gets half), BENCH_WAR (target/rockstar-tenancy.war).
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/lib.sh
PORT=${BENCH_PORT:-18080}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-19090}
REQUESTS=${REQUESTS:-200}
WAR=${BENCH_WAR:-target/rockstar-tenancy.war}
OUT=target/bench-metrics-two-nodes
PROM="http://127.0.0.1:$PROMETHEUS_PORT"
QUERY='histogram_quantile(0.99, sum by (le, tenant) (rate(tenancy_request_duration_seconds_bucket[5m])))'

require_war "$WAR"; require_port "$PORT"; require_port $((PORT + 1))
for tool in prometheus promtool jq; do
    command -v $tool >/dev/null || { echo "$tool is missing: apt-get install -y prometheus jq" >&2; exit 1; }
done
rm -rf "$OUT" && mkdir -p "$OUT"

nodes=("127.0.0.1:$PORT" "127.0.0.1:$((PORT + 1))")
for i in 0 1; do
    TENANCY_ADMIN_PASSWORD=$ADMIN_PASSWORD JAVA_OPTS=-Xmx512m \
        start_payara "$OUT/node-$i.log" --port "${nodes[$i]#*:}" --rootdir "$OUT/root-$i" --deploy "$WAR" --contextroot /
    eval "pid_$i=$SERVER_PID"
done
for i in 0 1; do
    pid_var="pid_$i"
    await_payara "${!pid_var}" "$OUT/node-$i.log" 0.5 -u "$ADMIN" "http://${nodes[$i]}/api/admin/tenants?limit=1"
done

send() { # $1 node, $2 host, $3 requests
    local n
    for ((n = 0; n < $3; n++)); do
        curl -sf -o /dev/null -H "Host: $2" "http://$1/api/tenant/info"
    done
}
printf '%s' "$ADMIN_PASSWORD" >"$OUT/admin-password"
cat >"$OUT/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: rockstar-tenancy
    metrics_path: /metrics
    params: {scope: [application]}
    basic_auth:
      username: admin
      password_file: $PWD/$OUT/admin-password
    static_configs:
      - targets: ['${nodes[0]}', '${nodes[1]}']
EOF
promtool check config "$OUT/prometheus.yml" >/dev/null
prometheus --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/tsdb" \
    --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >"$OUT/prometheus.log" 2>&1 &
prometheus_pid=$!
trap 'kill $prometheus_pid 2>/dev/null || true; stop_all_payara' EXIT INT TERM
started=$SECONDS
until curl -sf -o /dev/null "$PROM/-/ready"; do
    [ $((SECONDS - started)) -lt 30 ] || { echo "Prometheus did not start; see $OUT/prometheus.log" >&2; exit 1; }
    sleep 0.5
done

query() { # $1 PromQL; prints the result vector as "labels value" lines
    curl -sf --get --data-urlencode "query=$1" "$PROM/api/v1/query" \
        | jq -r '.data.result[] | "\(.metric | to_entries | map("\(.key)=\(.value)") | join(",")) \(.value[1])"'
}

scrapes() { query 'sum(count_over_time(up[10m]))' | awk '{s = $NF} END {print s + 0}'; }   # so far, both nodes
await_scrapes() { # until Prometheus has scraped each node 3 times more and both are up; at most 60 s
    local started=$SECONDS target
    target=$(($(scrapes) + 6))
    until [ "$(scrapes)" -ge "$target" ] && [ "$(query 'count(up == 1)' | awk '{print $NF}')" = 2 ]; do
        [ $((SECONDS - started)) -lt 60 ] || { echo "Prometheus did not scrape both nodes; see $OUT/prometheus.log" >&2; exit 1; }
        sleep 1
    done
}

for node in "${nodes[@]}"; do
    for tenant in acme globex; do
        curl -sf -o /dev/null -u "$ADMIN" -H 'Content-Type: application/json' \
            -d "{\"id\":\"$tenant\",\"hosts\":[\"$tenant.bench.localhost\"]}" "http://$node/api/admin/tenants"
        send "$node" "$tenant.bench.localhost" 1   # the tenant's series exist before the load
    done
done
await_scrapes # rate() takes the increase between samples: the load must come after a first one
for node in "${nodes[@]}"; do
    send "$node" acme.bench.localhost $((REQUESTS - 1))
    send "$node" globex.bench.localhost $((REQUESTS / 2 - 1))
done
await_scrapes

for i in 0 1; do
    for path in '/metrics?scope=application' /metrics; do
        file="$OUT/scrape-$i-$( [ "$path" = /metrics ] && echo unscoped || echo application ).txt"
        curl -sf -u "$ADMIN" "http://${nodes[$i]}$path" >"$file"
        promtool check metrics <"$file" || { echo "promtool refuses node $i's $path" >&2; exit 1; }
        echo "node $i $path: promtool check metrics clean, $(grep -c '^tenancy_request_duration_seconds_bucket' "$file") bucket series"
    done
    # The server's own scopes stay the server's (Payara's MicroProfile Metrics).
    echo "node $i /metrics?scope=base: $(curl -s -o /dev/null -w '%{http_code}' -u "$ADMIN" "http://${nodes[$i]}/metrics?scope=base")," \
        "$(curl -s -u "$ADMIN" "http://${nodes[$i]}/metrics?scope=base" | grep -c 'mp_scope="base"') samples of scope base"
done

echo
echo "up:"; query 'up' | tee "$OUT/up.txt"
[ "$(awk '$2 == 1' "$OUT/up.txt" | wc -l)" = 2 ] || { echo "not both nodes up" >&2; exit 1; }
echo "sum by (tenant) (tenancy_requests_total):"; query 'sum by (tenant) (tenancy_requests_total)' | tee "$OUT/requests.txt"
grep -qx "tenant=acme $((2 * REQUESTS))" "$OUT/requests.txt" || { echo "acme: not $((2 * REQUESTS)) requests" >&2; exit 1; }
grep -qx "tenant=globex $((REQUESTS / 2 * 2))" "$OUT/requests.txt" || { echo "globex: not $((REQUESTS / 2 * 2)) requests" >&2; exit 1; }
echo "sum by (tenant) (tenancy_request_duration_seconds_count):"; query 'sum by (tenant) (tenancy_request_duration_seconds_count)'
echo "$QUERY:"; query "$QUERY" | tee "$OUT/p99.txt"
for tenant in acme globex; do
    grep -Eq "^tenant=$tenant [0-9.e+-]+$" "$OUT/p99.txt" || { echo "no finite p99 for $tenant" >&2; exit 1; }
done
echo "per node, the same quantile (sum by (le, tenant, instance)):"
query 'histogram_quantile(0.99, sum by (le, tenant, instance) (rate(tenancy_request_duration_seconds_bucket[5m])))'
echo "OK: two nodes, one cluster-wide p99 per tenant ($(prometheus --version 2>&1 | head -1))"
