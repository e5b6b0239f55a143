#!/usr/bin/env bash
# The gates CI runs with the installed tool (the way users run them): usage: .ci/gates.sh <path to tfc>
#   conformance: tfc mock --port 0 in the background; tfc verify --profile seed against it must pass (JUnit to
#                TestResults/); against tfc mock --flavour today it must fail, naming the differences.
#   contract:    tfc diff between the previous commit's contract and this one; a breaking change fails unless
#                info.version's major number was raised in the same change (--allow-major-bump).
# Ends with "N passed, N failed".
set -uo pipefail
tfc="$1"
cd "$(dirname "$0")/.."
mkdir -p TestResults
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
passed=0 failed=0
pass() { echo "PASS $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

# Starts `tfc mock --port 0 ARGS...` in the background (in this shell, so cleanup knows its pid) and sets $url
# once it has said where it listens.
start_mock() {
  local out="$work/mock-${#pids[@]}.log"
  "$tfc" mock --port 0 "$@" >"$out" 2>&1 &
  pids+=($!)
  # The banner line is the readiness signal (printed after the port is bound); tail -f wakes on it, no polling.
  url=$(timeout 60 tail -n +1 -f "$out" | grep -m1 -oE 'http://127\.0\.0\.1:[0-9]+')
}

echo "-- conformance gate: tfc verify --profile seed against tfc mock"
start_mock
if [ -z "$url" ]; then
  fail "tfc mock did not start"
elif "$tfc" verify --target "$url" --profile seed --junit TestResults/conformance-seed.junit.xml >"$work/seed.out" 2>"$work/seed.err"; then
  pass "tfc verify --profile seed against tfc mock: $(grep -E '^CONFORMS' "$work/seed.out")"
else
  cat "$work/seed.out" "$work/seed.err"; fail "tfc verify --profile seed against tfc mock (exit $?)"
fi

echo "-- conformance gate: tfc verify --profile seed against tfc mock --flavour today (must fail, naming differences)"
start_mock --flavour today
"$tfc" verify --target "$url" --profile seed --junit "$work/today.junit.xml" >"$work/today.out" 2>"$work/today.err"
code=$?
differences=$(grep -cE '^  [a-zA-Z]+/.*: [a-z-]+: ' "$work/today.out")
if [ -z "$url" ]; then
  fail "tfc mock --flavour today did not start"
elif [ "$code" -eq 1 ] && grep -q '^DOES NOT CONFORM' "$work/today.out" && [ "$differences" -gt 0 ]; then
  pass "tfc verify --profile seed against today's mock: exit 1, $differences differences named, e.g.:"
  grep -m3 -E '^  [a-zA-Z]+/.*: [a-z-]+: ' "$work/today.out"
else
  cat "$work/today.out" "$work/today.err"; fail "tfc verify against today's mock: expected exit 1 with differences, got exit $code"
fi

echo "-- contract gate: tfc diff <previous commit's contract> <this contract>"
contract=openapi/2fa-applications.yaml
if ! git rev-parse -q --verify HEAD^ >/dev/null 2>&1; then
  echo "SKIP contract gate: this clone has no previous commit (first commit or shallow clone; git fetch --deepen=1 enables it)"
elif ! git show "HEAD^:$contract" >"$work/previous.yaml" 2>/dev/null; then
  echo "SKIP contract gate: the previous commit has no $contract"
elif "$tfc" diff "$work/previous.yaml" "$contract" --allow-major-bump; then
  pass "contract gate: no breaking change (or info.version's major number raised)"
else
  fail "contract gate: a breaking change without raising info.version's major number (see above)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
