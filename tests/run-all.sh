#!/usr/bin/env bash
# Runs every test of the desk: installs what the tests need (apt-get; root on these machines),
# builds, runs all test projects, and prints one last line for the whole run: "N passed, N failed".
# Usage: tests/run-all.sh [extra dotnet test arguments]
set -u
cd "$(dirname "$0")/.."
root=$(pwd)

# shellcheck source=tests/install-deps.sh
source tests/install-deps.sh

results="$root/TestResults/trx"
rm -rf "$results"
mkdir -p "$results"

dotnet build Helpdesk.sln -c Release 2>&1 | tail -n 3
build_rc=${PIPESTATUS[0]}
rc=$build_rc
if [ "$build_rc" -eq 0 ]; then
  dotnet test Helpdesk.sln -c Release --no-build --logger trx --results-directory "$results" "$@" \
    2>&1 | tee "$root/TestResults/test.log" | grep -E '^\s*(Passed|Failed)!|^\s*Failed |error' ; rc=${PIPESTATUS[0]}
fi

# One line for the whole run, summed over every test assembly's .trx (a build failure counts as one failure).
cat "$results"/*.trx 2>/dev/null | awk -v build_rc="$build_rc" '
  match($0, /<Counters [^>]*>/) {
    c = substr($0, RSTART, RLENGTH)
    if (match(c, / passed="[0-9]+"/)) p += substr(c, RSTART + 9, RLENGTH - 10)
    if (match(c, / failed="[0-9]+"/)) f += substr(c, RSTART + 9, RLENGTH - 10)
  }
  END { if (build_rc != 0) f += 1; printf "%d passed, %d failed\n", p, f }'
exit "$rc"
