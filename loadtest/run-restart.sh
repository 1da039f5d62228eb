#!/usr/bin/env bash
# Restart to ready with many sessions in the journal: creates N idle sessions (default 10,000)
# on the embedded database, stops the server with SIGTERM, starts it again on the same folder and
# measures how long it takes to listen, to answer, and to have every remembered session back in
# memory; then checks that 100 random sessions answer with their state.
# Run from anywhere: bash loadtest/run-restart.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
sessions="${1:-10000}"
jar=gateway/target/downhill.jar
[[ -f "$jar" ]] || mvn -q -B -pl gateway -am package -DskipTests -Dspotless.check.skip=true

data="$(mktemp -d -t downhill-restart-data.XXXXXX)"
ids="$data/ids.txt"
log="$data/server.log"
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill -9 "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

# Starts the server; sets pid, port, and elapsed (the milliseconds it took to listen).
start() {
  local started
  started=$(now_ms)
  : > "$log"
  # Idle sessions stay in memory for the whole test, so all of them are remembered.
  java -Xmx2g -Dpekko.remote.artery.canonical.port=0 -Ddownhill.session.passivate-after=1h \
    -Ddownhill.gateway.quota.sessions=10000000 -Ddownhill.gateway.quota.sweeps=100000 -Ddownhill.gateway.quota.workshops=100000 -Ddownhill.gateway.quota.creates-per-minute=10000000 \
    -jar "$jar" --port 0 --device cpu --data "$data/db" >> "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    port=$(grep -oE 'listening on http://localhost:[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
    [[ -n "$port" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "the server exited" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$port" ]] || { echo "the server did not listen" >&2; exit 1; }
  elapsed=$(( $(now_ms) - started ))
}

in_memory() {
  curl -s "localhost:$port/api/metrics" | grep -oE '"sessions":[0-9]+' | grep -oE '[0-9]+$'
}

start
echo "server listening after ${elapsed} ms (empty journal); creating $sessions sessions…"
created_at=$(now_ms)
seq 1 "$sessions" | xargs -P 16 -I{} curl -s -X POST "localhost:$port/api/sessions" \
  -H 'Content-Type: application/json' -d '{"preset":"notebook"}' \
  | grep -oE '"id":"[a-z0-9]+"' | cut -d'"' -f4 > "$ids"
created=$(wc -l < "$ids")
create_ms=$(( $(now_ms) - created_at ))
echo "created $created of $sessions in ${create_ms} ms; stopping with SIGTERM…"
kill -TERM "$pid"
wait "$pid" || true
pid=""

start
listen_ms=$elapsed
ready_at=$(now_ms)
until curl -sf "localhost:$port/api/health" >/dev/null; do sleep 0.05; done
first_answer_ms=$(( $(now_ms) - ready_at + listen_ms ))
all_back_ms=""
for _ in $(seq 1 600); do
  n=$(in_memory || echo 0)
  if [[ "${n:-0}" -ge "$created" ]]; then
    all_back_ms=$(( $(now_ms) - ready_at + listen_ms ))
    break
  fi
  sleep 0.1
done
answered=0
for id in $(shuf -n 100 "$ids"); do
  if curl -sf "localhost:$port/api/sessions/$id" | grep -q '"step":0'; then
    answered=$((answered + 1))
  fi
done

echo
printf '%-46s %s\n' "figure" "value"
printf '%-46s %s\n' "sessions created (asked $sessions)" "$created"
printf '%-46s %s ms\n' "restart: listening" "$listen_ms"
printf '%-46s %s ms\n' "restart: first answer (health)" "$first_answer_ms"
printf '%-46s %s\n' "restart: every remembered session in memory" "${all_back_ms:-not within 60 s} ${all_back_ms:+ms}"
printf '%-46s %s\n' "random sessions answering after restart" "$answered of 100"
status=0
[[ "$created" -eq "$sessions" ]] || { echo "FAIL: created $created of $sessions"; status=1; }
[[ "$answered" -eq 100 ]] || { echo "FAIL: $answered of 100 sessions answered"; status=1; }
exit $status
