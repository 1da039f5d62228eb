#!/usr/bin/env bash
# Builds the benchmarks, runs the whole JMH suite (about 7 minutes on 2 cores), then the PyTorch
# yardsticks: the lesson's own loop and the batched learning-rate sweep, and last the sweep's
# figures side by side. The sweep alone: bash bench/run-sweep.sh (about 4 minutes).
# Run from anywhere: bash bench/run.sh [extra JMH arguments]
# Results: the JMH table on stdout, bench/target/jmh.json, and the Python figures last.
set -euo pipefail

cd "$(dirname "$0")/.."

# maven.test.skip: the benchmarks need the actors' classes, not their tests.
mvn -q -B -pl bench -am package -Dmaven.test.skip=true -Dspotless.check.skip=true

# Other work on the machine shows up in the figures: say how busy it was.
if [[ -r /proc/loadavg ]]; then
  echo "cores: $(nproc), load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

# DJL's flags are set per fork by each benchmark's @Fork(jvmArgsAppend = ...).
java -jar bench/target/benchmarks.jar -rf json -rff bench/target/jmh.json "$@"

echo
rm -f bench/target/batched_sweep.json
echo "== The lesson's PyTorch loop (bench/python/notebook_loop.py) =="
if /usr/bin/python3 -c 'import torch, numpy' >/dev/null 2>&1; then
  /usr/bin/python3 bench/python/notebook_loop.py
  echo
  echo "== The same batched update as BatchTrainer in PyTorch (bench/python/batched_sweep.py) =="
  /usr/bin/python3 bench/python/batched_sweep.py --json bench/target/batched_sweep.json
else
  echo "skipped: /usr/bin/python3 cannot import torch and numpy (on Debian: apt-get install python3-torch)"
fi

echo
echo "== The learning-rate sweep, side by side =="
python3 bench/python/sweep_report.py bench/target/jmh.json bench/target/batched_sweep.json
