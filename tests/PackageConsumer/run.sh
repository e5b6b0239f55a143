#!/usr/bin/env bash
# Proves what we ship works as shipped: packs into artifacts/packages (build/pack.sh; SKIP_PACK=1 reuses them),
# installs the tool into a fresh tool path, runs the consumer tests (this project, restored by version from
# that folder), then installs the npm tarball into a fresh temp folder, type-checks and runs an example against
# `tfc mock`. Ends with "N passed, N failed". Leaves the tool path in $TFC_TOOL_PATH when set (for .ci/run).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
packages="$root/artifacts/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Our packages are re-packed under the same version: a cache of our own, emptied of them, so none is stale.
export NUGET_PACKAGES="$root/artifacts/consumer-nuget"
rm -rf "$NUGET_PACKAGES"/twofactorcontracts.*

version=$(sed -n 's:.*<Version[^>]*>\(.*\)</Version>.*:\1:p' "$root/build/Package.props" | head -1)
npm_version=$(node -p "require('$root/clients/typescript/package.json').version")
if [ "$version" != "$npm_version" ]; then
  echo "run.sh: build/Package.props says $version but clients/typescript/package.json says $npm_version: keep them equal" >&2
  echo "0 passed, 1 failed"; exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log="$work/log"
status=0
fail() { echo "FAILED: $*" | tee -a "$log"; status=1; }

if [ -z "${SKIP_PACK:-}" ]; then
  echo "== pack $version into artifacts/packages"
  "$root/build/pack.sh" || { echo "0 passed, 1 failed"; exit 1; }
fi

echo "== dotnet tool install TwoFactorContracts.Tool $version --tool-path (fresh)"
tools="${TFC_TOOL_PATH:-$work/tools}"
rm -rf "$tools"
dotnet tool install TwoFactorContracts.Tool --version "$version" --tool-path "$tools" \
  --configfile "$here/NuGet.config" --no-cache >/dev/null || fail "tool install"
export TFC="$tools/tfc"

echo "== consumer tests (PackageReference TwoFactorContracts.Testing/.Client/.Aspire.Hosting $version from artifacts/packages)"
# NuGet.config beside the project maps TwoFactorContracts.* to artifacts/packages only.
dotnet test "$here/PackageConsumer.csproj" -p:TfcVersion="$version" -nologo \
  --logger "junit;LogFilePath=$root/TestResults/package-consumer.junit.xml" 2>&1 | tee "$work/dotnet-test.log" | tee -a "$log"
# A build or restore failure prints no test summary: count it.
[ "${PIPESTATUS[0]}" -eq 0 ] || grep -q 'Failed!  - Failed:' "$work/dotnet-test.log" || fail "dotnet test did not run (see above)"

echo "== npm consumer: install the tarball into a fresh folder, type-check, run against tfc mock"
(
  set -e
  cd "$work" && mkdir npm-consumer && cd npm-consumer
  cp "$here/typescript/example.test.ts" "$here/typescript/tsconfig.json" .
  printf '{ "name": "npm-consumer", "private": true, "type": "module" }\n' > package.json
  npm install --no-audit --no-fund --loglevel=error "$packages/twofactorcontracts-client-$version.tgz" typescript@5.9.3 @types/node@20.19.43
  npx tsc -p tsconfig.json
  node --test --test-reporter=tap dist/example.test.js
) 2>&1 | tee -a "$log" || status=1

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE '(Passed|Failed)!  - Failed: +[0-9]+' "$log" | awk -F': +' '{s+=$2} END {print s+0}')
passed=$((passed + $(grep -oE '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
failed=$((failed + $(grep -oE '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}') + $(grep -c '^FAILED: ' "$log")))
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit $status
