#!/usr/bin/env bash
# Starts the netchat daemon on a free loopback port, runs examples/smoke.nchat (must exit 0) and
# examples/failing.nchat (must exit 1) with bin/netchat-client, and stops the daemon.
# Exits 0 when both exit codes are as documented. Used by .ci/run.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host=127.0.0.1

port_open() { (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null; }

port=""
for _ in $(seq 1 50); do
  candidate=$(( 20000 + RANDOM % 40000 ))
  if ! port_open "$candidate"; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "ci-smoke: no free port found" >&2; exit 2; }

# Build both jars up front so that start-up time does not count against the wait below.
if [ ! -f "$root/chat-server/target/netchat-server.jar" ] || [ ! -f "$root/chat-client/target/netchat-client.jar" ]; then
  (cd "$root" && ./mvnw -B -q -ntp -DskipTests -pl chat-server,chat-client -am package) >&2 || exit 2
fi

log="$(mktemp -t netchat-ci-smoke.XXXXXX)"
"$root/bin/netchat-server" --host "$host" --port "$port" >"$log" 2>&1 &
server_pid=$!
stop_server() {
  kill "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
}
trap stop_server EXIT

for _ in $(seq 1 150); do
  port_open "$port" && break
  kill -0 "$server_pid" 2>/dev/null || { echo "ci-smoke: the server exited; its log:" >&2; cat "$log" >&2; exit 2; }
  sleep 0.2
done
port_open "$port" || { echo "ci-smoke: the server did not listen on $host:$port within 30 s" >&2; cat "$log" >&2; exit 2; }

failures=0
run() {
  local script=$1 expected=$2 nick=$3
  "$root/bin/netchat-client" --host "$host" --port "$port" --nick "$nick" --script "$root/examples/$script"
  local code=$?
  if [ "$code" -eq "$expected" ]; then
    echo "ci-smoke: $script exited $code as expected"
  else
    echo "ci-smoke: $script exited $code, expected $expected" >&2
    failures=$((failures + 1))
  fi
}
run smoke.nchat 0 smoke
run failing.nchat 1 failing

[ "$failures" -eq 0 ] && echo "ci-smoke: OK" || echo "ci-smoke: $failures script(s) gave the wrong exit code" >&2
exit $(( failures == 0 ? 0 : 1 ))
