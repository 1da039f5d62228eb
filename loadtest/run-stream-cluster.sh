#!/usr/bin/env bash
# The streaming load test across a cluster: three nodes behind nginx (deploy/local-cluster.sh)
# and, in the same run for comparison, one node alone. The same load goes to each: 1,000
# WebSocket clients watching 100 running sessions for 30 s by default (any StreamLoad option may
# be given). Clients reach the cluster through nginx, which spreads them over the nodes, and the
# sessions spread over the nodes by sharding, so most streams cross nodes. Needs nginx.
#   bash loadtest/run-stream-cluster.sh [StreamLoad options]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=gateway/target/downhill.jar
load_jar=loadtest/target/loadtest.jar
[[ -f "$jar" && -f "$load_jar" ]] || mvn -q -B install -DskipTests -Dspotless.check.skip=true

work="$(mktemp -d -t downhill-stream-cluster.XXXXXX)"
cluster_pid=""
single_pid=""
cleanup() {
  if [[ -n "$cluster_pid" ]]; then kill -TERM "$cluster_pid" 2>/dev/null; wait "$cluster_pid" 2>/dev/null; fi
  if [[ -n "$single_pid" ]]; then kill -TERM "$single_pid" 2>/dev/null; wait "$single_pid" 2>/dev/null; fi
  rm -rf "$work"
  return 0
}
trap 'cleanup; exit "${status:-1}"' EXIT

front=18080
DOWNHILL_JAVA_OPTS="-Ddownhill.gateway.quota.sessions=10000000 -Ddownhill.gateway.quota.sweeps=100000 -Ddownhill.gateway.quota.workshops=100000 -Ddownhill.gateway.quota.creates-per-minute=10000000 -Ddownhill.gateway.max-websockets-per-address=1000000 -Ddownhill.gateway.max-connections-per-address=1000000" \
  bash deploy/local-cluster.sh --port "$front" --data "$work/cluster-data" > "$work/cluster.log" 2>&1 &
cluster_pid=$!
for _ in $(seq 1 240); do
  grep -q "open http://localhost:$front/" "$work/cluster.log" && break
  sleep 0.5
done
grep -q "open http://localhost:$front/" "$work/cluster.log" || { cat "$work/cluster.log"; exit 1; }
until curl -s "localhost:$front/api/cluster" | grep -o '"status":"up"' | wc -l | grep -q 3; do sleep 0.5; done

echo "== three nodes behind nginx (http://127.0.0.1:$front) =="
status=0
java -Xmx1g -cp "$load_jar" io.downhill.loadtest.StreamLoad --url "http://127.0.0.1:$front" "$@" \
  || status=$?
echo
echo "sessions in memory per node at the end (GET /api/cluster):"
curl -s "localhost:$front/api/cluster" | grep -oE '"node":"[^"]+"|"sessions":[0-9]+' | paste - -
kill -TERM "$cluster_pid" 2>/dev/null || true
wait "$cluster_pid" 2>/dev/null || true
cluster_pid=""

echo
echo "== one node alone =="
java -Xmx2g -Dpekko.remote.artery.canonical.port=0 -Ddownhill.gateway.host=127.0.0.1 \
  -Ddownhill.gateway.quota.sessions=10000000 -Ddownhill.gateway.quota.sweeps=100000 -Ddownhill.gateway.quota.workshops=100000 -Ddownhill.gateway.quota.creates-per-minute=10000000 -Ddownhill.gateway.max-websockets-per-address=1000000 -Ddownhill.gateway.max-connections-per-address=1000000 \
  -jar "$jar" --port 0 --data "$work/single-data" > "$work/single.log" 2>&1 &
single_pid=$!
port=""
for _ in $(seq 1 240); do
  port=$(grep -oE 'listening on http://localhost:[0-9]+' "$work/single.log" | grep -oE '[0-9]+$' || true)
  [[ -n "$port" ]] && break
  sleep 0.5
done
java -Xmx1g -cp "$load_jar" io.downhill.loadtest.StreamLoad --url "http://127.0.0.1:$port" \
  --server-pid "$single_pid" "$@" || status=$?
exit "$status"
