# Sourced by tests/run-all.sh: installs what the test suite needs on a fresh Debian machine of this kind.
# Idempotent: a package already present is not fetched again. Each test fixture starts its own server
# (tests/servers/*.sh) on 127.0.0.1 on its own port and stops it by pid.
need=()
# dovecot-imapd dovecot-lmtpd postfix: the loopback mail servers of tests/servers/mail (end-to-end tests, benchmarks)
# postgresql: the data and service tests run a second time on it (tests/servers/postgres; the system cluster is never started)
# chromium: the browser tests (Playwright drives Debian's package; its own download is not reachable here)
# dnsmasq-base: the loopback DNS server of the authenticity tests (DKIM keys, SPF, DMARC; no system daemon)
# opendkim opendkim-tools: the DKIM signer milter and opendkim-genkey for those tests
want_pkgs=(python3 dovecot-imapd dovecot-lmtpd postfix chromium postgresql dnsmasq-base opendkim opendkim-tools)
for p in "${want_pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Postfix asks for a mail setup and the packages would start system daemons: answer and forbid both.
  echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections 2>/dev/null
  policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; policy_added=1
  fi
  apt-get update -qq >/dev/null 2>&1
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 || echo "warning: apt-get install ${need[*]} failed"
  [ "$policy_added" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi
