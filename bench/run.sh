#!/usr/bin/env bash
# Builds the benchmarks, runs the JMH suite (about 3 minutes on 2 cores), then the lesson's own
# PyTorch loop as a yardstick. Run from anywhere: bash bench/run.sh [extra JMH arguments]
# Results: the JMH table on stdout, bench/target/jmh.json, and the Python figures last.
set -euo pipefail

cd "$(dirname "$0")/.."

mvn -q -B -pl bench -am package -DskipTests -Dspotless.check.skip=true

# Other work on the machine shows up in the figures: say how busy it was.
if [[ -r /proc/loadavg ]]; then
  echo "cores: $(nproc), load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

# DJL's flags are set per fork by each benchmark's @Fork(jvmArgsAppend = ...).
java -jar bench/target/benchmarks.jar -rf json -rff bench/target/jmh.json "$@"

echo
echo "== The lesson's PyTorch loop (bench/python/notebook_loop.py) =="
if /usr/bin/python3 -c 'import torch, numpy' >/dev/null 2>&1; then
  /usr/bin/python3 bench/python/notebook_loop.py
else
  echo "skipped: /usr/bin/python3 cannot import torch and numpy (on Debian: apt-get install python3-torch)"
fi
