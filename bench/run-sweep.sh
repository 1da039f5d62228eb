#!/usr/bin/env bash
# The learning-rate sweep benchmarks, about 6 minutes on 2 cores: session-steps per second of a
# sweep run as one BatchTrainer (BatchedSweepBenchmark) and as K separate session actors
# (SeparateSessionsBenchmark) at K = 10, 100, 1,000, 10,000, and of BatchTrainer for every model,
# loss and optimizer at K = 10,000 (BatchedShapesBenchmark); then the same batched update in
# PyTorch (bench/python/batched_sweep.py), then one table of the sweep with the issue's targets
# checked.
# Run from anywhere: bash bench/run-sweep.sh [extra JMH arguments, e.g. -p k=1000]
# Results: bench/target/jmh-sweep.json, bench/target/batched_sweep.json, and the table last.
set -euo pipefail

cd "$(dirname "$0")/.."

# maven.test.skip: the benchmarks need the actors' classes, not their tests.
mvn -q -B -pl bench -am package -Dmaven.test.skip=true -Dspotless.check.skip=true

# Other work on the machine shows up in the figures: say how busy it was.
load() {
  if [[ -r /proc/loadavg ]]; then
    echo "cores: $(nproc), load average $1: $(cut -d' ' -f1-3 /proc/loadavg)"
  fi
}
load "before the run"

# jemalloc when installed, for the benchmarks and the PyTorch yardstick alike (bench/README.md).
# shellcheck source=../deploy/native-allocator.sh
source deploy/native-allocator.sh
export LD_PRELOAD="$DOWNHILL_PRELOAD"
# DJL's flags are set per fork by each benchmark's @Fork(jvmArgsAppend = ...); the forks inherit
# LD_PRELOAD.
java -jar bench/target/benchmarks.jar 'io\.downhill\.bench\.sweep\.' \
  -rf json -rff bench/target/jmh-sweep.json "$@"

echo
echo "== The same batched update in PyTorch (bench/python/batched_sweep.py) =="
rm -f bench/target/batched_sweep.json
if /usr/bin/python3 -c 'import torch, numpy' >/dev/null 2>&1; then
  /usr/bin/python3 bench/python/batched_sweep.py --json bench/target/batched_sweep.json
else
  echo "skipped: /usr/bin/python3 cannot import torch and numpy (on Debian: apt-get install python3-torch)"
fi

echo
echo "== The sweep, side by side =="
load "after the run"
python3 bench/python/sweep_report.py bench/target/jmh-sweep.json bench/target/batched_sweep.json
