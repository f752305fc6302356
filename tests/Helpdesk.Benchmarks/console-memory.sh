#!/bin/bash
# Memory per connected agent, the build before against the build after in one run (docs/benchmarks.md, "Console memory
# per circuit: before and after"). One seeded SQLite desk per build (demo set + $SYNTHETIC synthetic tickets +
# drill-agent-NNN accounts, written by that build) is copied afresh for every measurement; for each N in $CIRCUITS_LIST the old build (git $OLD_REF, built
# under $BENCH_DIR/old) and then the new one (this tree) serve N signed-in agents on /answer (console-memory); the new
# one is also measured with every circuit paused (--pause), as tabs hidden for Helpdesk:Web:PauseHiddenAfter are.
# Run it under flock /work/bench.lock. DESK_PORT (5091) moves the desk off a port somebody else uses; SKIP_BUILD=1 measures
# the builds already made (build and seed first without the lock: ONLY_PREPARE=1); BUILDS ("old new") picks which to measure,
# so that old and new of a long run can each hold the lock on their own. CLIENTS ("chromium") picks the agents: chromium
# (console-memory, a browser page each) and/or signalr (the circuits command, no browser), each on its own desk and copy.
set -e
cd "$(dirname "$0")/../.."
B=${BENCH_DIR:-/tmp/console-mem}
OLD_REF=${OLD_REF:-75a5ad3}
CIRCUITS_LIST=${CIRCUITS_LIST:-"300 1000"}
SYNTHETIC=${SYNTHETIC:-3000}
MAX=$(echo $CIRCUITS_LIST | tr ' ' '\n' | sort -n | tail -1)
mkdir -p $B
export Helpdesk__DataDirectory=$B
export Helpdesk__Demo__Mode=On
export Helpdesk__Demo__EmailCount=200
export Helpdesk__Demo__SamplesDirectory=$PWD/data/samples
export Helpdesk__Templates__SeedDirectory=$PWD/data/templates
export Helpdesk__Classification__TrainingDirectory=$PWD/data/training
export Helpdesk__Classification__UseGeneratedTraining=false # the model's quality does not matter here; half the training
export Urls=http://127.0.0.1:${DESK_PORT:-5091}
BUILDS=${BUILDS:-"old new"}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
echo "build $(date +%T)"
case " $BUILDS " in *" old "*) WANT_OLD=1;; *) WANT_OLD=0;; esac
if [ $WANT_OLD = 1 ] && [ ! -f $B/old/src/Helpdesk.Web/bin/Release/net10.0/Helpdesk.Web.dll ]; then
  rm -rf $B/old && mkdir -p $B/old && git archive $OLD_REF | tar -x -C $B/old
  dotnet build -c Release $B/old/src/Helpdesk.Web -v q -nologo 2>&1 | tail -2
fi
if [ $WANT_OLD = 1 ] && [ ! -f $B/old/src/Helpdesk.Cli/bin/Release/net10.0/helpdesk.dll ]; then
  dotnet build -c Release $B/old/src/Helpdesk.Cli -v q -nologo 2>&1 | tail -2  # it seeds the old build's own database
fi
dotnet build -c Release src/Helpdesk.Web -v q -nologo 2>&1 | tail -2
# The new build runs from a copy, so that building the tree while this runs changes nothing measured.
rm -rf $B/new && mkdir -p $B/new/src/Helpdesk.Web/bin
cp -r src/Helpdesk.Web/bin/Release $B/new/src/Helpdesk.Web/bin/ && cp src/Helpdesk.Web/appsettings.json $B/new/src/Helpdesk.Web/
dotnet build -c Release src/Helpdesk.Cli -v q -nologo 2>&1 | tail -2
dotnet build -c Release tests/Helpdesk.Benchmarks -v q -nologo 2>&1 | tail -2
fi

start_desk() { # $1 tree, $2 log; environment carries the settings
  (cd $1/src/Helpdesk.Web && exec dotnet bin/Release/net10.0/Helpdesk.Web.dll) > "$2" 2>&1 &
  P=$!
  # Ready, not only listening: the desk may listen while it still prepares (first start).
  for i in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' $Urls/readyz)" = 200 ] && break
    kill -0 $P 2>/dev/null || { echo "desk $P exited; see $2"; exit 1; }
    sleep 1
  done
  echo "desk $P ($1) started $(date +%T)"
}
stop_desk() { kill $P 2>/dev/null || true; wait $P || true; }

# One seed per build: a build refuses a database written by a newer one (its schema migrations), so the old build
# seeds its own with its own desk and CLI. A seed.db left by an earlier version of this script is the new build's.
[ -f $B/seed.db ] && [ ! -f $B/seed-new.db ] && mv $B/seed.db $B/seed-new.db
seed_for() { # $1 label (old/new), $2 tree whose desk and CLI write it
  [ -f $B/seed-$1.db ] && return 0
  local cli=$2/src/Helpdesk.Cli/bin/Release/net10.0/helpdesk.dll
  [ $1 = new ] && cli=src/Helpdesk.Cli/bin/Release/net10.0/helpdesk.dll
  export ConnectionStrings__Helpdesk="Data Source=$B/seeding.db"
  rm -f $B/seeding.db*
  echo "$1: demo seed $(date +%T)"
  start_desk $2 $B/seed1-$1.log; stop_desk
  echo "$1: synthetic seed $(date +%T)"
  dotnet $cli seed --synthetic $SYNTHETIC 2>&1 | tail -2
  echo "$1: drill accounts $(date +%T)"
  Helpdesk__LoadDrill__Agents=$MAX start_desk $2 $B/seed2-$1.log
  for i in $(seq 1 120); do grep -q "Load drill: " $B/seed2-$1.log && break; sleep 1; done
  stop_desk
  sqlite3 $B/seeding.db "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null 2>&1 || true
  mv $B/seeding.db $B/seed-$1.db; rm -f $B/seeding.db-*
}
for build in $BUILDS; do seed_for $build $B/$build; done

measure() { # $1 label, $2 tree, $3 circuits, $4 extra args; once per client in $CLIENTS, each on a fresh copy of the seed
  for client in ${CLIENTS:-chromium}; do
  cp $B/seed-$1.db $B/run.db; rm -f $B/run.db-*
  export ConnectionStrings__Helpdesk="Data Source=$B/run.db"
  start_desk $2 $B/desk-$1-$3-$client.log
  echo "== $1, $3 circuits, $client $(date +%T) load $(cat /proc/loadavg)"
  if [ $client = signalr ]; then
    # Browser-free agents (the circuits command): 1,000 of them fit where 1,000 Chromium pages do not.
    dotnet tests/Helpdesk.Benchmarks/bin/Release/net10.0/Helpdesk.Benchmarks.dll circuits --url $Urls --pid $P --db $B/run.db \
      --circuits $3 --parallel ${PARALLEL:-4} --settle 15 || echo "circuits exit $?"
  else
    dotnet tests/Helpdesk.Benchmarks/bin/Release/net10.0/Helpdesk.Benchmarks.dll console-memory --url $Urls --pid $P \
      --circuits $3 --parallel ${PARALLEL:-4} --settle 15 $4 || echo "console-memory exit $?"
  fi
  echo "== done $(date +%T) load $(cat /proc/loadavg)"
  stop_desk
  done
}
[ "${ONLY_PREPARE:-0}" = 1 ] && { echo "prepared $(date +%T)"; exit 0; }
for n in $CIRCUITS_LIST; do
  case " $BUILDS " in *" old "*) measure old $B/old $n "";; esac
  case " $BUILDS " in *" new "*) measure new $B/new $n "${NEW_ARGS---pause}";; esac
done
