#!/usr/bin/env bash
# Builds the desk's reader from before the move to MimeKit (its own MIME parser) into /tmp, for the mime and fuzz
# benchmarks' --old-reader option: old and new then run in one process on the same bytes.
# Usage: build-old-reader.sh [COMMIT] [OUT]; COMMIT defaults to 300410c (the last commit with the old parser).
set -euo pipefail
commit="${1:-300410c}"
out="${2:-/tmp/old-reader}"
repo="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
rm -rf "$out" && mkdir -p "$out"
git -C "$repo" archive "$commit" Directory.Build.props Directory.Packages.props global.json src/Helpdesk.Mail | tar -x -C "$out"
dotnet build "$out/src/Helpdesk.Mail" -c Release -o "$out/out" >/dev/null
echo "$out/out/Helpdesk.Mail.dll"
