# Sourced by tests/run-all.sh: installs what the test suite needs on a fresh Debian machine of this kind.
# Idempotent: a package already present is not fetched again. Each test fixture starts its own server
# (tests/servers/*.sh) on 127.0.0.1 on its own port and stops it by pid.
need=()
want_pkgs=(python3)
for p in "${want_pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 || echo "warning: apt-get install ${need[*]} failed"
fi
