#!/usr/bin/env bash
# The README's test command. Installs what the tests need and nothing else (Azurite from package-lock.json,
# NuGet packages by restore, the Bicep CLI among them; not smtp4dev or the Core Tools, which only the run
# command uses), starts Azurite on free loopback ports, runs every test project of the solution, stops
# Azurite even when tests fail, and prints "N passed, N failed" last.
# Extra arguments go to dotnet test, e.g.: scripts/test.sh --filter "FullyQualifiedName~DueIndex"
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/azurite.sh

results="$(mktemp -d -t privacy-tests.XXXXXX)"
cleanup() { stop_azurite; rm -rf "$results"; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# npm ci installs exactly the committed lock file; skipped when that install is already in place.
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; echo "0 passed, 1 failed"; exit 1; }
fi
start_azurite || { echo "0 passed, 1 failed"; exit 1; }

dotnet build PrivacyFunctions.sln -c Release -nologo -v q -clp:ErrorsOnly
build_status=$?
if [ $build_status -ne 0 ]; then echo "build failed"; echo "0 passed, 1 failed"; exit 1; fi

dotnet test PrivacyFunctions.sln -c Release --no-build -nologo \
  --logger "trx;LogFilePrefix=run" --results-directory "$results" "$@"
test_status=$?

# Sum the counters of every test project's TRX file.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  p="$(echo "$counters" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*')"
  f="$(echo "$counters" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*')"
  n="$(echo "$counters" | grep -o ' notExecuted="[0-9]*"' | grep -o '[0-9]*')"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
if [ $test_status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
if [ $passed -eq 0 ] && [ $failed -eq 0 ]; then echo "no test ran"; failed=1; fi
echo "$passed passed, $failed failed"
[ $test_status -eq 0 ] && [ $failed -eq 0 ]
