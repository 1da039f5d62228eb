#!/usr/bin/env bash
# The passivation load test, in one command: what an idle, passivated session costs the server, and
# how fast passivated sessions come back.
#
#   loadtest/run-passivation.sh                         # defaults: 100000 sessions, 1000 touches
#   loadtest/run-passivation.sh --sessions 2000 --touch 200
#
# Builds the jars if they are missing (REBUILD=1 forces a build), starts the server on a free
# loopback port with a fresh temporary data folder and a short passivate-after, then runs
# io.downhill.loadtest.PassivationLoad against it: baseline memory after a forced GC, create the
# sessions (bounded concurrency), wait until they have left memory, memory again, then touch random
# sessions one at a time (GET, then one step) and time each reactivation. Prints one table, stops
# the server and deletes the data folder however the test ends.
#
# Options after the command go to the load generator (--sessions, --touch, --concurrency, --seed);
# --passivate-after D is given to the server and to the generator alike.
# Environment: PASSIVATE_AFTER (default 5s), SERVER_HEAP (max heap, default 2g), SERVER_MIN_HEAP
# (default 64m), SERVER_JAVA_OPTS, LOAD_HEAP (default 1g), REBUILD=1, KEEP_LOG=1.
# Exit status: PassivationLoad's (0 ok, 1 a sanity check failed, 2 setup failed, 3 overran).
set -euo pipefail

passivate_after="${PASSIVATE_AFTER:-5s}"
load_args=()
while (( $# > 0 )); do
  if [[ "$1" == --passivate-after && $# -ge 2 ]]; then
    passivate_after="$2"
    shift 2
  else
    load_args+=("$1")
    shift
  fi
done

LOAD_NAME=passivation
# A new, empty journal: sessions left by other runs would be in the figures.
FRESH_DATA=1
# A small initial heap, so that the forced full GC hands unused heap back to the OS and the resident
# set shows what the server keeps rather than how far the young generation once grew.
SERVER_MIN_HEAP="${SERVER_MIN_HEAP:-64m}"
# Cluster port 0: a server already running on this machine holds 25520.
SERVER_JAVA_OPTS="-Ddownhill.session.passivate-after=$passivate_after -Dpekko.remote.artery.canonical.port=0 ${SERVER_JAVA_OPTS:-}"
# shellcheck source=loadtest/start-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/start-server.sh"

# PassivationLoad bounds itself; the outer timeout only guards against a hung JVM.
status=0
timeout --signal=TERM --kill-after=30 14400 \
  java -Xmx"${LOAD_HEAP:-1g}" -cp "$load_jar" io.downhill.loadtest.PassivationLoad \
  --url "http://127.0.0.1:$port" --server-pid "$server_pid" \
  --passivate-after "$passivate_after" "${load_args[@]}" || status=$?
exit "$status"
