#!/usr/bin/env bash
# Installs, generates (when the contract changed), type-checks and tests the TypeScript client against a mock
# it starts itself on a free loopback port. Needs Node 20+, npm (registry access for `npm ci`) and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# NSwag regenerates src/generated/client.ts only when the contract (or the csproj) changed.
dotnet build TypeScriptClient.csproj -nologo -v:q
npx tsc --noEmit -p tsconfig.json
npx tsc -p tsconfig.build.json
# The test starts the mock with ../../run-mock.sh; build it here first (no-op when up to date), outside the test's start timeout.
../../run-mock.sh --help >/dev/null
# TAP on stdout (closing "# pass N" / "# fail N" lines); JUNIT_FILE=<path> also writes JUnit XML there.
reporters=(--test-reporter=tap --test-reporter-destination=stdout)
if [ -n "${JUNIT_FILE:-}" ]; then
  reporters+=(--test-reporter=junit "--test-reporter-destination=$JUNIT_FILE")
fi
node --test "${reporters[@]}" dist/test/client.test.js
