# Shared by the load-test scripts (sourced, not run): builds the jars if needed, lifts the
# file-descriptor limit, starts the server on a free loopback port with a fixed heap, and stops
# it on exit. Sets: root, load_jar, server_pid, port, data_dir. Reads LOAD_NAME for the log file's
# name, and SERVER_HEAP, SERVER_MIN_HEAP (default SERVER_HEAP), SERVER_JAVA_OPTS, REBUILD, KEEP_LOG
# from the environment; SERVER_JAR runs another build of the server (an older commit's, say). The
# server keeps its journal in a new temporary folder (data_dir), deleted
# once it has stopped; with FRESH_DATA=0 data_dir is empty and the server uses its default folder,
# and with IN_MEMORY=1 the server keeps nothing (--in-memory).
# Its cluster port is a free one, so load tests run beside a server on the default port.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
server_jar="${SERVER_JAR:-gateway/target/downhill.jar}"
load_jar=loadtest/target/loadtest.jar
build_flags=(-q -B -DskipTests -Dspotless.check.skip=true)

if [[ "${REBUILD:-0}" == 1 || ! -f "$server_jar" ]]; then
  echo "building the server and the load test (mvn install)…"
  mvn "${build_flags[@]}" install
elif [[ ! -f "$load_jar" ]]; then
  echo "building the load test…"
  mvn "${build_flags[@]}" -pl loadtest package
fi

# Every client holds a socket in this process and one in the server's: lift the soft limit.
hard_limit="$(ulimit -Hn)"
if [[ "$hard_limit" == unlimited ]]; then
  hard_limit=1048576
fi
if (( $(ulimit -Sn) < 65536 )); then
  ulimit -Sn "$(( hard_limit < 65536 ? hard_limit : 65536 ))"
fi

log="$(mktemp -t "downhill-${LOAD_NAME:-load}-server.XXXXXX.log")"
server_pid=""
data_dir=""
data_args=()
# A load test never writes into the checkout: by default its journal is a temporary folder;
# IN_MEMORY=1 keeps no journal at all, to measure what durability costs.
if [[ "${IN_MEMORY:-0}" == 1 ]]; then
  data_args=(--in-memory)
elif [[ "${FRESH_DATA:-1}" == 1 ]]; then
  data_dir="$(mktemp -d -t "downhill-${LOAD_NAME:-load}-data.XXXXXX")"
  data_args=(--data "$data_dir")
fi
stop_server() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      kill -KILL "$server_pid" 2>/dev/null || true
    fi
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ "${KEEP_LOG:-0}" == 1 ]]; then
    echo "server log: $log"
  else
    rm -f "$log"
  fi
  # Only once the server is gone: it writes its journal there until the end.
  if [[ -n "$data_dir" ]]; then
    rm -rf "$data_dir"
  fi
}
trap stop_server EXIT

# One load generator is one client address: lift the per-address quotas.
quota_flags=(-Ddownhill.gateway.quota.sessions=10000000 -Ddownhill.gateway.quota.sweeps=100000
  -Ddownhill.gateway.quota.workshops=100000 -Ddownhill.gateway.quota.creates-per-minute=10000000)
# shellcheck source=../deploy/native-allocator.sh
source "$root/deploy/native-allocator.sh"
# shellcheck disable=SC2086 # SERVER_JAVA_OPTS is a list of flags
env ${DOWNHILL_PRELOAD:+LD_PRELOAD="$DOWNHILL_PRELOAD"} java -Xms"${SERVER_MIN_HEAP:-${SERVER_HEAP:-2g}}" -Xmx"${SERVER_HEAP:-2g}" ${SERVER_JAVA_OPTS:-} \
  -Ddownhill.gateway.host=127.0.0.1 -Dpekko.remote.artery.canonical.port=0 \
  -Ddownhill.gateway.max-websockets-per-address=1000000 -Ddownhill.gateway.max-connections-per-address=1000000 "${quota_flags[@]}" \
  -jar "$server_jar" --port 0 "${data_args[@]}" >"$log" 2>&1 &
server_pid=$!

port=""
for _ in $(seq 1 240); do
  port="$(sed -n 's|^Downhill listening on http://localhost:\([0-9]*\)/.*|\1|p' "$log" | head -n 1)"
  [[ -n "$port" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "the server stopped while starting:" >&2
    cat "$log" >&2
    exit 2
  fi
  sleep 0.5
done
if [[ -z "$port" ]]; then
  echo "the server did not start listening within 120 s:" >&2
  cat "$log" >&2
  exit 2
fi
echo "server pid $server_pid on http://127.0.0.1:$port/ (heap ${SERVER_HEAP:-2g}, $(nproc) cores shared with the load generator)"
echo "server jar built $(date -r "$server_jar" '+%F %T'); source at $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
# Other work on the machine shows up in the figures: say how busy it was.
if [[ -r /proc/loadavg ]]; then
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

