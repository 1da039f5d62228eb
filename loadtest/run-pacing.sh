#!/usr/bin/env bash
# Pacing that keeps its word: for each asked rate, a session runs paced for a window (default 5 s)
# and the steps it made are read from the server at both ends of the window. Prints asked vs made
# and fails when a rate is off by more than 3 %.
#   bash loadtest/run-pacing.sh [window seconds]
set -euo pipefail
window="${1:-5}"
LOAD_NAME=pacing
# shellcheck source=loadtest/start-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/start-server.sh"
base="http://127.0.0.1:$port"
json=(-H 'Content-Type: application/json')

field() { grep -oE "\"$1\":[^,}]+" | head -1 | cut -d: -f2 | tr -d '"'; }
now_ns() { date +%s%N; }

printf '%-10s %-10s %-10s %-8s %s\n' "asked/s" "made/s" "made/ask" "steps" "within ±3 %"
status=0
for rate in 1 10 30 60 200 1000; do
  created=$(curl -s -X POST "$base/api/sessions" "${json[@]}" -d '{"preset":"notebook","accumulateGradients":false}')
  id=$(echo "$created" | field id)
  token=$(echo "$created" | field token)
  curl -s -X POST "$base/api/sessions/$id/run" "${json[@]}" -H "Authorization: Bearer $token" \
    -d "{\"count\":10000000,\"stepsPerSecond\":$rate}" > /dev/null
  sleep 1 # past the run's first chunk, so the window sees the steady pace
  t0=$(now_ns)
  s0=$(curl -s "$base/api/sessions/$id" | field step)
  sleep "$window"
  t1=$(now_ns)
  s1=$(curl -s "$base/api/sessions/$id" | field step)
  curl -s -X POST "$base/api/sessions/$id/pause" -H "Authorization: Bearer $token" > /dev/null
  made=$(awk -v a="$s0" -v b="$s1" -v t0="$t0" -v t1="$t1" 'BEGIN { printf "%.2f", (b - a) / ((t1 - t0) / 1e9) }')
  ratio=$(awk -v m="$made" -v r="$rate" 'BEGIN { printf "%.3f", m / r }')
  ok=$(awk -v q="$ratio" 'BEGIN { print (q >= 0.97 && q <= 1.03) ? "yes" : "NO" }')
  [[ "$ok" == yes ]] || status=1
  printf '%-10s %-10s %-10s %-8s %s\n' "$rate" "$made" "$ratio" "$((s1 - s0))" "$ok"
done
exit "$status"
