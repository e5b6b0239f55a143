#!/usr/bin/env bash
# Runs the conformance suite over HTTP against ./run-mock.sh: starts the mock on a free loopback port, waits for
# the line it prints once it listens, runs the suite with CONFORMANCE_TARGET_URL, and stops the mock again.
# Extra arguments go to `dotnet test` (e.g. --logger "junit;LogFilePath=...").
# Writes tests/ConformanceTests.Tests/TestResults/conformance-over-http.{md,junit.xml} unless CONFORMANCE_REPORT is set
# (CONFORMANCE_RUN_NAME=x names them conformance-over-http-x: test.sh's pass on Redis, MOCK_STORE, uses it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
results="$here/TestResults"
mkdir -p "$results"
log="$(mktemp)"

"$root/run-mock.sh" --port 0 >"$log" 2>&1 &
mock=$!
cleanup() {
  kill "$mock" 2>/dev/null || true
  wait "$mock" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

# The mock prints "... listening on http://127.0.0.1:<port>" once it accepts requests; tail ends if it dies.
# (A first run builds the mock, which takes a while on a busy machine: hence the generous bound.)
url="$(timeout 600 tail -n +1 --pid="$mock" -f "$log" | grep -m1 -o 'listening on http://127\.0\.0\.1:[0-9]*' | sed 's/^listening on //' || true)"
if [[ -z "$url" ]]; then
  echo "run-against-mock.sh: the mock did not start:" >&2
  cat "$log" >&2
  exit 1
fi
echo "run-against-mock.sh: mock at $url"

export CONFORMANCE_TARGET_URL="$url"
export CONFORMANCE_TARGET_KIND=mock
name="conformance-over-http${CONFORMANCE_RUN_NAME:+-$CONFORMANCE_RUN_NAME}"
export CONFORMANCE_REPORT="${CONFORMANCE_REPORT:-$results/$name.md}"
status=0
dotnet test "$here/ConformanceTests.Tests.csproj" --nologo \
  --filter "FullyQualifiedName~DocumentedCaseTests|FullyQualifiedName~NegativeCaseTests|FullyQualifiedName~LifecycleTests" \
  --logger "junit;LogFilePath=$results/$name.junit.xml" "$@" || status=$?
echo "run-against-mock.sh: summary in $CONFORMANCE_REPORT"
exit "$status"
