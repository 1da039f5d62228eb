#!/usr/bin/env bash
# Builds the benchmarks, runs the whole JMH suite (about 16 minutes on 2 cores), then the PyTorch
# yardsticks: the lesson's own loop and the batched learning-rate sweep, then the sweep's figures
# side by side, and last the "Faster steps" targets, each beside its baseline from this run. The sweep alone: bash bench/run-sweep.sh (about 4 minutes).
# Run from anywhere: bash bench/run.sh [extra JMH arguments]
# Results: the JMH table on stdout, bench/target/jmh.json, the Python figures, the sweep's table,
# and last the issue's targets, each with its baseline from the same run (targets_report.py).
set -euo pipefail

cd "$(dirname "$0")/.."

# maven.test.skip: the benchmarks need the actors' classes, not their tests.
mvn -q -B -pl bench -am package -Dmaven.test.skip=true -Dspotless.check.skip=true

# Other work on the machine shows up in the figures: say how busy it was.
if [[ -r /proc/loadavg ]]; then
  echo "cores: $(nproc), load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

# Each benchmark fork keeps its sessions' snapshots in a directory of its own under
# target/bench-snapshots (the in-memory journal dies with the fork, files on disk do not); clear
# the last run's.
rm -rf target/bench-snapshots

# The benchmarks and the PyTorch yardsticks run on the same native allocator: jemalloc when it is
# installed (DOWNHILL_ALLOCATOR=libc for the C library's), as deploy/ starts the server.
# shellcheck source=../deploy/native-allocator.sh
source deploy/native-allocator.sh
export LD_PRELOAD="$DOWNHILL_PRELOAD"
# DJL's flags are set per fork by each benchmark's @Fork(jvmArgsAppend = ...); the forks inherit
# LD_PRELOAD.
java -jar bench/target/benchmarks.jar -rf json -rff bench/target/jmh.json "$@"

echo
rm -f bench/target/batched_sweep.json bench/target/notebook_loop.json
echo "== The lesson's PyTorch loop (bench/python/notebook_loop.py) =="
if /usr/bin/python3 -c 'import torch, numpy' >/dev/null 2>&1; then
  /usr/bin/python3 bench/python/notebook_loop.py --json bench/target/notebook_loop.json
  echo
  echo "== The same batched update as BatchTrainer in PyTorch (bench/python/batched_sweep.py) =="
  /usr/bin/python3 bench/python/batched_sweep.py --json bench/target/batched_sweep.json
else
  echo "skipped: /usr/bin/python3 cannot import torch and numpy (on Debian: apt-get install python3-torch)"
fi

echo
echo "== The learning-rate sweep, side by side =="
python3 bench/python/sweep_report.py bench/target/jmh.json bench/target/batched_sweep.json

echo
echo "== The issue's targets, each beside its baseline from this run =="
echo "native allocator (benchmarks and yardsticks alike): ${DOWNHILL_PRELOAD:-libc, the C library}"
python3 bench/python/targets_report.py bench/target/jmh.json \
  --lesson bench/target/notebook_loop.json --sweep bench/target/batched_sweep.json
