#!/usr/bin/env bash
# Packs what we ship into artifacts/packages: the NuGet packages (TwoFactorContracts.Tool, .Client, .Testing,
# .Aspire.Hosting and their support packages .Contract, .MockServer and .Conformance) and the TypeScript client's npm tarball.
# One version for all: build/Package.props's <Version> and clients/typescript/package.json's "version" (kept equal;
# tests/PackageConsumer/run.sh checks).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/packages"
mkdir -p "$out"
rm -f "$out"/*.nupkg "$out"/*.tgz
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# One build graph for all of them (build/Packages.slnf lists them; what they reference is built, not packed).
dotnet pack "$root/build/Packages.slnf" -c Release -o "$out" -nologo -v quiet -clp:ErrorsOnly

# The npm package: generated sources, compiled to ES modules with types, then `npm pack` beside the NuGet packages.
(
  cd "$root/clients/typescript"
  [ -f node_modules/.package-lock.json ] && [ ! package-lock.json -nt node_modules/.package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
  dotnet build TypeScriptClient.csproj -nologo -v:q -clp:ErrorsOnly >/dev/null
  rm -rf dist && npx tsc -p tsconfig.build.json
  npm pack --pack-destination "$out" --loglevel=error >/dev/null
)
ls -1 "$out"
