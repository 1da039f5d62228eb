# shellcheck shell=bash
# Sourced by the scripts that start Downhill's JVMs (and the benchmarks' yardsticks): sets
# DOWNHILL_PRELOAD to jemalloc's library when it is installed (Debian: libjemalloc2), for
# LD_PRELOAD. Every op libtorch runs allocates and frees native memory; with the C library's
# allocator two trainers on two cores step about a tenth slower (docs/scaling.md).
# DOWNHILL_ALLOCATOR=libc keeps the C library's; an LD_PRELOAD already set is left alone.
DOWNHILL_PRELOAD="${LD_PRELOAD:-}"
if [[ -z "$DOWNHILL_PRELOAD" && "${DOWNHILL_ALLOCATOR:-jemalloc}" != libc ]]; then
  for candidate in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 \
    /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
    if [[ -r "$candidate" ]]; then
      DOWNHILL_PRELOAD="$candidate"
      break
    fi
  done
fi
if [[ -n "$DOWNHILL_PRELOAD" ]]; then
  echo "native allocator: LD_PRELOAD=$DOWNHILL_PRELOAD" >&2
else
  echo "native allocator: the C library's (install libjemalloc2 for faster steps)" >&2
fi
