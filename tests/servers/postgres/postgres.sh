#!/usr/bin/env bash
# A private PostgreSQL for tests and benchmarks: its own data directory, socket directory and port on 127.0.0.1,
# never the system cluster. usage: postgres.sh install|start|stop|status|env
# State goes to $PG_RUN (default ./run, git-ignored); the port comes from $PG_PORT (default 25432), so several test
# assemblies can each run their own server at once. As root the server runs as the "postgres" system user
# (initdb refuses root); the database user is "helpdesk", trusted on loopback only.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUN=${PG_RUN:-$HERE/run}
PORT=${PG_PORT:-25432}
DATA=$RUN/data PIDFILE=$RUN/data/postmaster.pid LOG=$RUN/postgres.log

bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] || { echo "PostgreSQL is not installed: run '$0 install' (apt-get install postgresql)" >&2; return 1; }
  echo "$d"
}

as_owner() {  # run a command as the owner of the cluster
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

install_pkgs() {  # idempotent; needs root; the package's own cluster is never started
  if bindir >/dev/null 2>&1; then return; fi
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  apt-get -o DPkg::Lock::Timeout=300 update -q
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends postgresql
}

wait_ready() {
  local bin; bin=$(bindir)
  for _ in $(seq 200); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$PORT" && return 0
    sleep 0.1
  done
  echo "PostgreSQL did not accept connections on 127.0.0.1:$PORT within 20 s; see $LOG" >&2; tail -n 20 "$LOG" >&2 || true; return 1
}

start() {
  local bin; bin=$(bindir)
  mkdir -p "$RUN"
  [ "$(id -u)" = 0 ] && chown postgres "$RUN"
  if [ -f "$PIDFILE" ] && kill -0 "$(head -n 1 "$PIDFILE")" 2>/dev/null; then wait_ready; return; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    as_owner "$bin/initdb" -D "$DATA" -U helpdesk --auth=trust -E UTF8 --locale=C.UTF-8 >"$RUN/initdb.log" 2>&1 \
      || { cat "$RUN/initdb.log" >&2; return 1; }
    # Loopback only, its own socket directory, settings for a test box (durability off: the data is thrown away).
    cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$RUN'
max_connections = 600
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum_naptime = 10s
CONF
  fi
  as_owner "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 30 start >/dev/null
  wait_ready
}

stop() {  # SIGTERM (smart shutdown would wait for clients): fast shutdown by pid, then wait until it is gone
  [ -f "$PIDFILE" ] || return 0
  local pid; pid=$(head -n 1 "$PIDFILE")
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

case "${1:-}" in
  install) install_pkgs ;;
  start) start ;;
  stop) stop ;;
  status) [ -f "$PIDFILE" ] && kill -0 "$(head -n 1 "$PIDFILE")" 2>/dev/null && echo "running on 127.0.0.1:$PORT" || echo stopped ;;
  env) echo "export HELPDESK_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=helpdesk;Database=postgres'" ;;
  *) echo "usage: $0 install|start|stop|status|env" >&2; exit 2 ;;
esac
