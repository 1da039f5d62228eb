#!/usr/bin/env bash
# The fan-out's cost before and after a change, in one command: the same streaming load (this
# checkout's generator, the same options) against the server built at BEFORE and at this checkout,
# back to back, then the two runs' server CPU per delivered step side by side with their own
# checks (steps made of steps asked, delivered of made x watchers, gaps).
#
#   bash loadtest/run-fanout-compare.sh                      # 1000 clients, 100 sessions, 20 s
#   BEFORE=<commit> bash loadtest/run-fanout-compare.sh --duration 30s
#
# BEFORE defaults to the commit before a session's steps went out as one shared UTF-8 frame to
# every watcher that keeps up (8e988cf^). Builds that commit's server in a temporary worktree.
# Run it on a quiet machine: both servers share the cores with the generator.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
before="${BEFORE:-8e988cf^}"
work="$(mktemp -d -t downhill-fanout.XXXXXX)"
cleanup() {
  git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Always this checkout's own server and generator: a stale jar would measure something else.
echo "building this checkout's server and load test…"
mvn -q -B -DskipTests -Dspotless.check.skip=true -Dmaven.javadoc.skip=true package \
  -pl gateway,loadtest -am
echo "building the server at $before…"
git -C "$root" worktree add -q --detach "$work/before" "$before"
(cd "$work/before" && mvn -q -B -DskipTests -Dspotless.check.skip=true package -pl gateway -am)

args=(--duration 20s "$@")
for which in before after; do
  jar="$root/gateway/target/downhill.jar"
  [[ "$which" == before ]] && jar="$work/before/gateway/target/downhill.jar"
  echo "== $which ($([[ "$which" == before ]] && echo "$before" || git rev-parse --short HEAD))"
  SERVER_JAR="$jar" bash loadtest/run-stream.sh "${args[@]}" | tee "$work/$which.txt" |
    sed -n '/== Downhill stream load: summary ==/,$p'
done

echo
echo "== fan-out: before vs after =="
for which in before after; do
  printf '%-7s %s\n' "$which" "$(grep -E '^server CPU per step' "$work/$which.txt" | cut -c24-)"
  printf '%-7s %s\n' "" "$(grep -E '^steps/s made' "$work/$which.txt" | cut -c24-)"
  printf '%-7s %s\n' "" "$(grep -E '^sequence gaps|^gaps' "$work/$which.txt" | cut -c24- | head -1)"
done
