#!/usr/bin/env bash
# The step-request load test, in one command: 200 participants each clicking Step on their own
# session (50 steps a request, the next request as soon as the answer arrives) for 30 s.
#
#   loadtest/run-steps.sh                               # defaults: 200 participants, 50 steps, 30 s
#   loadtest/run-steps.sh --sessions 50 --steps 1 --duration 10s
#   IN_MEMORY=1 loadtest/run-steps.sh                   # the same without a journal
#
# Builds the jars if they are missing (REBUILD=1 forces a build), starts the server on a free
# loopback port (its journal in a fresh temporary folder; IN_MEMORY=1 keeps none), runs
# io.downhill.loadtest.StepLoad against it, and stops the server however the test ends. The load
# generator and the server share the machine's cores. SERVER_JAR runs another build's server.
#
# Exit status: 0 ok, 1 a check failed (steps made versus asked, failed requests), 2 a failed step.
set -euo pipefail

LOAD_NAME=steps
# shellcheck source=loadtest/start-server.sh
source "$(dirname "${BASH_SOURCE[0]}")/start-server.sh"

# StepLoad bounds every wait; the outer timeout only guards against a hung JVM.
status=0
timeout --signal=TERM --kill-after=30 3600 \
  java -Xmx"${LOAD_HEAP:-1g}" -cp "$load_jar" io.downhill.loadtest.StepLoad \
  --url "http://127.0.0.1:$port" --server-pid "$server_pid" "$@" || status=$?
exit "$status"
