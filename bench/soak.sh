#!/usr/bin/env bash
# Soak: a bounded mixed load (create/list/get/update, JSON and XML, 16 accounts) against the Release mock on
# loopback, sampling the mock's RSS, p50/p99 latency and journal size every interval into bench/soak-results.md.
#   phase 1 "grow"   (first third): create-heavy, the stored state grows (creates capped per interval);
#   phase 2 "steady" (the rest):    get/update/list only, the state stays the same size; RSS must stay flat.
# Usage: bench/soak.sh [--minutes N] [--interval S] [--threads T] [--connections C] [--out FILE]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes=3 interval=10 threads=2 connections=32 out="$root/bench/soak-results.md"
creates_per_interval=400   # per wrk thread and interval: bounds the state the grow phase builds
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --interval) interval="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

# Tools: wrk from Debian when missing (the only thing this script installs); curl and python3 are in the base image.
if ! command -v wrk >/dev/null; then
  echo "soak.sh: installing wrk (apt-get)" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi
fi
for tool in curl python3; do command -v "$tool" >/dev/null || { echo "soak.sh: $tool is required" >&2; exit 1; }; done

work="$(mktemp -d)"
mock_pid=""
cleanup() {
  if [[ -n "$mock_pid" ]] && kill -0 "$mock_pid" 2>/dev/null; then
    kill -TERM "$mock_pid" 2>/dev/null || true
    wait "$mock_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
url="http://127.0.0.1:$port"
# run-mock.sh publishes the Release (ReadyToRun) build when sources changed: do that first, in the foreground.
"$root/run-mock.sh" --help >/dev/null
# Then it execs the server straight away: $! is the server's pid.
"$root/run-mock.sh" --port "$port" --seed empty --quiet >"$work/mock.log" 2>&1 &
mock_pid=$!
deadline=$((SECONDS + 60))
until curl -fsS "$url/__admin/health" >/dev/null 2>&1; do
  kill -0 "$mock_pid" 2>/dev/null || { echo "soak.sh: the mock exited:" >&2; cat "$work/mock.log" >&2; exit 1; }
  (( SECONDS < deadline )) || { echo "soak.sh: the mock did not become healthy" >&2; exit 1; }
  sleep 0.2
done

rss_mb() { awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$mock_pid/status"; }
# One probe per sample (a single python3, so sampling stays cheap on a busy machine): lists every soak account,
# writes "account id" lines to the file given, prints "<applications stored>\t<journal entries>\t<capacity>\t<recorded>".
cat >"$work/probe.py" <<'PY'
import json, sys, urllib.request
url, threads, ids_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def get(path, headers={}):
    with urllib.request.urlopen(urllib.request.Request(url + path, headers=headers), timeout=60) as answer:
        return json.load(answer)
stored = 0
with open(ids_file, "w") as out:
    for t in range(1, threads + 1):
        for a in range(1, 9):
            account = f"soak-t{t}a{a}"
            apps = get("/2fa/2/applications", {"Authorization": f"App {account}", "Accept": "application/json"})
            stored += len(apps)
            out.writelines(f"{account} {app['applicationId']}\n" for app in apps)
journal = get("/__admin/mock/journal")
print(stored, len(journal["entries"]), journal["capacity"], journal["recorded"], sep="\t")
PY
probe() { python3 "$work/probe.py" "$url" "$threads" "$1"; }

total=$((minutes * 60)); grow=$((total / 3)); samples="$work/samples.tsv"
echo "soak.sh: $minutes min against $url (pid $mock_pid), wrk -t$threads -c$connections, ${interval}s samples" >&2
started=$SECONDS; load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' 0 start 0 0 0 0 0 "$(rss_mb)" "$(probe "$work/current.txt")" 0 >"$samples"
ids="$work/ids.txt"; : >"$ids"
elapsed=0
while (( elapsed < total )); do
  phase=steady; (( elapsed < grow )) && phase=grow
  [[ $phase == steady && ! -s "$ids" ]] && cp "$work/current.txt" "$ids"   # the steady phase works on what grow stored
  line="$(wrk -t"$threads" -c"$connections" -d"${interval}s" --latency --timeout 30s -s "$root/bench/soak-mix.lua" "$url" -- "$phase" "$ids" "$creates_per_interval" | grep '^SOAK')"
  elapsed=$((elapsed + interval))
  eval "$(echo "$line" | sed 's/^SOAK //')"   # requests= duration_us= p50_us= p99_us= max_us= status_errors= socket_errors=
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$elapsed" "$phase" "$requests" "$duration_us" "$p50_us" "$p99_us" \
    "$status_errors/$socket_errors" "$(rss_mb)" "$(probe "$work/current.txt")" "$((SECONDS - started))" >>"$samples"
  echo "  t=${elapsed}s $phase: $(tail -1 "$samples" | cut -f3-)" >&2
done

python3 - "$samples" "$out" "$minutes" "$threads" "$connections" "$interval" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys, datetime, platform, os
samples, out, minutes, threads, connections, interval, load_before, load_after = sys.argv[1:9]
rows = [l.rstrip("\n").split("\t") for l in open(samples)]
def slope(points):  # least squares, y per minute
    n = len(points)
    if n < 2: return 0.0
    mx = sum(x for x, _ in points) / n; my = sum(y for _, y in points) / n
    var = sum((x - mx) ** 2 for x, _ in points)
    return 0.0 if var == 0 else sum((x - mx) * (y - my) for x, y in points) / var * 60
steady = [(int(r[0]), float(r[7])) for r in rows if r[1] == "steady"]
grow = [(int(r[0]), float(r[7])) for r in rows if r[1] == "grow"]
# The first steady sample still carries the grow phase's garbage; judge the slope from the second on.
steady_judged = steady[1:] if len(steady) > 2 else steady
steady_slope = slope(steady_judged)
rss_start, rss_end = float(rows[0][7]), float(rows[-1][7])
rss_steady_first = steady_judged[0][1] if steady_judged else rss_end
stored = [int(r[8]) for r in rows]
journal_max = max(int(r[9]) for r in rows); capacity = int(rows[-1][10]); recorded = int(rows[-1][11])
requests = sum(int(r[2]) for r in rows[1:])
errors = sum(int(r[6].split("/")[0]) for r in rows[1:]); socket_errors = sum(int(r[6].split("/")[1]) for r in rows[1:])
p99s = [int(r[5]) / 1000 for r in rows[1:]]
flat = abs(steady_slope) <= max(5.0, 0.05 * rss_steady_first)  # MB per minute
bounded = journal_max <= capacity
steady_stored = {int(r[8]) for r in rows if r[1] == "steady"}
with open(out, "w") as f:
    f.write("# Soak results\n\n")
    f.write(f"Measured {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC by `bench/soak.sh --minutes {minutes}` "
            f"on {os.cpu_count()} cores ({platform.machine()}), shared with wrk (`-t{threads} -c{connections}`), Release mock "
            f"(`./run-mock.sh --seed empty --quiet`) on loopback. Load average (1/5/15 min) {load_before} before, {load_after} after: the machine is shared, so latency shows the contention as much as the mock. One row per {interval} s wrk run (load s: seconds of load so far; wall s: since the start, sampling included); latency is wrk's, per run.\n\n")
    f.write("| load (s) | wall (s) | phase | requests | req/s | p50 (ms) | p99 (ms) | non-2xx / socket errors | RSS (MB) | apps stored | journal entries / capacity |\n")
    f.write("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    for r in rows:
        rate = int(r[2]) / (int(r[3]) / 1e6) if int(r[3]) else 0
        f.write(f"| {r[0]} | {r[12]} | {r[1]} | {r[2]} | {rate:.0f} | {int(r[4])/1000:.2f} | {int(r[5])/1000:.2f} | {r[6]} | {r[7]} | {r[8]} | {r[9]} / {r[10]} |\n")
    f.write("\n## Verdicts\n\n")
    f.write(f"- Requests: {requests} in {minutes} min of load; {errors} answered other than 2xx (every request sent is valid, so any is a defect); "
            f"{socket_errors} socket errors or timeouts (wrk timeout 30 s).\n")
    f.write(f"- p99 per run: min {min(p99s):.2f} ms, median {sorted(p99s)[len(p99s)//2]:.2f} ms, max {max(p99s):.2f} ms.\n")
    f.write(f"- RSS: {rss_start:.1f} MB idle at start, {grow[-1][1] if grow else rss_start:.1f} MB at the end of the grow phase "
            f"({stored[len(grow)] if grow else 0} applications stored), {rss_end:.1f} MB at the end.\n")
    f.write(f"- Steady phase (state constant at {', '.join(str(s) for s in sorted(steady_stored))} applications): RSS slope "
            f"{steady_slope:+.2f} MB/min over {len(steady_judged)} samples (least squares, first steady sample excluded): "
            f"**{'FLAT' if flat else 'GROWING'}** (threshold: 5 MB/min or 5% of RSS per minute, whichever is larger).\n")
    f.write(f"- Journal: at most {journal_max} entries kept with capacity {capacity}, {recorded} requests recorded since the start: "
            f"**{'BOUNDED' if bounded else 'UNBOUNDED'}**.\n")
print(f"soak: {requests} requests, {errors} non-2xx, {socket_errors} socket errors, RSS {rss_start:.1f} -> {rss_end:.1f} MB, steady slope {steady_slope:+.2f} MB/min ({'flat' if flat else 'GROWING'}), journal max {journal_max}/{capacity}")
sys.exit(0 if flat and bounded and errors == 0 and socket_errors == 0 else 1)
PY
