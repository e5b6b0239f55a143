# Sourced by profile.sh and profile-memory.sh: starts the server to profile on a free loopback port and waits
# until it answers. Needs ROOT, BENCH, OUT, SERVER, AUTH, API, PIDS; takes the server's extra arguments, then
# `--` and the runtime settings (VAR=value). Sets pid and base.
start_profiled_server() {
  local args=()
  while [[ $# -gt 0 && $1 != -- ]]; do args+=("$1"); shift; done
  [[ ${1:-} == -- ]] && shift
  (cd "$BENCH" && dotnet tool restore >/dev/null)
  local port=$((20000 + RANDOM % 40000))
  case $SERVER in
    mock)  env "$@" dotnet "${MOCK_DLL:-$ROOT/MockServer/bin/run-mock/TwoFactorContracts.MockServer.dll}" --port "$port" --host 127.0.0.1 --quiet "${args[@]}" >"$OUT/server.log" 2>&1 & ;;
    floor) env "$@" dotnet "$BENCH/KestrelFloor/bin/Release/net10.0/KestrelFloor.dll" --port "$port" >"$OUT/server.log" 2>&1 & ;;
    *) echo "server must be mock or floor" >&2; exit 2 ;;
  esac
  pid=$!; PIDS+=("$pid")
  base="http://127.0.0.1:$port"
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "Authorization: $AUTH" "$base$API" || true)" == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited; see $OUT/server.log" >&2; exit 1; }
    sleep 0.05
  done
}
