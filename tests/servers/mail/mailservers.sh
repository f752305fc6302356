#!/usr/bin/env bash
# Loopback mail servers for tests: Dovecot (IMAP+STARTTLS, IMAPS, LMTP) + Postfix (SMTP -> LMTP).
# usage: mailservers.sh install|start|stop|stop-dovecot|restart|status|env|deliver USER [MAILBOX] <msg|wipe
# Config templates live beside this script; all state (config, certificate, mail, logs, pids) goes to
# $MAIL_RUN (default ./run, git-ignored). Ports come from the environment so that several test assemblies
# can each run their own instance at once; the defaults stay off the well-known ports.
# OAUTH2_INTROSPECTION_URL (optional) adds XOAUTH2/OAUTHBEARER to Dovecot (and so to Postfix's AUTH), each token
# checked by POSTing it to that URL (RFC 7662 introspection): see dovecot-oauth2.conf.in.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RUN=${MAIL_RUN:-$HERE/run}
IMAP_PORT=${IMAP_PORT:-10143} IMAPS_PORT=${IMAPS_PORT:-10993}
LMTP_PORT=${LMTP_PORT:-10024} SMTP_PORT=${SMTP_PORT:-10025} SMTPS_PORT=${SMTPS_PORT:-10465}
OAUTH2_INTROSPECTION_URL=${OAUTH2_INTROSPECTION_URL:-}
# MAIL_LOCATION: Dovecot's storage. Maildir by default (tests read and write its files); the breach-week drill uses
# sdbox (a file per message, no UID list to rewrite as Maildir does, no shared map index to re-read as mdbox does).
MAIL_LOCATION=${MAIL_LOCATION:-'maildir:~/Maildir'}
# DKIM_MILTER (optional, e.g. inet:127.0.0.1:10891): a further SMTP listener on SIGNING_PORT whose mail that milter
# (OpenDKIM) signs, as the company's own outbound server would; the other listeners never sign.
DKIM_MILTER=${DKIM_MILTER:-} SIGNING_PORT=${SIGNING_PORT:-10587}
PACKAGES=(dovecot-imapd dovecot-lmtpd postfix)
DCONF=$RUN/dovecot.conf PCONF=$RUN/postfix/etc
ROOT=$([ "$(id -u)" = 0 ] && echo 1 || echo 0)

install_pkgs() {   # idempotent; needs root; no prompts; keeps the packages' system daemons from starting
  if command -v dovecot >/dev/null && [ -x /usr/lib/dovecot/lmtp ] && command -v postfix >/dev/null; then return; fi
  if [ ! -e /usr/sbin/policy-rc.d ]; then  # with systemd/sysv the postinst would start system daemons
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections
  apt-get -o DPkg::Lock::Timeout=300 update -q
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q "${PACKAGES[@]}"
}

wait_port() {  # wait_port PORT: up to 10 s
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "port $1 did not open" >&2; return 1
}

pidof_() { tr -d ' \n' <"$1"; }
alive() { [ -f "$1" ] && kill -0 "$(pidof_ "$1")" 2>/dev/null; }

render() {  # render TEMPLATE OUT
  local lu iu ig mu mg
  if [ "$ROOT" = 1 ]; then lu=dovenull iu=dovecot ig=dovecot mu=mail mg=mail
  else lu=$(id -un) iu=$lu ig=$(id -gn) mu=$lu mg=$ig; fi
  sed -e "s|@RUN@|$RUN|g; s|@HERE@|$HERE|g; s|@LOGIN_USER@|$lu|; s|@INTERNAL_USER@|$iu|;
          s|@INTERNAL_GROUP@|$ig|; s|@MAIL_USER@|$mu|; s|@MAIL_GROUP@|$mg|; s|@IMAP_PORT@|$IMAP_PORT|;
          s|@IMAPS_PORT@|$IMAPS_PORT|; s|@LMTP_PORT@|$LMTP_PORT|g; s|@SMTP_PORT@|$SMTP_PORT|; s|@SMTPS_PORT@|$SMTPS_PORT|;
          s|@INTROSPECTION_URL@|$OAUTH2_INTROSPECTION_URL|; s|@MAIL_LOCATION@|$MAIL_LOCATION|" "$1" >"$2"
}

check_installed() {
  local missing=()
  command -v dovecot >/dev/null || missing+=(dovecot-imapd)
  [ -x /usr/lib/dovecot/lmtp ] || missing+=(dovecot-lmtpd)
  command -v postfix >/dev/null || missing+=(postfix)
  [ ${#missing[@]} = 0 ] && return 0
  echo "mail servers not installed (missing: ${missing[*]}); run: sudo $0 install (or tests/install-deps.sh)" >&2
  return 3
}

start() {
  check_installed
  mkdir -p "$RUN/postfix/etc" "$RUN/postfix/spool"
  chmod 755 "$RUN"   # the postfix and mail users must reach their directories (mktemp -d makes 0700)
  if [ ! -f "$RUN/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=localhost \
      -addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' \
      -keyout "$RUN/key.pem" -out "$RUN/cert.pem" 2>/dev/null
  fi
  render "$HERE/dovecot.conf.in" "$DCONF"
  if [ -n "$OAUTH2_INTROSPECTION_URL" ]; then
    render "$HERE/dovecot-oauth2.conf.in" "$RUN/oauth2.conf"
    render "$HERE/dovecot-oauth2.conf.ext.in" "$RUN/dovecot-oauth2.conf.ext"
  else rm -f "$RUN/oauth2.conf"; fi
  cp "$HERE/users" "$RUN/users"   # read by Dovecot's auth process, which may not reach the checkout
  if [ "$ROOT" = 1 ]; then install -d -o mail -g mail "$RUN/mail"; else mkdir -p "$RUN/mail"; fi
  if ! alive "$RUN/dovecot.pid"; then
    rm -rf "$RUN/dovecot"   # stale sockets: a leftover anvil-auth-penalty costs 5 s at first login
    dovecot -F -c "$DCONF" >>"$RUN/dovecot.out" 2>&1 </dev/null &
    echo $! >"$RUN/dovecot.pid"
  fi
  wait_port "$IMAP_PORT"; wait_port "$IMAPS_PORT"; wait_port "$LMTP_PORT"
  alive "$RUN/dovecot.pid" || { tail -5 "$RUN/dovecot.out" "$RUN/dovecot.log" >&2; return 1; }
  if [ "$ROOT" = 1 ]; then  # postfix must be started by root
    render "$HERE/postfix-main.cf.in" "$PCONF/main.cf"
    render "$HERE/postfix-master.cf.in" "$PCONF/master.cf"
    if [ -n "$DKIM_MILTER" ]; then  # reject rather than pass mail unsigned when the signer is down
      echo "127.0.0.1:$SIGNING_PORT inet n - n - - smtpd -o smtpd_milters=$DKIM_MILTER -o milter_default_action=reject" >>"$PCONF/master.cf"
    fi
    touch -d '1 minute ago' "$PCONF"/*.cf   # postfix waits ~2 s on a just-written main.cf
    alive "$RUN/postfix/spool/pid/master.pid" || postfix -c "$PCONF" start </dev/null
    wait_port "$SMTP_PORT"; wait_port "$SMTPS_PORT"
    [ -z "$DKIM_MILTER" ] || wait_port "$SIGNING_PORT"
  else echo "not root: Postfix (SMTP) skipped, Dovecot only" >&2; fi
  status
}

stop() {  # SIGTERM to both masters by pid, then wait (<= 10 s) until they are gone
  local f p pids=()
  for f in "$RUN/postfix/spool/pid/master.pid" "$RUN/dovecot.pid"; do
    alive "$f" && pids+=("$(pidof_ "$f")")
  done
  [ ${#pids[@]} = 0 ] || kill "${pids[@]}"
  for p in "${pids[@]}"; do
    for _ in $(seq 200); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
  done
  rm -f "$RUN/dovecot.pid"
}

stop_dovecot() {  # only Dovecot (tests of a server restart); "start" brings it back
  local p
  alive "$RUN/dovecot.pid" || return 0
  p=$(pidof_ "$RUN/dovecot.pid"); kill "$p"
  for _ in $(seq 200); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
  rm -f "$RUN/dovecot.pid"
}

status() {
  alive "$RUN/dovecot.pid" && echo "dovecot pid $(pidof_ "$RUN/dovecot.pid"): imap 127.0.0.1:$IMAP_PORT (STARTTLS)," \
    "imaps :$IMAPS_PORT, lmtp :$LMTP_PORT" || echo "dovecot stopped"
  alive "$RUN/postfix/spool/pid/master.pid" && echo "postfix pid $(pidof_ "$RUN/postfix/spool/pid/master.pid"):" \
    "smtp 127.0.0.1:$SMTP_PORT (STARTTLS, AUTH optional), smtps :$SMTPS_PORT${DKIM_MILTER:+, signing :$SIGNING_PORT via $DKIM_MILTER}" \
    || echo "postfix stopped"
}

env_() {  # eval "$(mailservers.sh env)" in a test job
  cat <<EOF
export MAIL_IMAP_PORT=$IMAP_PORT MAIL_IMAPS_PORT=$IMAPS_PORT MAIL_LMTP_PORT=$LMTP_PORT MAIL_SMTP_PORT=$SMTP_PORT MAIL_SMTPS_PORT=$SMTPS_PORT
export MAIL_CA_CERT=$RUN/cert.pem MAIL_DOVECOT_CONF=$DCONF
EOF
}

deliver() {  # deliver USER [MAILBOX] < message   (direct save, bypasses SMTP)
  doveadm -c "$DCONF" save -u "$1" ${2:+-m "$2"}
}

wipe() {  # expunge every message of every user (UIDVALIDITY stays, UIDNEXT keeps growing)
  doveadm -c "$DCONF" expunge -A mailbox '*' all
}

case "${1:-}" in
  start|stop|status|wipe) "$1" ;;
  stop-dovecot) stop_dovecot ;;
  install) install_pkgs ;;
  env) env_ ;;
  deliver) shift; deliver "$@" ;;
  restart) stop; start ;;
  *) sed -n 3p "$0" >&2; exit 2 ;;
esac
