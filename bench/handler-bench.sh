#!/usr/bin/env bash
# One round trip through the mock in-process (TwoFactorMockHandler) against the same over loopback (TwoFactorMock),
# BenchmarkDotNet in one process and one run (bench/HandlerRoundTrip); the ratio of the medians is the port's cost.
# About 2 minutes. Results: bench/HandlerRoundTrip/BenchmarkDotNet.Artifacts/results/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/HandlerRoundTrip"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet run -c Release -- "$@"
