#!/usr/bin/env bash
# Where the memory of N stored applications goes: stores N through the API, then prints VmRSS, the live heap by
# type (dotnet-gcdump, which forces a full GC first) and VmRSS again, before and after one list request.
# Extra arguments are environment settings for the server, to try a fix without rebuilding it:
#
#   bench/profile-memory.sh mock 100000                       as shipped
#   bench/profile-memory.sh mock 100000 DOTNET_gcServer=0     workstation GC
#
# MOCK_DLL=<path> runs another build of the mock (e.g. a scratch copy with a candidate fix).
# Run bench/run.sh once first (it installs wrk, builds, and writes the contract's bodies to bench/out/bodies).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
OUT="$BENCH/out/profile"
SERVER=${1:-mock}; COUNT=${2:-100000}; shift 2 || true
AUTH="Basic $(printf 'bench-memory:x' | base64)"
API=/2fa/2/applications
mkdir -p "$OUT"

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
trap 'exit 130' INT TERM
source "$BENCH/profile-server.sh"
start_profiled_server --seed empty -- "$@"
rss() { awk '/^VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$pid/status"; }
echo "started: VmRSS $(rss)"

done_file="$OUT/load.done"; rm -f "$done_file"
BENCH_COUNT=$COUNT BENCH_PATH=$API BENCH_AUTH=$AUTH BENCH_BODY="$BENCH/out/bodies/create.json" BENCH_DONE_FILE=$done_file \
  wrk -t1 -c8 -d280s -s "$BENCH/lua/load.lua" "$base$API" >"$OUT/load.wrk" 2>&1 &
wrk_pid=$!; PIDS+=("$wrk_pid")
while [[ ! -e $done_file ]] && kill -0 "$wrk_pid" 2>/dev/null; do sleep 0.05; done
kill -INT "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true
echo "$COUNT stored: VmRSS $(rss)"

heap() {
  (cd "$BENCH" && dotnet dotnet-gcdump collect -p "$pid" -o "$OUT/$SERVER-$1.gcdump" >/dev/null 2>&1 \
    && dotnet dotnet-gcdump report "$OUT/$SERVER-$1.gcdump" 2>/dev/null) | head -25
}
echo "== live heap after a full GC ($COUNT stored, no list yet)"
heap stored
echo "after the full GC: VmRSS $(rss)"
curl -s -o /dev/null -w "one list: %{size_download} bytes in %{time_total} s\n" -H "Authorization: $AUTH" "$base$API"
echo "after one list: VmRSS $(rss)"
echo "== live heap after the list"
heap listed
echo "after the full GC: VmRSS $(rss)"
sleep 10 # the GC gives back freed memory lazily: the RSS a while later is the one that stays
echo "10 s later: VmRSS $(rss)"
