#!/usr/bin/env bash
# The workshop load test, in one command: 300 participants each running their session while one
# instructor dashboard watches all of them.
#
#   loadtest/run-workshop.sh                            # defaults: 300 participants, 30 steps/s each, 30 s
#   loadtest/run-workshop.sh --steps-per-second 120 --duration 60s
#
# Builds the jars if they are missing (REBUILD=1 forces a build), starts the server on a free
# loopback port with a fixed heap, runs io.downhill.loadtest.workshop.WorkshopLoad against it,
# prints its per-second lines and summary, and stops the server however the test ends. The load
# generator and the server share the machine's cores.
#
# Environment: SERVER_HEAP (default 2g), SERVER_JAVA_OPTS, LOAD_HEAP (default 1g), REBUILD=1,
# KEEP_LOG=1 (keep the server log). Exit status: 0 ok, 1 sequence gaps, or the failing step.
set -euo pipefail

LOAD_NAME=workshop
# shellcheck source=loadtest/start-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/start-server.sh"

# The load generator bounds itself; the outer timeout only guards against a hung JVM.
status=0
timeout --signal=TERM --kill-after=30 3600 \
  java -Xmx"${LOAD_HEAP:-1g}" -cp "$load_jar" io.downhill.loadtest.workshop.WorkshopLoad \
  --url "http://127.0.0.1:$port" "$@" || status=$?
exit "$status"
