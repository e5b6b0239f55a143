#!/usr/bin/env bash
# Starts the TwoFactorContracts mock server (default http://127.0.0.1:8080). Publishes it first (Release,
# ReadyToRun: precompiled, so it starts in about half a second) only when a source is newer than the
# published server. All arguments go to the server: ./run-mock.sh --help
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$root/MockServer/MockServer.csproj"
case "$(uname -m)" in
  aarch64|arm64) rid=linux-arm64 ;;
  *) rid=linux-x64 ;;
esac
out="$root/MockServer/bin/run-mock"
dll="$out/TwoFactorContracts.MockServer.dll"

needs_build() {
  [[ ! -f "$dll" ]] && return 0
  # Anything the server is built from: its sources, the contract library, the contract, the build files.
  [[ -n "$(find "$root/MockServer" "$root/src/TwoFactorContracts.Contract" \
      \( -path '*/bin' -o -path '*/obj' \) -prune -o -type f -newer "$dll" -print -quit)" ]] && return 0
  [[ -n "$(find "$root/openapi" "$root/build" "$root/Directory.Build.props" -type f -newer "$dll" -print -quit)" ]] && return 0
  return 1
}

if needs_build; then
  command -v dotnet >/dev/null || { echo "run-mock.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }
  mkdir -p "$root/MockServer/obj"
  # Several callers (e.g. parallel tests) may start at once: one builds, the others wait and reuse it.
  exec 9>"$root/MockServer/obj/run-mock.build.lock"
  flock 9
  if needs_build; then
    echo "run-mock.sh: building the mock server (Release, ReadyToRun; about 30 s)..." >&2
    dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
      -o "$out" --nologo -v quiet -clp:ErrorsOnly >&2
    touch "$dll"
  fi
  flock -u 9
  exec 9>&-
fi

# exec: the server replaces this shell, so Ctrl-C and SIGTERM reach it directly.
exec dotnet "$dll" "$@"
