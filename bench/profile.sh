#!/usr/bin/env bash
# Profiles one server under one benchmark row: CPU samples (dotnet-trace) and runtime counters (dotnet-counters,
# both pinned in bench/dotnet-tools.json) while wrk drives the row. Run bench/run.sh once first (it installs wrk,
# builds, and writes the contract's bodies to bench/out/bodies).
#
#   bench/profile.sh [mock|floor] [list|get|create|update] [json|xml] [seconds] [VAR=value...]
#   e.g. bench/profile.sh mock get json 8;  bench/profile.sh mock create json 12 DOTNET_gcConcurrent=1
#
# VAR=value arguments are environment settings for the server, to try a runtime fix without rebuilding it;
# MOCK_DLL=<path> runs another build of the mock (e.g. a scratch copy with a candidate fix).
# Prints the top methods (inclusive and exclusive) and the counters; the trace is kept in bench/out/profile/.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
OUT="$BENCH/out/profile"
SERVER=${1:-mock}; ROW=${2:-get}; FORMAT=${3:-json}; SECONDS_=${4:-8}; shift 4 || shift $#
AUTH='Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='
API=/2fa/2/applications
mkdir -p "$OUT"

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
trap 'exit 130' INT TERM

source "$BENCH/profile-server.sh"
start_profiled_server -- "$@"
id=$(curl -s -H "Authorization: $AUTH" -H 'Content-Type: application/json' --data-binary @"$BENCH/out/bodies/create.json" "$base$API" \
  | grep -o '"applicationId" *: *"[0-9A-F]*"' | grep -o '[0-9A-F]\{32\}')
case $ROW in
  list)   method=GET;  path=$API;       body="" ;;
  get)    method=GET;  path=$API/$id;   body="" ;;
  update) method=PUT;  path=$API/$id;   body="$BENCH/out/bodies/update.$FORMAT" ;;
  create) method=POST; path=$API;       body="$BENCH/out/bodies/create.$FORMAT" ;;
esac
run_wrk() {
  BENCH_METHOD=$method BENCH_PATH=$path BENCH_FORMAT=$FORMAT BENCH_AUTH=$AUTH BENCH_BODY=$body \
    timeout $(( $1 + 30 )) wrk -t2 -c32 -d"$1s" -s "$BENCH/lua/row.lua" "$base$path" | grep '^RESULT'
}
run_wrk 3 >/dev/null # warm-up: tier-1 code before sampling
run_wrk "$SECONDS_" >"$OUT/wrk.result" &
wrk_pid=$!; PIDS+=("$wrk_pid")
trace="$OUT/$SERVER-$ROW-$FORMAT.nettrace"
(cd "$BENCH" && dotnet dotnet-counters collect -p "$pid" --duration "00:00:$(printf '%02d' $((SECONDS_ - 2)))" --format csv \
   -o "$OUT/$SERVER-$ROW-$FORMAT.counters.csv" --counters System.Runtime >/dev/null 2>&1) &
counters_pid=$!; PIDS+=("$counters_pid")
(cd "$BENCH" && dotnet dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$(printf '%02d' $((SECONDS_ - 2)))" -o "$trace" >/dev/null)
wait "$wrk_pid" || true
wait "$counters_pid" || true
echo "== top methods, inclusive ($SERVER $ROW $FORMAT)"
(cd "$BENCH" && dotnet dotnet-trace report "$trace" topN -n 40 --inclusive 2>/dev/null) | cut -c1-220
echo "== top methods, exclusive"
(cd "$BENCH" && dotnet dotnet-trace report "$trace" topN -n 30 2>/dev/null) | cut -c1-220
echo "== load: $(cat "$OUT/wrk.result")"
echo "== counters over the load: mean and max per second (gauges: last)"
awk -F, 'NR > 1 { n[$3]++; sum[$3] += $NF; if (!($3 in max) || $NF + 0 > max[$3]) max[$3] = $NF + 0; last[$3] = $NF }
  END { for (k in n) printf "%s: mean %.4g, max %.4g, last %.4g\n", k, sum[k] / n[k], max[k], last[k] }' \
  "$OUT/$SERVER-$ROW-$FORMAT.counters.csv" | grep -E 'gc\.|cpu\.time|exceptions|lock_contentions|working_set|thread_pool\.(queue|thread)' | sort
echo "== VmRSS: $(awk '/^VmRSS/ { print $2 / 1024 " MB" }' "/proc/$pid/status")"
