#!/bin/bash
# Console benchmark (docs/benchmarks.md, "Answering console"): the demo desk plus 1,000,000 synthetic tickets in a
# SQLite file under $BENCH_DIR (default /tmp/console-bench; seeded once, kept), then 200 sends in Chromium.
# Set HELPDESK_MODEL to an existing intent.model to skip training one at first start.
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
echo "build $(date +%T)"
dotnet build -c Release src/Helpdesk.Web -v q -nologo 2>&1 | tail -2
dotnet build -c Release src/Helpdesk.Cli -v q -nologo 2>&1 | tail -2
if [ ! -f $B/seeded ]; then
  rm -f $B/desk.db*
  echo "demo seed $(date +%T)"
  dotnet src/Helpdesk.Web/bin/Release/net10.0/Helpdesk.Web.dll > $B/desk1.log 2>&1 &
  P=$!
  for i in $(seq 1 240); do grep -q "Application started" $B/desk1.log && break; sleep 1; done
  sleep 3; kill $P || true; wait $P || true
  echo "synthetic seed $(date +%T)"
  dotnet src/Helpdesk.Cli/bin/Release/net10.0/helpdesk.dll seed --synthetic 1000000 2>&1 | tail -3
  touch $B/seeded
fi
echo "desk start $(date +%T)"
dotnet src/Helpdesk.Web/bin/Release/net10.0/Helpdesk.Web.dll > $B/desk2.log 2>&1 &
P=$!
for i in $(seq 1 300); do grep -q "Application started" $B/desk2.log && break; sleep 1; done
echo "bench $(date +%T) load $(cat /proc/loadavg)"
dotnet run -c Release --project tests/Helpdesk.Benchmarks -- console --url http://127.0.0.1:5090 --sends ${SENDS:-200} --warmup 10 || true
echo "done $(date +%T) load $(cat /proc/loadavg)"
ps -o rss= -p $P | awk '{print "desk RSS KB: "$1}'
kill $P; wait $P || true
