#!/usr/bin/env bash
# Benchmarks the mock server against Prism and a plain Kestrel floor on loopback, in one run.
#
#   bench/run.sh            full run (about 10 minutes; a few more with --baseline and the PIN flow rows): 5 x 3 s
#                           per row and server, scale 10 / 10k / 100k, writes bench/results.md
#   bench/run.sh --quick    2-4 minutes: 1 x 1 s per row, scale 10 / 1000, writes bench/out/results-quick.md
#   options: --servers mock,mockx,redis,redis2,prism,floor,proxy,before (which to run)  --results FILE (where to write the tables)
#            --runs N (runs per row and server instead of 5, or 1 with --quick: more runs narrow a median, so a few
#            percent between mock and before can be told from the machine's noise, which is about that size)
#            --baseline COMMIT (the mock of that commit, built in a temporary git worktree, runs as server `before`
#            on the stateful, startup and memory rows: a mock/before column shows the change in the same run)
#   mockx: the mock in --mode examples, measured on its own rows against Prism.
#   redis: the mock with its state on a redis-server of the run's own (--store); redis2: two such replicas on one
#   Redis, each wrk run split across both (half the threads and connections each).
#   PIN flow rows (send and verify, JSON and XML) run on the mock (and `before`) when it has the flow (--fixed-pin),
#   interleaved with the floor's create row, their yardstick.
#   proxy: `tfc proxy` and Prism 5.16's `prism proxy` in front of one upstream mock, against that mock directly
#   (issue 23: p50 overhead, req/s against Prism's proxy). --proxy-soak MINUTES then loads tfc proxy alone for that
#   long (the issue's soak is 10), sampling its RSS and p50 in ten intervals.
#
# Installs what it needs (wrk from apt, Prism 5.16.0 into bench/.tools), builds the mock and the floor in Release,
# and kills every process it started on exit. Raw wrk output and server logs go to bench/out/.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
TOOLS="$BENCH/.tools"
OUT="$BENCH/out"
CONTRACT="$ROOT/openapi/2fa-applications.yaml"
PRISM_VERSION=5.16.0

MODE=full
SERVERS=mock,mockx,redis,redis2,prism,floor,proxy
RESULTS=""
BASELINE=""
PROXY_SOAK=0
RUNS_GIVEN=""
while [[ $# -gt 0 ]]; do
  case "$1" in --servers|--results|--baseline|--proxy-soak|--runs) [[ $# -ge 2 ]] || { echo "$1 needs a value (see --help)" >&2; exit 2; } ;; esac
  case "$1" in
    --quick) MODE=quick ;;
    --servers) SERVERS="$2"; shift ;;
    --results) RESULTS="$2"; shift ;;
    --baseline) BASELINE="$2"; shift ;;
    --runs) RUNS_GIVEN="$2"; shift
            [[ $RUNS_GIVEN =~ ^[1-9][0-9]?$ ]] || { echo "--runs takes a count from 1 to 99, not '$RUNS_GIVEN'" >&2; exit 2; } ;;
    --proxy-soak) PROXY_SOAK="$2"; shift
                  [[ $PROXY_SOAK =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "--proxy-soak takes minutes (e.g. 10), not '$PROXY_SOAK'" >&2; exit 2; } ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# Load shape and repetitions. The machine is shared and noisy: every number is a median of repeated short runs.
THREADS=2; CONNECTIONS=32
if [[ $MODE == full ]]; then
  RUNS=5; DURATION=3; WARMUP=2; STARTUPS=5; SCALE_SIZES="10 10000 100000"
  RESULTS=${RESULTS:-$BENCH/results.md}
else
  RUNS=1; DURATION=1; WARMUP=1; STARTUPS=1; SCALE_SIZES="10 1000"
  RESULTS=${RESULTS:-$OUT/results-quick.md}
fi
RUNS=${RUNS_GIVEN:-$RUNS}
has() { [[ ",$SERVERS," == *",$1,"* ]]; }
# --baseline brings server `before` in; `before` without a commit to build has nothing to run.
if [[ -n $BASELINE ]]; then
  BASELINE_SHA=$(git -C "$ROOT" rev-parse --verify --quiet "$BASELINE^{commit}") \
    || { echo "--baseline: '$BASELINE' is not a commit of this repository" >&2; exit 2; }
  has before || SERVERS+=,before
elif has before; then
  echo "server 'before' needs --baseline <commit>" >&2; exit 2
fi

AUTH='Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=='            # Aladdin:open sesame, the seed's credential
AUTH_CREATE="Basic $(printf 'bench-create:x' | base64)" # creates go to their own account so lists stay small
AUTH_SCALE="Basic $(printf 'bench-scale:x' | base64)"
AUTH_FLOW="Basic $(printf 'bench-flow:x' | base64)"     # the PIN flow rows' application, template and pins
FIXED_PIN=""                                           # --fixed-pin of the mock: the PIN the verify row sends
declare -A HAS_FLOW                                   # set for a server whose mock has the PIN flow
API=/2fa/2/applications
DOC_ID=0933F3BC087D2A617AC6DCB2EF5B8A61                # the contract's documented application (Prism serves it)

mkdir -p "$OUT"
rm -f "$OUT"/*.tsv "$OUT"/*.wrk "$OUT"/checks-failed.txt "$OUT"/flow-setup.log
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

# ---------------------------------------------------------------- processes: every one we start dies with us
PIDS=()
BASELINE_TREE="" # the baseline's temporary git worktree while it is being built
remove_baseline_tree() {
  [[ -n $BASELINE_TREE ]] || return 0
  git -C "$ROOT" worktree remove --force "$BASELINE_TREE/src" >/dev/null 2>&1 || true
  rm -rf "$BASELINE_TREE"
  git -C "$ROOT" worktree prune >/dev/null 2>&1 || true
  BASELINE_TREE=""
}
cleanup() {
  local pid
  remove_baseline_tree
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'echo "bench/run.sh: stopped by a failing command at line $LINENO: $BASH_COMMAND" >&2' ERR
trap 'exit 130' INT TERM

stop() { # stop PID: ends one server we started and forgets it
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  local keep=() p
  for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || keep+=("$p"); done
  PIDS=("${keep[@]}")
}

free_port() { # a loopback port nobody listens on
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

# ---------------------------------------------------------------- tools and builds
install_tools() {
  if ! command -v wrk >/dev/null; then
    log "installing wrk (apt)"
    apt-get install -y wrk >"$OUT/apt.log" 2>&1 || { apt-get update >>"$OUT/apt.log" 2>&1 && apt-get install -y wrk >>"$OUT/apt.log" 2>&1; }
  fi
  if { has prism || has proxy; } && [[ "$("$TOOLS/node_modules/.bin/prism" --version 2>/dev/null)" != "$PRISM_VERSION" ]]; then
    log "installing @stoplight/prism-cli@$PRISM_VERSION into bench/.tools"
    mkdir -p "$TOOLS"
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent "@stoplight/prism-cli@$PRISM_VERSION" >"$OUT/npm.log" 2>&1)
  fi
  if [[ ! -d "$TOOLS/node_modules/js-yaml" ]]; then # the contract's bodies are read with js-yaml (comes with Prism)
    mkdir -p "$TOOLS" # not made yet when Prism is not among the servers
    (cd "$TOOLS" && npm install --no-audit --no-fund --silent js-yaml@4 >>"$OUT/npm.log" 2>&1)
  fi
  node "$BENCH/contract-bodies.js" "$CONTRACT" "$OUT/bodies"
}

# The mock is measured as users run it: run-mock.sh's Release ReadyToRun publish (it rebuilds only when a source changed).
MOCK_DLL="$ROOT/MockServer/bin/run-mock/TwoFactorContracts.MockServer.dll"
TFC_DLL="$ROOT/src/TwoFactorContracts.Tool/bin/Release/net10.0/tfc.dll"
FLOOR_DLL="$BENCH/KestrelFloor/bin/Release/net10.0/KestrelFloor.dll"
build() {
  if has mock || has mockx || has proxy; then
    log "building the mock (Release, ReadyToRun, through run-mock.sh)"
    "$ROOT/run-mock.sh" --help >"$OUT/build-mock.log" 2>&1 \
      || { tail -20 "$OUT/build-mock.log" >&2; echo "mock build failed (log: bench/out/build-mock.log)" >&2; exit 1; }
  fi
  # The floor is rebuilt only when one of its files is newer than its build (a no-op build still costs seconds).
  if has floor && { [[ ! -f $FLOOR_DLL ]] || [[ -n "$(find "$BENCH/KestrelFloor" \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$FLOOR_DLL" -print -quit)" ]]; }; then
    log "building the Kestrel floor (Release)"
    dotnet build "$BENCH/KestrelFloor/KestrelFloor.csproj" -c Release -nologo -v q >"$OUT/build-floor.log" 2>&1 \
      || { tail -20 "$OUT/build-floor.log" >&2; echo "floor build failed (log: bench/out/build-floor.log)" >&2; exit 1; }
  fi
  if has proxy; then
    log "building tfc (Release) for the proxy rows"
    dotnet build "$ROOT/src/TwoFactorContracts.Tool/TwoFactorContracts.Tool.csproj" -c Release -nologo -v q >"$OUT/build-tfc.log" 2>&1 \
      || { tail -20 "$OUT/build-tfc.log" >&2; echo "tfc build failed (log: bench/out/build-tfc.log)" >&2; exit 1; }
  fi
  if has before; then build_baseline; fi
}

# The baseline: the mock of commit BASELINE_SHA, published as that commit's run-mock.sh publishes it (Release,
# ReadyToRun) in a temporary git worktree under /tmp, which is removed as soon as the build is copied out (and on
# exit). The build is kept in bench/out/baseline/<commit> (only the latest), so a second run of the same baseline
# does not rebuild it.
BEFORE_DLL=""
build_baseline() {
  local kept="$OUT/baseline/$BASELINE_SHA" dll
  BEFORE_DLL=$(find "$kept" -name TwoFactorContracts.MockServer.dll -print -quit 2>/dev/null || true)
  if [[ -n $BEFORE_DLL ]]; then log "baseline $BASELINE (${BASELINE_SHA:0:7}): reusing bench/out/baseline/${BASELINE_SHA:0:7}…"; return; fi
  log "building the baseline $BASELINE (${BASELINE_SHA:0:7}) in a temporary worktree (Release, ReadyToRun)"
  BASELINE_TREE=$(mktemp -d /tmp/bench-baseline.XXXXXX)
  git -C "$ROOT" worktree add --detach "$BASELINE_TREE/src" "$BASELINE_SHA" >"$OUT/build-before.log" 2>&1 \
    || { cat "$OUT/build-before.log" >&2; exit 1; }
  [[ -x $BASELINE_TREE/src/run-mock.sh ]] || { echo "--baseline: ${BASELINE_SHA:0:7} has no run-mock.sh to build its mock with" >&2; exit 1; }
  "$BASELINE_TREE/src/run-mock.sh" --help >>"$OUT/build-before.log" 2>&1 \
    || { tail -20 "$OUT/build-before.log" >&2; echo "baseline build failed (log: bench/out/build-before.log)" >&2; exit 1; }
  dll=$(find "$BASELINE_TREE/src" -path '*/bin/run-mock/TwoFactorContracts.MockServer.dll' -print -quit)
  [[ -n $dll ]] || { echo "--baseline: no published mock found after the build (log: bench/out/build-before.log)" >&2; exit 1; }
  rm -rf "$OUT/baseline"; mkdir -p "$kept"
  cp -r "$(dirname "$dll")/." "$kept/"
  BEFORE_DLL="$kept/$(basename "$dll")"
  remove_baseline_tree
}

# ---------------------------------------------------------------- servers
# The redis rows' redis-server: its own port and folder under bench/out, no persistence, stopped on exit.
REDIS_URL=""
start_redis() {
  command -v redis-server >/dev/null || { echo "the redis rows need redis-server (apt-get install redis-server)" >&2; exit 1; }
  local port dir="$OUT/redis"
  port=$(free_port); rm -rf "$dir"; mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --save '' --appendonly no >"$OUT/redis.log" 2>&1 &
  PIDS+=($!)
  until [[ "$(redis-cli -p "$port" ping 2>/dev/null)" == PONG ]]; do kill -0 "${PIDS[-1]}" || { cat "$OUT/redis.log" >&2; exit 1; }; sleep 0.01; done
  REDIS_URL="redis://127.0.0.1:$port"
}

# launch SERVER PORT [SEED]: starts one server in the background; sets LAUNCHED to its pid. A redis server's key
# prefix is per port, except redis2's replicas, which share one (SHARED_PREFIX).
launch() {
  local server=$1 port=$2 seed=${3:-documented} cmd
  case "$server" in
    mock)  cmd=(dotnet "$MOCK_DLL" --port "$port" --host 127.0.0.1 --mode stateful --seed "$seed" --quiet) ;;
    before) cmd=(dotnet "$BEFORE_DLL" --port "$port" --host 127.0.0.1 --mode stateful --seed "$seed" --quiet) ;;
    redis|redis2) cmd=(dotnet "$MOCK_DLL" --port "$port" --host 127.0.0.1 --mode stateful --seed "$seed" --quiet
                       --store "$REDIS_URL" --store-prefix "${SHARED_PREFIX:-bench-$port}") ;;
    mockx) cmd=(dotnet "$MOCK_DLL" --port "$port" --host 127.0.0.1 --mode examples --quiet) ;;
    prism) cmd=("$TOOLS/node_modules/.bin/prism" mock "$CONTRACT" -h 127.0.0.1 -p "$port" --errors=false -v error) ;;
    floor) cmd=(dotnet "$FLOOR_DLL" --port "$port" --host 127.0.0.1) ;;
    # The proxy rows' servers, in front of UPSTREAM (their own mock); tfc proxy writes its reports as it runs.
    upstream) cmd=(dotnet "$MOCK_DLL" --port "$port" --host 127.0.0.1 --mode stateful --seed "$seed" --quiet) ;;
    proxy) cmd=(dotnet "$TFC_DLL" proxy --target "$UPSTREAM" --port "$port" --host 127.0.0.1 --profile seed --report-dir "$OUT/proxy-report") ;;
    prismproxy) cmd=("$TOOLS/node_modules/.bin/prism" proxy "$CONTRACT" "$UPSTREAM" -h 127.0.0.1 -p "$port" --errors=false -v error) ;;
  esac
  if [[ -n ${HAS_FLOW[$server]:-} ]]; then cmd+=(--fixed-pin "$FIXED_PIN"); fi
  # A simple command in the background: $! is the server itself (Prism's bin is a node script, exec'd by env).
  "${cmd[@]}" >>"$OUT/$server.log" 2>&1 &
  LAUNCHED=$!
  PIDS+=("$LAUNCHED")
}

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H "Authorization: $AUTH" "$1" 2>/dev/null || true; }

# wait_ready URL PID: polls until the first 200 (at most 60 s); fails if the process died.
wait_ready() {
  local url=$1 pid=$2 deadline=$((SECONDS + 60))
  until [[ "$(status_of "$url")" == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { echo "server (pid $pid) exited before answering $url; see bench/out/*.log" >&2; return 1; }
    (( SECONDS < deadline )) || { echo "no 200 from $url within 60 s" >&2; return 1; }
    sleep 0.005
  done
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print "" }'; }
fmt2() { awk 'NF { printf "%.2f", $1; found = 1 } END { if (!found) print "-" }'; } # a number to 2 places; "-" for none
field() { { grep -o "$1=[0-9]*" || true; } | cut -d= -f2; }
count_ids() { { grep -o '"applicationId"' || true; } | wc -l; }
json_text() { { grep -o "\"$1\" *: *\"[^\"]*\"" || true; } | head -1 | sed 's/.*: *"//; s/"$//'; } # json_text NAME < body
first_id() { { grep -o '"applicationId" *: *"[0-9A-Fa-f]*"' || true; } | head -1 | { grep -o '[0-9A-Fa-f]\{32\}' || true; }; }
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# startup SERVER: median over STARTUPS fresh processes of process start to the first 200 on the list URL, into
# STARTUP_MS[SERVER], and the CPU time the process used until then into STARTUP_CPU_MS[SERVER] (less sensitive to
# other load on the machine than the wall time). Not printed: a $(...) subshell would hide the pids from the trap.
declare -A STARTUP_MS STARTUP_CPU_MS
startup() {
  local server=$1 i port t0 t1 times=() cpu=() tick
  tick=$(getconf CLK_TCK)
  for i in $(seq "$STARTUPS"); do
    port=$(free_port)
    t0=$(date +%s%N)
    launch "$server" "$port"
    wait_ready "http://127.0.0.1:$port$API" "$LAUNCHED"
    t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000000 )))
    cpu+=("$(awk -v t="$tick" '{ sub(/^.*\) /, ""); printf "%.0f", ($12 + $13) * 1000 / t }' "/proc/$LAUNCHED/stat")")
    stop "$LAUNCHED"
  done
  STARTUP_MS[$server]=$(printf '%s\n' "${times[@]}" | median)
  STARTUP_CPU_MS[$server]=$(printf '%s\n' "${cpu[@]}" | median)
}

# ---------------------------------------------------------------- load
# wrk_row SERVER URL ROW FORMAT METHOD PATH BODY AUTH SECONDS [THREADS CONNECTIONS]: one wrk run; prints the RESULT line.
# redis2: two wrk at once, half the threads and connections each, one per replica; one RESULT line for both
# (requests and errors summed, latencies the worse replica's).
wrk_row() {
  if [[ $1 == redis2 && -n ${BASE2:-} ]]; then
    local t=${10:-$THREADS} c=${11:-$CONNECTIONS} a b first
    wrk_row redis2-a "$2" "${@:3:7}" $(( (t + 1) / 2 )) $(( (c + 1) / 2 )) >/dev/null &
    first=$!
    b=$(wrk_row redis2-b "$BASE2" "${@:3:7}" $(( t / 2 > 0 ? t / 2 : 1 )) $(( c / 2 > 0 ? c / 2 : 1 )))
    wait "$first" || true
    a=$({ grep '^RESULT' "$OUT/redis2-a-$3-$4.wrk" || true; } | tail -1)
    local line
    line=$(printf '%s\n%s\n' "$a" "$b" | awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); k[i] = kv[1]; v = kv[2] + 0
        if (kv[1] ~ /^(requests|status_errors|socket_errors)$/) sum[i] += v; else if (v > sum[i]) sum[i] = v } n = NF }
      END { if (n) { printf "RESULT"; for (i = 2; i <= n; i++) printf " %s=%d", k[i], sum[i]; print "" } }')
    printf '%s\n' "$line" >>"$OUT/redis2-$3-$4.wrk"
    echo "$line"
    return
  fi
  local server=$1 base=$2 row=$3 format=$4 method=$5 path=$6 body=$7 auth=$8 secs=$9 t=${10:-$THREADS} c=${11:-$CONNECTIONS}
  BENCH_METHOD=$method BENCH_PATH=$path BENCH_FORMAT=$format BENCH_AUTH=$auth BENCH_BODY=$body \
    timeout $((secs + 40)) wrk -t"$t" -c"$c" -d"${secs}s" --timeout 30s -s "$BENCH/lua/row.lua" "$base$path" \
    >>"$OUT/$server-$row-$format.wrk" 2>&1 || true
  { grep '^RESULT' "$OUT/$server-$row-$format.wrk" || true; } | tail -1
}

# A stateful server gets three applications for the bench account (the documented seed has them) and the id of one.
prepare() {
  local server=$1 base=$2 count
  [[ $server == prism ]] && { echo "$DOC_ID"; return; }
  count=$(curl -s --max-time 10 -H "Authorization: $AUTH" -H 'Accept: application/json' "$base$API" | count_ids || true)
  while (( count < 3 )); do
    curl -s --max-time 5 -o /dev/null -H "Authorization: $AUTH" -H 'Content-Type: application/json' \
      --data-binary @"$OUT/bodies/create.json" "$base$API"
    count=$((count + 1))
  done
  curl -s --max-time 10 -H "Authorization: $AUTH" -H 'Accept: application/json' "$base$API" | first_id
}

# check SERVER BASE ROW FORMAT METHOD PATH BODY AUTH [WANT]: one request before the load, so a row that only
# measures errors is caught: wants an answer of status class WANT (default 2, i.e. 2xx) in the asked-for media type.
check() {
  local server=$1 base=$2 row=$3 format=$4 method=$5 path=$6 body=$7 auth=$8 want=${9:-2} media code type
  media=application/$format
  local args=(-s -o "$OUT/check-$server-$row-$format.body" -w '%{http_code} %{content_type}' --max-time 10
              -X "$method" -H "Authorization: $auth" -H "Accept: $media")
  [[ -n $body ]] && args+=(-H "Content-Type: $media" --data-binary @"$body")
  read -r code type < <(curl "${args[@]}" "$base$path"; echo)
  if [[ $code != "$want"* || $type != *"$format"* ]]; then
    echo "CHECK FAILED: $server $row $format answered $code '$type' (body: bench/out/check-$server-$row-$format.body)" >&2
    printf '%s %s %s answered %s `%s`: `%s`\n' "$server" "$row" "$format" "$code" "$type" "$(head -c 160 "$OUT/check-$server-$row-$format.body" | tr -d '\n')" >>"$OUT/checks-failed.txt"
    echo "fail"
  else
    echo "ok"
  fi
}


# ---------------------------------------------------------------- main
START_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
install_tools
build

# The PIN flow rows run on the servers whose mock has the flow (it takes --fixed-pin) when the contract has it.
FLOW=()
has_flow() { local help; help=$(dotnet "$1" --help 2>&1 || true); [[ $help == *--fixed-pin* ]]; }
if [[ -s $OUT/bodies/send.json ]]; then
  FIXED_PIN=$(cat "$OUT/bodies/fixed-pin.txt") # the contract's verify example's PIN
  # Limits that never trigger during the bench (the largest attempts, intervals within the caps), every verify of
  # the right PIN verified, a TTL longer than the run.
  printf '%s' '{"name":"bench flow","enabled":true,"configuration":{"pinAttempts":2147483647,"allowMultiplePinVerifications":true,"pinTimeToLive":"1d","verifyPinLimit":"2147483647/1d","sendPinPerApplicationLimit":"2147483647/1d","sendPinPerPhoneNumberLimit":"2147483647/1d"}}' >"$OUT/bodies/flow-application.json"
  for s in mock before; do
    has "$s" || continue
    dll=$MOCK_DLL; [[ $s == before ]] && dll=$BEFORE_DLL
    if has_flow "$dll"; then FLOW+=("$s"); HAS_FLOW[$s]=1; fi
  done
fi

ALL=()
for s in mock before redis redis2 prism floor; do has "$s" && ALL+=("$s"); done
{ has redis || has redis2; } && start_redis

for s in "${ALL[@]}"; do
  [[ $s == redis2 ]] && continue # one replica's startup is redis's
  log "startup: $s x $STARTUPS"
  startup "$s"
done
# A replica of redis2 starts as one of redis does: the same figure, or n/a when redis was not run.
if has redis2; then STARTUP_MS[redis2]=${STARTUP_MS[redis]:-n/a}; STARTUP_CPU_MS[redis2]=${STARTUP_CPU_MS[redis]:-n/a}; fi

declare -A BASE PID ID RSS0
BASE2=""
for s in "${ALL[@]}"; do
  port=$(free_port)
  if [[ $s == redis2 ]]; then # the second replica first, on the prefix both share
    SHARED_PREFIX=bench-replicas-$port; port2=$(free_port)
    launch redis2 "$port2"; wait_ready "http://127.0.0.1:$port2$API" "$LAUNCHED"; PID2=$LAUNCHED
  fi
  launch "$s" "$port"
  unset SHARED_PREFIX
  [[ $s == redis2 ]] && BASE2="http://127.0.0.1:$port2"
  PID[$s]=$LAUNCHED
  BASE[$s]="http://127.0.0.1:$port"
  wait_ready "${BASE[$s]}$API" "${PID[$s]}"
  ID[$s]=$(prepare "$s" "${BASE[$s]}")
  RSS0[$s]=$(rss_mb "${PID[$s]}") # before any load: the base of bytes per stored application
  [[ -n ${ID[$s]} ]] || { echo "$s: found no application id to get and update (list: ${BASE[$s]}$API)" >&2; exit 1; }
  log "$s listening on ${BASE[$s]} (pid ${PID[$s]}), get/update id ${ID[$s]}"
done

# Sets method, path, body and auth for a row against server $s.
row_request() {
  case $row in
    list)   method=GET;  path=$API;            body="";                          auth=$AUTH ;;
    get)    method=GET;  path=$API/${ID[$s]};  body="";                          auth=$AUTH ;;
    update) method=PUT;  path=$API/${ID[$s]};  body="$OUT/bodies/update.$format"; auth=$AUTH ;;
    create) method=POST; path=$API;            body="$OUT/bodies/create.$format"; auth=$AUTH_CREATE ;;
  esac
  want=2
}

# stored_by_creates SERVER: the applications its create rows stored so far, from wrk's own totals (2xx answers):
# listing 400k+ applications is itself a load.
stored_by_creates() {
  { cat "$OUT/$1"{,-a,-b}-create-{json,xml}.wrk 2>/dev/null || true; } | awk '/ requests in / { r += $1 } /Non-2xx/ { e += $NF } END { print r - e }'
}
# After the create json warm-up: VmRSS and the count stored, the base of the marginal bytes per stored application
# (the runtime's code, pools and the collector's budgets have grown by then; what grows after is the records).
declare -A RSSW STOREDW
mark_memory() {
  local s
  for s in "$@"; do
    [[ $s == prism ]] && continue
    RSSW[$s]=$(rss_mb "${PID[$s]}"); STOREDW[$s]=$(stored_by_creates "$s")
  done
}

# Measures every row ("row format") of the array named $1 on every server of the array named $2: one checked request
# and a warm-up each, then $RUNS runs interleaved across servers (every other run in reverse order, so a drift of
# the machine's load does not favour the server that comes first), their wrk lines appended to $3. $4 sets the request
# (method, path, body, auth, want) from $row, $format and $s; $5 prefixes the row in file names and in CHECK's keys.
measure_rows() {
  local -n rows_=$1 servers_=$2
  local raw=$3 request=$4 tag=$5 entry run line order i
  for entry in "${rows_[@]}"; do
    read -r row format <<<"$entry"
    for s in "${servers_[@]}"; do
      $request
      CHECK[$tag$s/$row/$format]=$(check "$s" "${BASE[$s]}" "$tag$row" "$format" "$method" "$path" "$body" "$auth" "$want")
      log "$tag$row $format: $s warm-up"
      wrk_row "$s" "${BASE[$s]}" "$tag$row" "$format" "$method" "$path" "$body" "$auth" "$WARMUP" >/dev/null
    done
    if [[ -z $tag && $row == create && $format == json ]]; then mark_memory "${servers_[@]}"; fi
    for run in $(seq "$RUNS"); do
      order=("${servers_[@]}")
      if (( run % 2 == 0 )); then order=(); for (( i = ${#servers_[@]} - 1; i >= 0; i-- )); do order+=("${servers_[i]}"); done; fi
      for s in "${order[@]}"; do
        $request
        line=$(wrk_row "$s" "${BASE[$s]}" "$tag$row" "$format" "$method" "$path" "$body" "$auth" "$DURATION")
        log "$tag$row $format: $s run $run: ${line:-no result (see bench/out/$s-$tag$row-$format.wrk)}"
        printf '%s\t%s\t%s\t%s\n' "$s" "$row" "$format" "$line" >>"$raw"
      done
    done
  done
}

# Rows: reads first, then updates, then creates, so the applications the create rows store (in their own account)
# cannot slow the other rows. Runs are interleaved across servers so drift on the shared machine hits all alike.
ROWS=("list json" "list xml" "get json" "get xml" "update json" "update xml" "create json" "create xml")
RAW="$OUT/rows.tsv"
: >"$RAW"
declare -A CHECK
measure_rows ROWS ALL "$RAW" row_request ""

# Memory right after the create rows, before the PIN flow rows add pins of their own.
declare -A RSS STORED
for s in "${ALL[@]}"; do
  RSS[$s]=$(rss_mb "${PID[$s]}")
  if [[ $s == prism ]]; then STORED[$s]="-"; else
    STORED[$s]=$(stored_by_creates "$s")
  fi
done

# ---------------------------------------------------------------- PIN flow (issue 15): send and verify vs the floor's create
# Setup per server, in an account of its own: one application whose limits never trigger during the bench, one
# template (the contract's `basic`), and one PIN sent; the mock runs with --fixed-pin, so the verify row sends the
# right PIN, and allowMultiplePinVerifications keeps every verify `verified: true`. The floor has no flow: by the
# issue's wording its create row is the yardstick, measured here interleaved with send and verify (rows `send` and
# `verify` of server floor are its create, in the same format).
# Verify rows first: the mock keeps a bounded number of pins per account (the oldest forgotten), so the send rows'
# pins must not push out the one the verify rows verify.
FLOW_ROWS=("verify json" "verify xml" "send json" "send xml")
FLOW_RAW="$OUT/flow-rows.tsv"
: >"$FLOW_RAW"
declare -A FLOW_PIN
flow_setup() { # flow_setup SERVER: writes its send and verify bodies, sets FLOW_PIN[SERVER]; fails with one line
  local s=$1 base=${BASE[$1]} app msg answer f json=(-H 'Content-Type: application/json' -H 'Accept: application/json')
  app=$(curl -s --max-time 10 -H "Authorization: $AUTH_FLOW" "${json[@]}" --data-binary @"$OUT/bodies/flow-application.json" "$base$API" | first_id)
  [[ -n $app ]] || { echo "$s: the PIN flow setup could not create its application" >&2; return 1; }
  msg=$(curl -s --max-time 10 -H "Authorization: $AUTH_FLOW" "${json[@]}" --data-binary @"$OUT/bodies/template.json" "$base$API/$app/messages" | json_text messageId)
  [[ -n $msg ]] || { echo "$s: the PIN flow setup could not create its template" >&2; return 1; }
  for f in json xml; do
    sed "s/@APPLICATION_ID@/$app/g; s/@MESSAGE_ID@/$msg/g" "$OUT/bodies/send.$f" >"$OUT/bodies/send-$s.$f"
    sed "s/@PIN@/$FIXED_PIN/g" "$OUT/bodies/verify.$f" >"$OUT/bodies/verify-$s.$f"
  done
  FLOW_PIN[$s]=$(curl -s --max-time 10 -H "Authorization: $AUTH_FLOW" "${json[@]}" --data-binary @"$OUT/bodies/send-$s.json" "$base/2fa/2/pin" | json_text pinId)
  [[ -n ${FLOW_PIN[$s]} ]] || { echo "$s: the PIN flow setup could not send a PIN" >&2; return 1; }
  answer=$(curl -s --max-time 10 -H "Authorization: $AUTH_FLOW" "${json[@]}" --data-binary @"$OUT/bodies/verify-$s.json" "$base/2fa/2/pin/${FLOW_PIN[$s]}/verify")
  [[ $answer == *'"verified":true'* || $answer == *'"verified": true'* ]] \
    || { echo "$s: the fixed PIN did not verify (answer: ${answer:0:200})" >&2; return 1; }
}
flow_request() {
  if [[ $s == floor ]]; then
    method=POST path=$API body="$OUT/bodies/create.$format" auth=$AUTH_CREATE
  elif [[ $row == send ]]; then
    method=POST path=/2fa/2/pin body="$OUT/bodies/send-$s.$format" auth=$AUTH_FLOW
  else
    method=POST path=/2fa/2/pin/${FLOW_PIN[$s]}/verify body="$OUT/bodies/verify-$s.$format" auth=$AUTH_FLOW
  fi
  want=2
}
FLOW_ALL=(); FLOW_FAILED=()
for s in "${FLOW[@]}"; do
  if flow_setup "$s" 2>>"$OUT/flow-setup.log"; then FLOW_ALL+=("$s"); log "$s: PIN flow ready, pinId ${FLOW_PIN[$s]}"
  else FLOW_FAILED+=("$s"); log "$s: PIN flow setup failed: $(tail -1 "$OUT/flow-setup.log")"; fi
done
if (( ${#FLOW_ALL[@]} )); then
  has floor && FLOW_ALL+=(floor)
  measure_rows FLOW_ROWS FLOW_ALL "$FLOW_RAW" flow_request flow-
fi

# ---------------------------------------------------------------- examples mode: the mock's WireMock case stubs vs Prism
# The same documented requests to the mock in --mode examples (answered by WireMock stubs built from the contract)
# and to Prism (which also answers from the contract's examples): list, get, create basic, create missingName (400).
EX_ROWS=("list json" "list xml" "get json" "get xml" "create json" "create xml" "create-missingName json" "create-missingName xml")
EX_RAW="$OUT/examples-rows.tsv"
: >"$EX_RAW"
EX_ALL=()
if has mockx; then
  port=$(free_port)
  launch mockx "$port"
  PID[mockx]=$LAUNCHED; BASE[mockx]="http://127.0.0.1:$port"; ID[mockx]=$DOC_ID
  wait_ready "${BASE[mockx]}$API" "${PID[mockx]}"
  EX_ALL+=(mockx)
  has prism && EX_ALL+=(prism)
fi
ex_request() {
  case $row in
    list)   method=GET;  path=$API;            body="" ;;
    get)    method=GET;  path=$API/$DOC_ID;    body="" ;;
    create) method=POST; path=$API;            body="$OUT/bodies/create.$format" ;;
    create-missingName) method=POST; path=$API; body="$OUT/bodies/create-missingName.$format" ;;
  esac
  auth=$AUTH want=2
  if [[ $row == create-missingName ]]; then want=4; fi
}
(( ${#EX_ALL[@]} )) && measure_rows EX_ROWS EX_ALL "$EX_RAW" ex_request ex-
if has mockx; then stop "${PID[mockx]}"; fi

# ---------------------------------------------------------------- proxy (issue 23): tfc proxy and Prism's proxy vs direct
# One upstream mock of their own. `direct` is that mock asked directly; `proxy` is tfc proxy in front of it as a user
# runs it (profile seed, every exchange judged both ways and appended to exchanges.jsonl); `prismproxy` is Prism
# 5.16's `prism proxy` (it validates both ways too) in front of the same mock. The same requests, interleaved, so
# the overhead is proxy's p50 minus direct's in the same run, and the ratio proxy/prismproxy is measured back to back.
PX_ROWS=("list json" "list xml" "get json" "get xml" "create json" "create xml")
PX_RAW="$OUT/proxy-rows.tsv"
# The overhead a request sees: one connection, so no request waits behind another (at -c32 on two shared cores the
# p50 is the queue, set by throughput, not what the proxy adds to one request).
PX_LAT_ROWS=("get json" "get xml" "list json" "create json")
PX_LAT_RAW="$OUT/proxy-latency-rows.tsv"
SOAK_TSV="$OUT/proxy-soak.tsv"
: >"$PX_RAW"; : >"$PX_LAT_RAW"; : >"$SOAK_TSV"
PX_ALL=()
UPSTREAM=""
if has proxy; then
  port=$(free_port)
  launch upstream "$port"
  PID[direct]=$LAUNCHED; BASE[direct]="http://127.0.0.1:$port"; UPSTREAM=${BASE[direct]}
  wait_ready "$UPSTREAM$API" "${PID[direct]}"
  rm -rf "$OUT/proxy-report"
  for s in proxy prismproxy; do
    port=$(free_port); launch "$s" "$port"
    PID[$s]=$LAUNCHED; BASE[$s]="http://127.0.0.1:$port"
    wait_ready "${BASE[$s]}$API" "${PID[$s]}"
  done
  ID[direct]=$(prepare direct "$UPSTREAM"); ID[proxy]=${ID[direct]}; ID[prismproxy]=${ID[direct]}
  [[ -n ${ID[direct]} ]] || { echo "proxy rows: found no application id on the upstream mock" >&2; exit 1; }
  PX_ALL=(direct proxy prismproxy)
  log "proxy rows: upstream $UPSTREAM, tfc proxy ${BASE[proxy]}, prism proxy ${BASE[prismproxy]}"
  measure_rows PX_ROWS PX_ALL "$PX_RAW" row_request px-
  PX_LAT=(direct proxy)
  saved=("$THREADS" "$CONNECTIONS"); THREADS=1; CONNECTIONS=1
  measure_rows PX_LAT_ROWS PX_LAT "$PX_LAT_RAW" row_request pxlat-
  THREADS=${saved[0]}; CONNECTIONS=${saved[1]}

  # The soak: tfc proxy alone for PROXY_SOAK minutes in ten equal intervals of the get json row, its RSS, the live
  # file's size and the interval's p50 sampled after each. Flat RSS means the reports stream to disk.
  if [[ $PROXY_SOAK != 0 ]]; then
    stop "${PID[prismproxy]}"
    interval=$(awk -v m="$PROXY_SOAK" 'BEGIN { s = int(m * 60 / 10 + 0.5); print (s < 1 ? 1 : s) }')
    log "proxy soak: $PROXY_SOAK min as 10 intervals of $interval s (get json through tfc proxy)"
    printf '0\t%s\t%s\t\n' "$(rss_mb "${PID[proxy]}")" "$(du -k "$OUT/proxy-report/exchanges.jsonl" | cut -f1)" >>"$SOAK_TSV"
    for i in $(seq 10); do
      line=$(wrk_row proxy "${BASE[proxy]}" soak json GET "$API/${ID[direct]}" "" "$AUTH" "$interval")
      printf '%s\t%s\t%s\t%s\n' "$i" "$(rss_mb "${PID[proxy]}")" "$(du -k "$OUT/proxy-report/exchanges.jsonl" | cut -f1)" "$line" >>"$SOAK_TSV"
      log "proxy soak $i/10: RSS $(rss_mb "${PID[proxy]}") MB, ${line:-no result}"
    done
  else
    stop "${PID[prismproxy]}"
  fi
  stop "${PID[proxy]}"; stop "${PID[direct]}"
fi

for s in "${ALL[@]}"; do
  stop "${PID[$s]}"
  [[ $s == redis2 ]] && stop "$PID2"
done

# ---------------------------------------------------------------- scale: one account grows to 10 / 10k / 100k
# load_applications BASE N: stores N more applications in the scale account through the API, with wrk.
load_applications() {
  local base=$1 n=$2 done_file="$OUT/load.done" wrk_pid deadline=$((SECONDS + 280))
  rm -f "$done_file"
  BENCH_COUNT=$n BENCH_PATH=$API BENCH_AUTH=$AUTH_SCALE BENCH_BODY="$OUT/bodies/create.json" BENCH_DONE_FILE=$done_file \
    wrk -t1 -c8 -d280s --timeout 10s -s "$BENCH/lua/load.lua" "$base$API" >>"$OUT/load.wrk" 2>&1 &
  wrk_pid=$!
  PIDS+=("$wrk_pid")
  while [[ ! -e $done_file ]] && kill -0 "$wrk_pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.05; done
  kill -INT "$wrk_pid" 2>/dev/null || true # wrk ends early on SIGINT and prints its summary
  for _ in $(seq 50); do kill -0 "$wrk_pid" 2>/dev/null || break; sleep 0.1; done
  stop "$wrk_pid"
}

SCALE="$OUT/scale.tsv"
: >"$SCALE"
scale() {
  local server=$1 port base pid id have size line list_line
  port=$(free_port); base="http://127.0.0.1:$port"
  launch "$server" "$port" empty; pid=$LAUNCHED
  wait_ready "$base$API" "$pid"
  id=$(curl -s --max-time 5 -H "Authorization: $AUTH_SCALE" -H 'Content-Type: application/json' \
        --data-binary @"$OUT/bodies/create.json" "$base$API" | first_id)
  have=1
  for size in $SCALE_SIZES; do
    (( size > have )) && load_applications "$base" $((size - have))
    have=$(curl -s --max-time 120 -H "Authorization: $AUTH_SCALE" -H 'Accept: application/json' "$base$API" | count_ids || true)
    log "scale $server: $have applications stored"
    line=$(wrk_row "$server" "$base" "scale-get-$size" json GET "$API/$id" "" "$AUTH_SCALE" "$DURATION")
    # A list of 100k is tens of MB: one connection, one thread, so the latency is the list's own.
    list_line=$(wrk_row "$server" "$base" "scale-list-$size" json GET "$API" "" "$AUTH_SCALE" "$DURATION" 1 1)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$server" "$size" "$have" "$(rss_mb "$pid")" "$line" "$list_line" >>"$SCALE"
  done
  stop "$pid"
}
for s in mock floor; do
  has "$s" || continue
  log "scale: $s"
  scale "$s"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
us_ms() { awk -v u="$1" 'BEGIN { if (u == "") print "-"; else printf "%.2f", u / 1000 }'; }
# stat SERVER ROW FORMAT KEY: the median of KEY over the runs (req/s is computed from requests and duration).
stat() {
  local lines
  lines=$(awk -F'\t' -v s="$1" -v r="$2" -v f="$3" '$1 == s && $2 == r && $3 == f { print $4 }' "${STAT_FILE:-$RAW}")
  if [[ $4 == rps ]]; then
    { grep -o 'requests=[0-9]* duration_us=[0-9]*' <<<"$lines" || true; } | awk -F'[= ]' '$4 > 0 { printf "%.0f\n", $2 / ($4 / 1e6) }' | median
  else
    field "$4" <<<"$lines" | median
  fi
}
# per_stored SERVER: (VmRSS after the load - before it) / applications stored, in bytes; "-" when nothing was stored.
per_stored() { awk -v r="${RSS[$1]}" -v r0="${RSS0[$1]:-}" -v n="${STORED[$1]}" 'BEGIN { if (r0 == "" || n == "-" || n + 0 <= 0) print "-"; else printf "%.0f", (r - r0) * 1048576 / n }'; }
# marginal SERVER: (VmRSS after the load - after the create json warm-up) / applications stored in between.
marginal() { awk -v r="${RSS[$1]}" -v r0="${RSSW[$1]:-}" -v n="${STORED[$1]}" -v n0="${STOREDW[$1]:-}" 'BEGIN { if (r0 == "" || n == "-" || n - n0 <= 0) print "-"; else printf "%.0f", (r - r0) * 1048576 / (n - n0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }
# paired_ratios SERVER_A SERVER_B ROW FORMAT: A's req/s over B's in each run (A and B measured back to back), sorted,
# one a line.
paired_ratios() {
  awk -F'\t' -v a="$1" -v b="$2" -v r="$3" -v f="$4" '
    $2 == r && $3 == f && ($1 == a || $1 == b) && match($4, /requests=[0-9]+ duration_us=[0-9]+/) {
      split(substr($4, RSTART, RLENGTH), kv, /[= ]/); rps = kv[4] > 0 ? kv[2] / (kv[4] / 1e6) : 0
      if ($1 == a) ra[++na] = rps; else rb[++nb] = rps }
    END { for (i = 1; i <= na && i <= nb; i++) if (rb[i] > 0) print ra[i] / rb[i] }' "${STAT_FILE:-$RAW}" | sort -g
}
# paired SERVER_A SERVER_B ROW FORMAT: the median of paired_ratios, steadier than the ratio of the medians when the
# machine's load drifts.
paired() { paired_ratios "$@" | median | fmt2; }
# paired_interval SERVER_A SERVER_B ROW FORMAT: "low-high", an interval that holds the true median of the paired
# ratio with at least 95% confidence (the k-th smallest and k-th largest run, k from the binomial distribution, no
# assumption on the noise's shape); "-" below 6 runs, too few for one.
paired_interval() {
  paired_ratios "$@" | awk '{ v[NR] = $1 } END {
    n = NR; k = 0; p = 0.5 ^ n; cdf = 0 # p: P(Binomial(n, 1/2) = i), from i = 0 up
    for (i = 0; i < n; i++) { cdf += p; if (cdf > 0.025) break; k = i + 1; p *= (n - i) / (i + 1) }
    if (k < 1) print "-"; else printf "%.2f-%.2f", v[k], v[n + 1 - k] }'
}
# paired_diff SERVER_A SERVER_B ROW FORMAT KEY: the median over the runs of A's KEY minus B's in the same run, in ms
# (KEY in microseconds; A and B measured back to back), from the proxy rows (PX_FILE: another table of them).
paired_diff() {
  awk -F'\t' -v a="$1" -v b="$2" -v r="$3" -v f="$4" -v k="$5" '
    $2 == r && $3 == f && ($1 == a || $1 == b) && match($4, k "=[0-9]+") {
      split(substr($4, RSTART, RLENGTH), kv, "="); if ($1 == a) va[++na] = kv[2]; else vb[++nb] = kv[2] }
    END { for (i = 1; i <= na && i <= nb; i++) print (va[i] - vb[i]) / 1000 }' "${PX_FILE:-$PX_RAW}" | median | fmt2
}
# paired_rows ROW...: "row format ratio interval" for each row measured on both mock and before (paired; STAT_FILE:
# which table).
paired_rows() {
  local entry row format r
  for entry in "$@"; do
    read -r row format <<<"$entry"
    r=$(paired mock before "$row" "$format")
    [[ $r == - ]] || echo "$row $format $r $(paired_interval mock before "$row" "$format")"
  done
}
# worst_row [ratio] < paired_rows: the lowest row as "row format ratiox (95% interval low-high)", or its ratio alone.
worst_row() {
  sort -k3,3g | awk -v only="${1:-}" 'NF { if (only == "ratio") print $3; else printf "%s %s %sx (95%% interval %s)", $1, $2, $3, $4; found = 1; exit }
    END { if (!found) print (only == "ratio" ? "-" : "none") }'
}
# The flow rows ran on both mock and before (a baseline commit with the flow).
flow_has_before() { [[ " ${FLOW_ALL[*]} " == *" mock "* && " ${FLOW_ALL[*]} " == *" before "* ]]; }
# met VALUE TARGET ge|lt: yes when VALUE >= (ge) or < (lt) TARGET, "-" when not measured.
met() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { if (v == "" || v == "-") print "-"; else if ((dir == "ge" && v + 0 >= t) || (dir == "lt" && v + 0 < t)) print "yes"; else print "**no**" }'; }

{
  echo "# Benchmark results"
  echo
  echo "Tables produced by \`bench/run.sh$([[ $MODE == quick ]] && echo ' --quick')\` on $START_DATE (do not edit them by hand: run it again);"
  echo "the closing findings come from bench/findings.md."
  echo
  echo "## Machine"
  echo "| what | value |"
  echo "|---|---|"
  echo "| CPU | $(lscpu | sed -n 's/^Model name: *//p' | head -1), nproc $(nproc) |"
  echo "| memory | $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) |"
  echo "| kernel | $(uname -r) |"
  echo "| commit measured | $(git -C "$ROOT" log -1 --format='%h %s' | cut -c1-90)$([[ -n "$(git -C "$ROOT" status --porcelain -- src MockServer openapi)" ]] && echo ' (working tree modified)') |"
  has before && echo "| baseline (server \`before\`, --baseline $BASELINE) | $(git -C "$ROOT" log -1 --format='%h %s' "$BASELINE_SHA" | cut -c1-90) |"
  echo "| load average (1/5/15 min) before / after | $LOAD_BEFORE / $LOAD_AFTER |"
  echo "| .NET SDK | $(dotnet --version) |"
  echo "| Node | $(node --version) |"
  echo "| Prism | $("$TOOLS/node_modules/.bin/prism" --version 2>/dev/null || echo -) |"
  echo "| wrk | $({ wrk -v 2>&1 || true; } | head -1 | awk '{ print $2 }') |"
  echo "| load | wrk -t$THREADS -c$CONNECTIONS, $RUNS x ${DURATION} s per row and server after ${WARMUP} s warm-up, medians; wrk shares the $(nproc) cores |"
  echo
  echo "## Throughput and latency"
  echo "req/s, p50 and p99 in ms; each a median of $RUNS runs. Ratios are req/s."
  echo
  printf '| row |'; for s in "${ALL[@]}"; do printf ' %s req/s | %s p50 | %s p99 |' "$s" "$s" "$s"; done
  has mock && has prism && printf ' mock/Prism |'; has mock && has floor && printf ' mock/floor |'; has mock && has before && printf ' mock/before |'
  for r in redis redis2; do has $r && has prism && printf ' %s/Prism |' $r; has $r && has mock && printf ' %s/mock |' $r; done; echo
  printf '|---|'; for s in "${ALL[@]}"; do printf -- '---:|---:|---:|'; done
  has mock && has prism && printf -- '---:|'; has mock && has floor && printf -- '---:|'; has mock && has before && printf -- '---:|'
  for r in redis redis2; do has $r && has prism && printf -- '---:|'; has $r && has mock && printf -- '---:|'; done; echo
  for entry in "${ROWS[@]}"; do
    read -r row format <<<"$entry"
    printf '| %s %s |' "$row" "$format"
    for s in "${ALL[@]}"; do
      flag=""; [[ ${CHECK[$s/$row/$format]} == ok ]] || flag=" (check failed)"
      errs=$(stat "$s" "$row" "$format" status_errors); [[ -n $errs && $errs != 0 ]] && flag+=" ($errs non-2xx)"
      printf ' %s%s | %s | %s |' "$(stat "$s" "$row" "$format" rps)" "$flag" \
        "$(us_ms "$(stat "$s" "$row" "$format" p50_us)")" "$(us_ms "$(stat "$s" "$row" "$format" p99_us)")"
    done
    has mock && has prism && printf ' %s |' "$(ratio "$(stat mock "$row" "$format" rps)" "$(stat prism "$row" "$format" rps)")"
    has mock && has floor && printf ' %s |' "$(ratio "$(stat mock "$row" "$format" rps)" "$(stat floor "$row" "$format" rps)")"
    has mock && has before && printf ' %s |' "$(paired mock before "$row" "$format")"
    for r in redis redis2; do
      has $r && has prism && printf ' %s |' "$(ratio "$(stat $r "$row" "$format" rps)" "$(stat prism "$row" "$format" rps)")"
      has $r && has mock && printf ' %s |' "$(ratio "$(stat $r "$row" "$format" rps)" "$(stat mock "$row" "$format" rps)")"
    done
    echo
  done
  echo
  if (( ${#FLOW_FAILED[@]} )); then
    echo "## PIN flow setup failed"
    echo "No flow rows for ${FLOW_FAILED[*]}: $(tail -"${#FLOW_FAILED[@]}" "$OUT/flow-setup.log" | tr '\n' ' ')"
    echo
  fi
  if (( ${#FLOW_ALL[@]} )); then
    echo "## PIN flow (issue 15): send and verify against the floor's create"
    echo "POST /2fa/2/pin (send, the contract's \`basic\` request) and POST /2fa/2/pin/{pinId}/verify (the right PIN, always"
    echo "\`verified: true\`); the floor has no flow, so its columns are its create row in the same format, measured"
    echo "interleaved with these. req/s, p50 and p99 in ms; each a median of $RUNS runs. The ratio is the median over the"
    echo "runs of the two req/s measured back to back (mock/before too). Issue 15's target: >= 0.8x."
    echo
    flow_before=""; flow_has_before && flow_before=1
    printf '| row |'; for s in "${FLOW_ALL[@]}"; do
      [[ $s == floor ]] && printf ' floor create req/s | floor create p50 | floor create p99 |' || printf ' %s req/s | %s p50 | %s p99 |' "$s" "$s" "$s"
    done
    if has floor; then for s in "${FLOW_ALL[@]:0:${#FLOW_ALL[@]}-1}"; do printf ' %s/floor create |' "$s"; done; fi
    [[ -n $flow_before ]] && printf ' mock/before |'; echo
    printf '|---|'; for s in "${FLOW_ALL[@]}"; do printf -- '---:|---:|---:|'; done
    if has floor; then for s in "${FLOW_ALL[@]:0:${#FLOW_ALL[@]}-1}"; do printf -- '---:|'; done; fi
    [[ -n $flow_before ]] && printf -- '---:|'; echo
    for entry in "${FLOW_ROWS[@]}"; do
      read -r row format <<<"$entry"
      printf '| %s %s |' "$row" "$format"
      for s in "${FLOW_ALL[@]}"; do
        flag=""; [[ ${CHECK[flow-$s/$row/$format]} == ok ]] || flag=" (check failed)"
        errs=$(STAT_FILE=$FLOW_RAW stat "$s" "$row" "$format" status_errors); [[ -n $errs && $errs != 0 ]] && flag+=" ($errs non-2xx)"
        printf ' %s%s | %s | %s |' "$(STAT_FILE=$FLOW_RAW stat "$s" "$row" "$format" rps)" "$flag" \
          "$(us_ms "$(STAT_FILE=$FLOW_RAW stat "$s" "$row" "$format" p50_us)")" "$(us_ms "$(STAT_FILE=$FLOW_RAW stat "$s" "$row" "$format" p99_us)")"
      done
      if has floor; then for s in "${FLOW_ALL[@]:0:${#FLOW_ALL[@]}-1}"; do # floor is last
        printf ' %s |' "$(STAT_FILE=$FLOW_RAW paired "$s" floor "$row" "$format")"
      done; fi
      [[ -n $flow_before ]] && printf ' %s |' "$(STAT_FILE=$FLOW_RAW paired mock before "$row" "$format")"
      echo
    done
    echo
  elif has mock && (( ! ${#FLOW_FAILED[@]} )); then
    echo "## PIN flow (issue 15)"
    echo "Not measured: $( [[ -s $OUT/bodies/send.json ]] && echo "the mock measured has no --fixed-pin (no PIN flow)" || echo "the contract has no sendPinOverSms/verifyPin")."
    echo
  fi
  if [[ -s $EX_RAW ]]; then
    echo "## Examples mode (\`--mode examples\`, answered by the contract's WireMock stubs) vs Prism"
    echo "The documented requests; create missingName is answered 400 by both (its documented example). req/s, p50"
    echo "and p99 in ms; each a median of $RUNS runs."
    echo
    printf '| row |'; for s in "${EX_ALL[@]}"; do printf ' %s req/s | %s p50 | %s p99 |' "$s" "$s" "$s"; done
    has prism && printf ' mockx/Prism |'; echo
    printf '|---|'; for s in "${EX_ALL[@]}"; do printf -- '---:|---:|---:|'; done; has prism && printf -- '---:|'; echo
    worst_ex=""
    for entry in "${EX_ROWS[@]}"; do
      read -r row format <<<"$entry"
      printf '| %s %s |' "$row" "$format"
      for s in "${EX_ALL[@]}"; do
        flag=""; [[ ${CHECK[ex-$s/$row/$format]} == ok ]] || flag=" (check failed)"
        printf ' %s%s | %s | %s |' "$(STAT_FILE=$EX_RAW stat "$s" "$row" "$format" rps)" "$flag" \
          "$(us_ms "$(STAT_FILE=$EX_RAW stat "$s" "$row" "$format" p50_us)")" "$(us_ms "$(STAT_FILE=$EX_RAW stat "$s" "$row" "$format" p99_us)")"
      done
      if has prism; then
        r=$(ratio "$(STAT_FILE=$EX_RAW stat mockx "$row" "$format" rps)" "$(STAT_FILE=$EX_RAW stat prism "$row" "$format" rps)")
        printf ' %s |' "$r"; worst_ex=$(printf '%s\n%s\n' "$worst_ex" "$r" | sed '/^$/d' | sort -g | head -1)
      fi
      echo
    done
    has prism && echo && echo "Issue 11 target: >= 2x Prism on every examples row; worst row ${worst_ex}x."
    echo
  fi
  if [[ -s $PX_RAW ]]; then
    echo "## Proxy (issue 23): tfc proxy and Prism's proxy in front of the same mock"
    echo "\`direct\` is the upstream mock asked directly; \`proxy\` is \`tfc proxy --profile seed\` in front of it (every exchange"
    echo "judged, both ways, and written to exchanges.jsonl); \`prismproxy\` is Prism $PRISM_VERSION's \`prism proxy\` in front of the"
    echo "same mock. Load wrk -t$THREADS -c$CONNECTIONS; req/s, p50 and p99 in ms, medians of $RUNS runs; proxy/Prism: the median"
    echo "over the runs of the two req/s measured back to back; under load: proxy's p50 minus direct's, the same way."
    echo
    echo "| row | direct req/s | direct p50 | proxy req/s | proxy p50 | proxy p99 | prismproxy req/s | prismproxy p50 | p50 under load, proxy - direct (ms) | proxy/Prism |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    worst_over=""; worst_px=""
    for entry in "${PX_ROWS[@]}"; do
      read -r row format <<<"$entry"
      over=$(PX_FILE=$PX_RAW paired_diff proxy direct "$row" "$format" p50_us)
      px=$(STAT_FILE=$PX_RAW paired proxy prismproxy "$row" "$format")
      worst_px=$(printf '%s\n%s\n' "$worst_px" "$px" | sed '/^$/d;/^-$/d' | sort -g | head -1)
      printf '| %s %s |' "$row" "$format"
      for s in direct proxy prismproxy; do
        flag=""; [[ ${CHECK[px-$s/$row/$format]} == ok ]] || flag=" (check failed)"
        printf ' %s%s | %s |' "$(STAT_FILE=$PX_RAW stat "$s" "$row" "$format" rps)" "$flag" "$(us_ms "$(STAT_FILE=$PX_RAW stat "$s" "$row" "$format" p50_us)")"
        [[ $s == proxy ]] && printf ' %s |' "$(us_ms "$(STAT_FILE=$PX_RAW stat "$s" "$row" "$format" p99_us)")"
      done
      printf ' %s | %s |\n' "$over" "$px"
    done
    echo
    echo "Overhead one request sees (wrk -t1 -c1: no request waits behind another), p50 and p99 in ms, medians of $RUNS runs;"
    echo "the overhead is the median over the runs of proxy's p50 minus direct's, measured back to back."
    echo
    echo "| row | direct p50 | direct p99 | proxy p50 | proxy p99 | p50 overhead (ms) |"
    echo "|---|---:|---:|---:|---:|---:|"
    for entry in "${PX_LAT_ROWS[@]}"; do
      read -r row format <<<"$entry"
      over=$(PX_FILE=$PX_LAT_RAW paired_diff proxy direct "$row" "$format" p50_us)
      worst_over=$(printf '%s\n%s\n' "$worst_over" "$over" | sed '/^$/d;/^-$/d' | sort -g | tail -1)
      printf '| %s %s |' "$row" "$format"
      for s in direct proxy; do
        printf ' %s | %s |' "$(us_ms "$(STAT_FILE=$PX_LAT_RAW stat "$s" "$row" "$format" p50_us)")" "$(us_ms "$(STAT_FILE=$PX_LAT_RAW stat "$s" "$row" "$format" p99_us)")"
      done
      printf ' %s |\n' "$over"
    done
    echo
    echo "| issue 23 target | measured | met |"
    echo "|---|---|---|"
    echo "| tfc proxy adds <= 1 ms to p50 against a direct request (one connection) | worst row +${worst_over:--} ms | $(met "$worst_over" 1.0001 lt) |"
    echo "| >= 5x the req/s of Prism's proxy on list, get and create, JSON and XML | worst row ${worst_px:--}x | $(met "$worst_px" 5 ge) |"
    if [[ -s $SOAK_TSV ]]; then
      echo
      echo "### Proxy soak ($PROXY_SOAK min, get json through tfc proxy, wrk -t$THREADS -c$CONNECTIONS)"
      echo "| interval | tfc proxy VmRSS | exchanges.jsonl | req/s | p50 | p99 |"
      echo "|---:|---:|---:|---:|---:|---:|"
      while IFS=$'\t' read -r i rss kb line; do
        rps=$({ grep -o 'requests=[0-9]* duration_us=[0-9]*' <<<"$line" || true; } | awk -F'[= ]' '$4 > 0 { printf "%.0f", $2 / ($4 / 1e6) }')
        echo "| $i | $rss MB | $(awk -v k="$kb" 'BEGIN { printf "%.1f MB", k / 1024 }') | ${rps:--} | $(us_ms "$(field p50_us <<<"$line")") | $(us_ms "$(field p99_us <<<"$line")") |"
      done <"$SOAK_TSV"
      read -r rss1 p1 < <(awk -F'\t' '$1 == 1 { print $2, $4 }' "$SOAK_TSV" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^p50_us=/) { split($i, kv, "="); p = kv[2] } print $1, p }')
      read -r rssn pn < <(awk -F'\t' '$1 == 10 { print $2, $4 }' "$SOAK_TSV" | awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^p50_us=/) { split($i, kv, "="); p = kv[2] } print $1, p }')
      echo
      echo "Drift from the first interval to the last: VmRSS ${rss1:--} -> ${rssn:--} MB, p50 $(us_ms "$p1") -> $(us_ms "$pn") ms."
    fi
    echo
  fi
  echo "## Startup and memory"
  echo "Startup: process start to the first 200 on GET $API, median of $STARTUPS fresh starts; its CPU time is"
  echo "the process's user + system time until then (the wall time stretches with the machine's other load)."
  echo
  echo "Bytes per stored application: VmRSS growth from before the load to after it, over the applications the create"
  echo "rows stored (an upper bound: it includes the load's own working set: code, pools, the collector's budgets)."
  echo "Marginal: the growth from the end of the create json warm-up (those costs paid by then) to after the load, over"
  echo "the applications stored in between."
  echo
  echo "| server | startup (wall) | startup (CPU time) | VmRSS before / after the warm-up / after the load | applications the create rows stored | bytes per stored application | marginal |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for s in "${ALL[@]}"; do
    echo "| $s | ${STARTUP_MS[$s]} ms | ${STARTUP_CPU_MS[$s]} ms | ${RSS0[$s]} / ${RSSW[$s]:--} / ${RSS[$s]} MB | ${STORED[$s]} | $(per_stored "$s") | $(marginal "$s") |"
  done
  if [[ -s $SCALE ]]; then
    echo
    echo "## Scale: one account holding N applications"
    echo "get one: wrk -t$THREADS -c$CONNECTIONS; list: wrk -t1 -c1 (a 100k list is tens of MB); one ${DURATION} s run each; ms."
    echo
    echo "Bytes per stored application: the growth of VmRSS since the server's smallest size, over the applications added."
    echo
    echo "| server | N stored | VmRSS | bytes per stored application | get req/s | get p50 | get p99 | list req/s | list p50 | list p99 |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    declare -A FIRST_RSS FIRST_HAVE
    while IFS=$'\t' read -r s size have rss get list; do
      [[ -z ${FIRST_RSS[$s]:-} ]] && { FIRST_RSS[$s]=$rss; FIRST_HAVE[$s]=$have; }
      per_app=$(awk -v r="$rss" -v r0="${FIRST_RSS[$s]}" -v n="$have" -v n0="${FIRST_HAVE[$s]}" 'BEGIN { if (n - n0 > 0) printf "%.0f", (r - r0) * 1048576 / (n - n0); else print "-" }')
      g_rps=$({ grep -o 'requests=[0-9]* duration_us=[0-9]*' <<<"$get" || true; } | awk -F'[= ]' '{ printf "%.0f", $2 / ($4 / 1e6) }')
      l_rps=$({ grep -o 'requests=[0-9]* duration_us=[0-9]*' <<<"$list" || true; } | awk -F'[= ]' '{ printf "%.1f", $2 / ($4 / 1e6) }')
      echo "| $s | $have | $rss MB | $per_app | $g_rps | $(us_ms "$(field p50_us <<<"$get")") | $(us_ms "$(field p99_us <<<"$get")") | $l_rps | $(us_ms "$(field p50_us <<<"$list")") | $(us_ms "$(field p99_us <<<"$list")") |"
    done <"$SCALE"
  fi
  if [[ -s $OUT/checks-failed.txt ]]; then
    echo
    echo "## Rows that did not get a 2xx in the asked-for media type"
    echo "Checked with one request before each row's load; their numbers measure the error path, not the work."
    echo
    sed 's/^/- /' "$OUT/checks-failed.txt"
  fi
  if has mock; then
    echo
    echo "## Issue 5 targets (mock)"
    echo "| target | measured | met |"
    echo "|---|---|---|"
    worst_prism=""; worst_floor=""; worst_p99=""; floor_p99=""
    for entry in "${ROWS[@]}"; do
      read -r row format <<<"$entry"
      m=$(stat mock "$row" "$format" rps); p99=$(stat mock "$row" "$format" p99_us)
      worst_p99=$(printf '%s\n%s\n' "$worst_p99" "$p99" | sed '/^$/d' | sort -n | tail -1)
      has floor && floor_p99=$(printf '%s\n%s\n' "$floor_p99" "$(stat floor "$row" "$format" p99_us)" | sed '/^$/d' | sort -n | tail -1)
      if has prism; then r=$(ratio "$m" "$(stat prism "$row" "$format" rps)"); worst_prism=$(printf '%s\n%s\n' "$worst_prism" "$r" | sed '/^$/d' | sort -g | head -1); fi
      if has floor; then r=$(ratio "$m" "$(stat floor "$row" "$format" rps)"); worst_floor=$(printf '%s\n%s\n' "$worst_floor" "$r" | sed '/^$/d' | sort -g | head -1); fi
    done
    has prism && echo "| >= 8x Prism req/s on every row | worst row ${worst_prism}x | $(met "$worst_prism" 8 ge) |"
    has floor && echo "| >= 70% of the Kestrel floor on every row | worst row $(awk -v r="$worst_floor" 'BEGIN { printf "%.0f%%", r * 100 }') | $(met "$worst_floor" 0.70 ge) |"
    echo "| p99 < 5 ms at $CONNECTIONS connections on every row | worst row $(us_ms "$worst_p99") ms$(has floor && echo " (floor's worst row: $(us_ms "$floor_p99") ms)") | $(met "$(us_ms "$worst_p99")" 5 lt) |"
    echo "| startup < 600 ms to the first 200 | ${STARTUP_MS[mock]} ms wall, ${STARTUP_CPU_MS[mock]} ms CPU time | $(met "${STARTUP_MS[mock]}" 600 lt) |"
    read -r small large < <(awk -F'\t' '$1 == "mock" { print $2 }' "$SCALE" | sort -n | sed -n '1p;$p' | tr '\n' ' '; echo)
    p50_small=$(awk -F'\t' -v n="$small" '$1 == "mock" && $2 == n { print $5 }' "$SCALE" | field p50_us)
    p50_large=$(awk -F'\t' -v n="$large" '$1 == "mock" && $2 == n { print $5 }' "$SCALE" | field p50_us)
    growth=$(ratio "$p50_large" "$p50_small")
    echo "| get one does not grow with the count | p50 $(us_ms "$p50_small") ms at $small, $(us_ms "$p50_large") ms at $large (x$growth) | $(met "$growth" 2 lt) |"
    rss100k=$(awk -F'\t' '$1 == "mock" && $2 == 100000 { print $4 }' "$SCALE")
    echo "| 100k stored applications < 200 MB resident | ${rss100k:-not measured (quick mode)}${rss100k:+ MB} | $(met "$rss100k" 200 lt) |"
    # Issue 12: the compact record, over the create rows' stores (over a million in a full run).
    per_app=$(per_stored mock)
    echo "| <= 300 bytes per stored application (issue 12) | ${per_app} bytes over ${STORED[mock]} stored | $(met "$per_app" 301 lt) |"
    echo "| <= 300 bytes per stored application, marginal (after the create warm-up) | $(marginal mock) bytes over $(( ${STORED[mock]} - ${STOREDW[mock]:-0} )) stored | $(met "$(marginal mock)" 301 lt) |"
    if has floor; then
      p99_mock=$(awk -F'\t' -v n="$large" '$1 == "mock" && $2 == n { print $5 }' "$SCALE" | field p99_us)
      p99_floor=$(awk -F'\t' -v n="$large" '$1 == "floor" && $2 == n { print $5 }' "$SCALE" | field p99_us)
      p99_ratio=$(ratio "$p99_mock" "$p99_floor")
      echo "| get p99 at $large stored within 1.5x the floor's (issue 12) | $(us_ms "$p99_mock") ms vs $(us_ms "$p99_floor") ms (x$p99_ratio) | $(met "$p99_ratio" 1.5 lt) |"
    fi
  fi
  if has mock && has before; then
    echo
    echo "## Same-run baseline: the mock against \`before\` (--baseline $BASELINE, ${BASELINE_SHA:0:7})"
    echo "Issues 11, 12 and 14: the stateful rows stay within 5% of before's req/s, in the same run. mock/before is the"
    echo "median over the runs of the ratio of the two servers' req/s in each run (measured back to back)."
    echo
    echo "| target | measured | met |"
    echo "|---|---|---|"
    measured=$(paired_rows "${ROWS[@]}")
    geo=$(awk '$3 > 0 { s += log($3); n++ } END { if (n) printf "%.2f", exp(s / n); else print "-" }' <<<"$measured")
    echo "| every stateful row >= 0.95x before's req/s | worst row $(worst_row <<<"$measured"); geometric mean over $(grep -c . <<<"$measured") rows ${geo}x | $(met "$(worst_row ratio <<<"$measured")" 0.95 ge) |"
    flow_measured=""
    if flow_has_before; then
      flow_measured=$(STAT_FILE=$FLOW_RAW paired_rows "${FLOW_ROWS[@]}")
      echo "| send and verify >= 0.95x before's req/s (issue 22) | worst row $(worst_row <<<"$flow_measured") | $(met "$(worst_row ratio <<<"$flow_measured")" 0.95 ge) |"
    fi
    echo "| startup | mock ${STARTUP_MS[mock]} ms wall, ${STARTUP_CPU_MS[mock]} ms CPU; before ${STARTUP_MS[before]} ms wall, ${STARTUP_CPU_MS[before]} ms CPU | - |"
    echo "| bytes per stored application | mock $(per_stored mock) over ${STORED[mock]} (marginal $(marginal mock)); before $(per_stored before) over ${STORED[before]} (marginal $(marginal before)) | - |"
    echo
    echo "Each row's mock/before and, in brackets, an interval that holds its true median with at least 95% confidence"
    echo "(order statistics of the $RUNS paired runs). A row whose interval reaches across 0.95 is not told apart from"
    echo "the bar by this run; more runs (--runs) narrow the intervals."
    echo
    printf '%s\n%s\n' "$measured" "$flow_measured" | awk 'NF { printf "%s- %s %s: %sx (%s)", (n++ ? "\n" : ""), $1, $2, $3, $4 } END { print "" }'
  fi
  if (( ${#FLOW_ALL[@]} )) && has floor && has mock && [[ ${FLOW_ALL[0]} == mock ]]; then
    echo
    echo "## Issue 15 targets (mock)"
    echo "| target | measured | met |"
    echo "|---|---|---|"
    for entry in "${FLOW_ROWS[@]}"; do
      read -r row format <<<"$entry"
      r=$(STAT_FILE=$FLOW_RAW paired mock floor "$row" "$format")
      echo "| $row $format >= 0.8x the floor's create $format (req/s; $row/floor create) | ${r}x | $(met "$r" 0.8 ge) |"
    done
  fi
  if { has redis || has redis2; } && has prism; then
    echo
    echo "## Issue 14 targets (the mock on Redis: redis one replica, redis2 two with the load split)"
    echo "| target | measured | met |"
    echo "|---|---|---|"
    for r in redis redis2; do
      has $r || continue
      for row in get create; do
        worst=""
        for format in json xml; do
          worst=$(printf '%s\n%s\n' "$worst" "$(ratio "$(stat $r $row $format rps)" "$(stat prism $row $format rps)")" | sed '/^$/d' | sort -g | head -1)
        done
        echo "| $r $row >= 4x Prism req/s | worse format ${worst}x | $(awk -v v="$worst" 'BEGIN { if (v == "" || v == "-") print "-"; else if (v + 0 >= 4) print "yes"; else print "**no**" }') |"
      done
    done
  fi
  # What was tried where a target is missed: written by hand in bench/findings.md, kept with the tables.
  if [[ -f $BENCH/findings.md ]]; then echo; cat "$BENCH/findings.md"; fi
} >"$RESULTS.tmp"
mv "$RESULTS.tmp" "$RESULTS"
cat "$RESULTS"
log "results written to ${RESULTS#"$ROOT/"}"
