#!/usr/bin/env bash
# Benchmarks (not part of the test command): BenchmarkDotNet against a disk-backed Azurite, because large
# tables and queues are what benchmarks are for and Azurite's in-memory mode is not representative.
# Usage: scripts/bench.sh [BenchmarkDotNet arguments, e.g. --filter '*DueIndex*']
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/azurite.sh
data="$(mktemp -d -t azurite-bench.XXXXXX)"
trap 'stop_azurite; rm -rf "$data"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [ ! -x node_modules/.bin/azurite ]; then npm ci --no-audit --no-fund --loglevel=error || exit 1; fi
start_azurite --location "$data" || exit 1
args=("$@"); [ ${#args[@]} -eq 0 ] && args=(--filter '*')
dotnet run -c Release --project tests/PrivacyFunctions.Benchmarks -- "${args[@]}"
