#!/usr/bin/env bash
# Runs a command beside a redis-server of its own: a free loopback port, a temporary folder, no persistence,
# stopped (and the folder removed) when the command ends. The command sees MOCK_STORE=redis://127.0.0.1:<port>,
# the mock's own variable, which the suites' fixtures (TwoFactorContracts.Testing.MockStoreEnvironment) read too.
# Usage: tests/with-redis.sh <command> [args...]
set -uo pipefail
command -v redis-server >/dev/null || { echo "with-redis.sh: redis-server is required (apt-get install redis-server)" >&2; exit 1; }

dir="$(mktemp -d)"
redis=""
cleanup() {
  [[ -n "$redis" ]] && kill "$redis" 2>/dev/null && wait "$redis" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

# A random high port; if another process holds it, redis-server exits at once and the next one is tried.
for _ in $(seq 1 20); do
  port=$((20000 + RANDOM % 40000))
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no >"$dir/redis.log" 2>&1 &
  redis=$!
  for _ in $(seq 1 100); do
    if ! kill -0 "$redis" 2>/dev/null; then redis=""; break; fi
    [[ "$(redis-cli -p "$port" ping 2>/dev/null)" == "PONG" ]] && break 2
    sleep 0.05
  done
  [[ -n "$redis" ]] && { kill "$redis"; wait "$redis" 2>/dev/null; redis=""; }
done
if [[ -z "$redis" ]]; then
  echo "with-redis.sh: redis-server did not start:" >&2
  cat "$dir/redis.log" >&2
  exit 1
fi

echo "with-redis.sh: redis-server on 127.0.0.1:$port"
MOCK_STORE="redis://127.0.0.1:$port" "$@"
