#!/usr/bin/env bash
# Three Downhill nodes on this machine forming one Pekko Cluster, and Debian's nginx in front of
# them: open the one URL it prints. The nodes share one embedded database (the first to open the
# folder serves the others), or a PostgreSQL given with --db-url. Ctrl-C stops them all.
#   bash deploy/local-cluster.sh [--port 8080] [--data DIR | --db-url URL]
# DOWNHILL_JAVA_OPTS adds JVM flags to every node (e.g. -Dkey=value settings).
set -euo pipefail
cd "$(dirname "$0")/.."

port=8080
journal=(--data "${PWD}/downhill-cluster-data")
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --data) journal=(--data "$2"); shift 2 ;;
    --db-url) journal=(--db-url "$2"); shift 2 ;;
    *) echo "usage: bash deploy/local-cluster.sh [--port N] [--data DIR | --db-url URL]" >&2; exit 2 ;;
  esac
done

command -v nginx >/dev/null || { echo "needs nginx (on Debian: apt-get install nginx)" >&2; exit 1; }
jar=gateway/target/downhill.jar
[[ -f "$jar" ]] || mvn -q -B -pl gateway -am package -DskipTests -Dspotless.check.skip=true

run="$(mktemp -d -t downhill-cluster.XXXXXX)"
pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "stopping…"
  [[ -f "$run/nginx/nginx.pid" ]] && kill "$(cat "$run/nginx/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  # Each node leaves the cluster on SIGTERM; one that is still there after 20 s is killed.
  for _ in $(seq 1 40); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$run"
  exit 0
}
trap stop INT TERM EXIT

# shellcheck source=deploy/native-allocator.sh
source deploy/native-allocator.sh
seeds="127.0.0.1:25521,127.0.0.1:25522"
for n in 1 2 3; do
  # shellcheck disable=SC2086 # DOWNHILL_JAVA_OPTS is a list of flags
  # nginx is the peer of every request: trust its X-Forwarded-For to name the client.
  env ${DOWNHILL_PRELOAD:+LD_PRELOAD="$DOWNHILL_PRELOAD"} java -Xmx768m -Ddownhill.gateway.quota.trusted-proxies.0=127.0.0.1 ${DOWNHILL_JAVA_OPTS:-} \
    -jar "$jar" --port "$((port + n))" \
    --cluster-port "$((25520 + n))" --seed-nodes "$seeds" "${journal[@]}" \
    > "$run/node$n.log" 2>&1 &
  pids+=($!)
  # The first node opens the embedded database first and serves it to the others.
  [[ $n == 1 ]] && sleep 3
done

http=()
for n in 1 2 3; do
  for _ in $(seq 1 240); do
    p=$(grep -oE 'listening on http://localhost:[0-9]+' "$run/node$n.log" | grep -oE '[0-9]+$' || true)
    [[ -n "$p" ]] && break
    kill -0 "${pids[$((n - 1))]}" 2>/dev/null || { cat "$run/node$n.log"; exit 1; }
    sleep 0.5
  done
  [[ -n "$p" ]] || { echo "node $n did not start; see $run/node$n.log" >&2; exit 1; }
  http+=("$p")
done

mkdir -p "$run/nginx"
sed -e "s|__PREFIX__|$run/nginx|g" -e "s|__PORT__|$port|" \
  -e "s|__HTTP1__|${http[0]}|" -e "s|__HTTP2__|${http[1]}|" -e "s|__HTTP3__|${http[2]}|" \
  deploy/nginx-local-cluster.conf > "$run/nginx.conf"
nginx -c "$run/nginx.conf" -p "$run/nginx"

echo "Three Downhill nodes (HTTP ${http[*]}, cluster 25521–25523) behind nginx:"
echo "  open http://localhost:$port/   (GET /api/cluster lists the members)"
echo "  node logs in $run; Ctrl-C stops everything"
wait "${pids[@]}"
