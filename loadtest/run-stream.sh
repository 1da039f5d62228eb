#!/usr/bin/env bash
# The streaming load test, in one command: 1,000 WebSocket clients watching 100 running sessions.
#
#   loadtest/run-stream.sh                             # defaults: 1000 clients, 100 sessions, 30 s
#   loadtest/run-stream.sh --steps-per-second 0        # the worst case: every run flat out
#   loadtest/run-stream.sh --clients 200 --duration 10s
#
# Builds the jars if they are missing (REBUILD=1 forces a build), starts the server on a free
# loopback port with a fixed heap, runs io.downhill.loadtest.StreamLoad against it with any options
# given here, prints its per-second lines and summary, and stops the server however the test ends.
# The load generator and the server share the machine's cores: read the CPU lines of the summary.
#
# Environment: SERVER_HEAP (default 2g), SERVER_JAVA_OPTS (extra server JVM flags, e.g. a JFR
# recording), LOAD_HEAP (default 1g), REBUILD=1, KEEP_LOG=1 (keep the server log).
# Exit status: StreamLoad's (0 ok, 1 sequence gaps, 2 setup failed, 3 overran), or the failing step.
set -euo pipefail

LOAD_NAME=stream
# shellcheck source=loadtest/start-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/start-server.sh"

# StreamLoad bounds itself; the outer timeout only guards against a hung JVM.
status=0
timeout --signal=TERM --kill-after=30 3600 \
  java -Xmx"${LOAD_HEAP:-1g}" -cp "$load_jar" io.downhill.loadtest.StreamLoad \
  --url "http://127.0.0.1:$port" --server-pid "$server_pid" "$@" || status=$?
exit "$status"
