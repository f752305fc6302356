#!/bin/bash
# Console benchmark (docs/benchmarks.md, "Answering console"): the demo desk plus 1,000,000 synthetic tickets in a
# SQLite file under $BENCH_DIR (default /tmp/console-bench; seeded once, kept), then three measurements:
#   1. 200 sends in Chromium while $DRILL_AGENTS (default 300) simulated agents work the queue inside the desk
#      (Helpdesk__LoadDrill__Agents; the drill also creates the drill-agent-NNN accounts step 3 signs in with);
#   2. the same 200 sends on the desk alone;
#   3. memory per connected agent: $CIRCUITS (default 50) signed-in agents on /answer, desk RSS and managed heap.
# Set HELPDESK_MODEL to an existing intent.model to skip training one at first start. Run it under flock /work/bench.lock.
set -e
cd "$(dirname "$0")/../.."
B=${BENCH_DIR:-/tmp/console-bench}
mkdir -p "$B"
export ConnectionStrings__Helpdesk="Data Source=$B/desk.db"
export Helpdesk__DataDirectory=$B
if [ -n "$HELPDESK_MODEL" ]; then export Helpdesk__Classification__ModelFile=$HELPDESK_MODEL; fi
export Helpdesk__Demo__Mode=On
export Helpdesk__Demo__EmailCount=200
export Helpdesk__Demo__SamplesDirectory=$PWD/data/samples
export Urls=http://127.0.0.1:5090
DESK=$PWD/src/Helpdesk.Web/bin/Release/net10.0/Helpdesk.Web.dll
echo "build $(date +%T)"
dotnet build -c Release src/Helpdesk.Web -v q -nologo 2>&1 | tail -2
dotnet build -c Release src/Helpdesk.Cli -v q -nologo 2>&1 | tail -2
dotnet build -c Release tests/Helpdesk.Benchmarks -v q -nologo 2>&1 | tail -2
# The desk listens before it is ready (it shows a preparing page and /readyz answers 503 until the database,
# model and demo desk are done), so "Application started" in the log is not the moment to measure from.
wait_ready() { # $1 seconds at most
  for i in $(seq 1 "$1"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' $Urls/readyz)" = 200 ] && return 0
    sleep 1
  done
  echo "desk not ready after $1 s"; return 1
}
if [ ! -f $B/seeded ]; then
  rm -f $B/desk.db*
  echo "demo seed $(date +%T)"
  (cd src/Helpdesk.Web && exec dotnet $DESK) > $B/desk1.log 2>&1 &
  P=$!
  wait_ready 240
  sleep 3; kill $P || true; wait $P || true
  echo "synthetic seed $(date +%T)"
  dotnet src/Helpdesk.Cli/bin/Release/net10.0/helpdesk.dll seed --synthetic 1000000 2>&1 | tail -3
  touch $B/seeded
fi

start_desk() { # $1 log file; the environment carries the settings
  # Content root = the project folder, as `dotnet run` has it: its appsettings.json keeps EF's per-command logging
  # off (from the repository root the desk logs every SQL statement to the console, which costs the desk real time).
  (cd src/Helpdesk.Web && exec dotnet $DESK) > "$1" 2>&1 &
  P=$!
  wait_ready 300
  echo "desk $P started $(date +%T)"
}
stop_desk() {
  awk '{printf "desk CPU: %.1f s user+sys\n", ($14+$15)/100}' /proc/$P/stat
  grep VmRSS /proc/$P/status | awk '{print "desk RSS: "$2" KB"}'
  kill $P; wait $P || true
}
bench() {
  echo "bench $(date +%T) load $(cat /proc/loadavg)"
  dotnet tests/Helpdesk.Benchmarks/bin/Release/net10.0/Helpdesk.Benchmarks.dll console --url http://127.0.0.1:5090 --sends ${SENDS:-200} --warmup 10 || true
  echo "bench done $(date +%T) load $(cat /proc/loadavg)"
}
# "Load drill: 14.9 sends/s over the last 10 s; 1234 sends, 3 skipped, 0 failed in 120 s (10.3/s)" -> "1234 120"
drill_totals() { grep -o "[0-9]* sends, [0-9]* skipped, [0-9]* failed in [0-9]* s" "$1" | tail -1 | awk '{print $1" "$8" "$5}'; }

echo "== with ${DRILL_AGENTS:-300} simulated agents"
Helpdesk__LoadDrill__Agents=${DRILL_AGENTS:-300} start_desk $B/desk-drill.log
sleep ${DRILL_RAMP:-45} # the drill spreads its agents' starts over one think time (20 s)
read S0 T0 F0 <<< "$(drill_totals $B/desk-drill.log)"
bench
sleep 11 # one more drill report after the last send
read S1 T1 F1 <<< "$(drill_totals $B/desk-drill.log)"
awk -v s0=$S0 -v t0=$T0 -v s1=$S1 -v t1=$T1 -v f0=$F0 -v f1=$F1 'BEGIN { printf "drill during the bench: %d sends in %d s = %.1f sends/s (%d failed)\n", s1-s0, t1-t0, (s1-s0)/(t1-t0), f1-f0 }'
stop_desk
grep "Load drill stopped" $B/desk-drill.log || true

echo "== desk alone"
start_desk $B/desk-plain.log
bench
echo "== memory per circuit $(date +%T) load $(cat /proc/loadavg)"
dotnet tests/Helpdesk.Benchmarks/bin/Release/net10.0/Helpdesk.Benchmarks.dll console-memory --url http://127.0.0.1:5090 --pid $P --circuits ${CIRCUITS:-50} || true
echo "memory done $(date +%T) load $(cat /proc/loadavg)"
stop_desk
