#!/usr/bin/env bash
# Collects real-world mail written by other people (test corpora of mail libraries and filters) into a folder
# under /tmp, one message per .eml file, for `dotnet run -c Release --project tests/Helpdesk.Benchmarks -- mime
# --corpus DIR`. Nothing collected here belongs in the repository: the files keep their own licences.
#
# Sources: the test_email data of the CPython installations on this machine, the SpamAssassin examples of its
# binary package, and the test corpora inside Debian source packages (fetched with apt-get source through a
# private apt configuration: deb-src entries in /tmp, the system's apt sources left as they are).
set -euo pipefail
out="${1:-/tmp/helpdesk-realmail}"
work="${WORK:-/tmp/helpdesk-realmail-work}"
mkdir -p "$out" "$work/lists/partial" "$work/src"

# A file is taken when its first line looks like a header field or an mbox "From " line.
looks_like_mail() { head -c 300 "$1" 2>/dev/null | head -n 1 | grep -qE '^(From |[A-Za-z][A-Za-z0-9-]{1,40}:)'; }

take() { # take FILE PREFIX: one message, or an mbox split into messages
  local f="$1" prefix="$2" size
  size=$(stat -c %s "$f")
  [ "$size" -gt 0 ] && [ "$size" -lt 20000000 ] || return 0
  looks_like_mail "$f" || return 0
  if head -n 1 "$f" | grep -q '^From ' && [ "$(grep -c '^From ' "$f")" -gt 1 ]; then
    python3 - "$f" "$out/$prefix" <<'PY'
import sys
path, prefix = sys.argv[1], sys.argv[2]
data = open(path, 'rb').read()
parts, start = [], 0
lines = data.split(b'\n')
msgs, cur = [], []
for line in lines:
    if line.startswith(b'From ') and cur:
        msgs.append(b'\n'.join(cur)); cur = []
    cur.append(line)
if cur: msgs.append(b'\n'.join(cur))
for i, m in enumerate(msgs):
    # the mbox separator line is not part of the message
    body = m.split(b'\n', 1)[1] if m.startswith(b'From ') and b'\n' in m else m
    open('%s-%03d.eml' % (prefix, i), 'wb').write(body)
PY
  else
    cp "$f" "$out/$prefix.eml"
  fi
}

n=0
for d in /root/.pyenv/versions/3.11.7/lib/python3.11/test/test_email/data /usr/lib/python3*/test/test_email/data; do
  [ -d "$d" ] || continue
  for f in "$d"/msg_*.txt; do n=$((n+1)); take "$f" "cpython-$(basename "$f" .txt)"; done
  break
done

cat > "$work/sources.list" <<SRC
deb-src http://deb.debian.org/debian bookworm main
SRC
apt_opts=(-o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$work/lists" -o Debug::NoLocking=1)
apt-get "${apt_opts[@]}" update -qq >/dev/null 2>&1 || echo "apt-get update (deb-src) failed" >&2
cd "$work/src"
for pkg in spamassassin mime-tools gmime notmuch mu rspamd mblaze libmail-box-perl libmail-message-perl libemail-mime-perl mailutils python3.11 neomutt vmime libetpan mimetic aerc alot claws-mail ruby-mail golang-github-jhillyerd-enmime golang-github-emersion-go-message bogofilter geary mairix evolution-data-server ripmime; do
  [ -d "$work/src/$pkg.done" ] && continue
  apt-get "${apt_opts[@]}" source --download-only -qq "$pkg" >/dev/null 2>&1 || { echo "no source for $pkg" >&2; continue; }
  mkdir -p "$work/src/$pkg.x"
  for t in "$work/src"/*.orig.tar.* "$work/src"/*.debian.tar.* "$work/src"/*.tar.*; do
    [ -f "$t" ] && tar -xf "$t" -C "$work/src/$pkg.x" 2>/dev/null || true
  done
  rm -f "$work/src"/*.tar.* "$work/src"/*.dsc
  mkdir -p "$work/src/$pkg.done"
done

# Test-corpus folders of those sources: messages, mboxes and maildirs.
find "$work/src" -type f \( -path '*/t/*' -o -path '*/test*/*' -o -path '*/testmsgs/*' -o -path '*/corpora/*' -o -path '*/testdir*/*' -o -path '*/data/*' \) \
  ! -name '*.c' ! -name '*.h' ! -name '*.pl' ! -name '*.pm' ! -name '*.py' ! -name '*.t' ! -name '*.sh' ! -name '*.cc' \
  ! -name '*.el' ! -name '*.am' ! -name '*.in' ! -name '*.json' ! -name '*.html' ! -name '*.xml' ! -name '*.cf' ! -name '*.gz' \
  | sort | while read -r f; do
  rel="${f#$work/src/}"; key=$(printf '%s' "$rel" | tr '/ ' '__' | cut -c1-150)
  take "$f" "$key"
done

for f in /usr/share/doc/spamassassin/examples/sample-*.txt; do [ -f "$f" ] && take "$f" "sa-$(basename "$f" .txt)"; done
# The same message shipped twice (a corpus in two packages) counts once.
(cd "$out" && md5sum -- *.eml | sort | awk 'seen[$1]++ { print $2 }' | xargs -r rm --)
echo "$(ls "$out" | wc -l) messages in $out"
