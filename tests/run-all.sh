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
  # Tests of what only exists on PostgreSQL (TestCategory=Postgres) run in the PostgreSQL pass below.
  dotnet test Helpdesk.sln -c Release --no-build --logger trx --results-directory "$results" --filter "TestCategory!=Postgres" "$@" \
    2>&1 | tee "$root/TestResults/test.log" | grep -E '^\s*(Passed|Failed)!|^\s*Failed |error' ; rc=${PIPESTATUS[0]}

  # The data and service tests once more, on a real PostgreSQL: a private server on its own port and data directory,
  # stopped by pid afterwards. Each test creates its own database there and drops it.
  pg="$root/tests/servers/postgres/postgres.sh"
  # Under /tmp, not the checkout: the server runs as the postgres user, who may not be able to enter a root-owned clone.
  PG_RUN=$(mktemp -d /tmp/helpdesk-pg.XXXXXX); export PG_RUN PG_PORT=25432
  if "$pg" start; then
    HELPDESK_TEST_PROVIDER=Postgres HELPDESK_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=helpdesk;Database=postgres" \
      dotnet test tests/Helpdesk.Core.Tests -c Release --no-build --filter "TestCategory!=SqliteCatalog" --logger "trx;LogFileName=core-on-postgres.trx" --results-directory "$results" \
      2>&1 | tee -a "$root/TestResults/test.log" | sed 's/Helpdesk.Core.Tests.dll/Helpdesk.Core.Tests.dll on PostgreSQL/' \
      | grep -E '^\s*(Passed|Failed)!|^\s*Failed |error' ; pg_rc=${PIPESTATUS[0]}
    [ "$pg_rc" -ne 0 ] && rc=$pg_rc
    # Several desk instances on one PostgreSQL, against the real mail servers.
    HELPDESK_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=helpdesk;Database=postgres" \
      dotnet test tests/Helpdesk.EndToEnd.Tests -c Release --no-build --filter "TestCategory=Postgres" --logger "trx;LogFileName=endtoend-on-postgres.trx" --results-directory "$results" \
      2>&1 | tee -a "$root/TestResults/test.log" | sed 's/Helpdesk.EndToEnd.Tests.dll/Helpdesk.EndToEnd.Tests.dll on PostgreSQL/' \
      | grep -E '^\s*(Passed|Failed)!|^\s*Failed |error' ; pg_rc=${PIPESTATUS[0]}
    [ "$pg_rc" -ne 0 ] && rc=$pg_rc
    # Two web desks on one PostgreSQL, in the browser: a change on one shows live on the other.
    HELPDESK_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=helpdesk;Database=postgres" \
      dotnet test tests/Helpdesk.Browser.Tests -c Release --no-build --filter "TestCategory=Postgres" --logger "trx;LogFileName=browser-on-postgres.trx" --results-directory "$results" \
      2>&1 | tee -a "$root/TestResults/test.log" | sed 's/Helpdesk.Browser.Tests.dll/Helpdesk.Browser.Tests.dll on PostgreSQL/' \
      | grep -E '^\s*(Passed|Failed)!|^\s*Failed |error' ; pg_rc=${PIPESTATUS[0]}
    [ "$pg_rc" -ne 0 ] && rc=$pg_rc
  else
    echo "PostgreSQL did not start: the PostgreSQL run counts as one failure"; rc=1; pg_failed=1
  fi
  "$pg" stop
  rm -rf "$PG_RUN"
fi

# One line for the whole run, summed over every test assembly's .trx (a build failure counts as one failure).
cat "$results"/*.trx 2>/dev/null | awk -v build_rc="$build_rc" -v pg_failed="${pg_failed:-0}" '
  match($0, /<Counters [^>]*>/) {
    c = substr($0, RSTART, RLENGTH)
    if (match(c, / passed="[0-9]+"/)) p += substr(c, RSTART + 9, RLENGTH - 10)
    if (match(c, / failed="[0-9]+"/)) f += substr(c, RSTART + 9, RLENGTH - 10)
  }
  END { if (build_rc != 0) f += 1; if (pg_failed) f += 1; printf "%d passed, %d failed\n", p, f }'
exit "$rc"
