#!/usr/bin/env bash
# Provides the headless browser that test/conformance/local-report.test.ts opens `orchc run
# --report` files with:
#
#   scripts/provision-chromium.sh
#     -> chromium on PATH (or /usr/bin/chromium)   Debian's package, installed when missing
#
# It comes from the distribution because CI runs as root on Debian, where apt is the one channel
# to a Chromium that matches the system libraries; off Debian, install chromium yourself and rerun.
# A warm run prints the version and exits 0 at once, so CI can call this unconditionally.
#
# Exit codes: 0 ready, 2 chromium is missing and apt-get (as root, or through sudo) is not
# available, other: the failing command's.
set -euo pipefail

say() { echo "provision-chromium: $*"; }
fail() { echo "provision-chromium: $*" >&2; exit "${2:-1}"; }

find_chromium() {
  if command -v chromium >/dev/null; then
    command -v chromium
  elif [ -x /usr/bin/chromium ]; then
    echo /usr/bin/chromium
  else
    return 1
  fi
}

if binary="$(find_chromium)"; then
  say "chromium up to date ($binary, $("$binary" --version 2>/dev/null))"
  exit 0
fi

command -v apt-get >/dev/null || fail "chromium is not on PATH and apt-get is unavailable; install chromium yourself" 2
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null; then
  as_root=(sudo)
else
  fail "chromium is not on PATH and this is not root (and there is no sudo); install chromium yourself" 2
fi

start=$(date +%s)
say "installing chromium with apt-get"
# A fresh Debian image ships without package lists, so update first.
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium

binary="$(find_chromium)" || fail "apt-get installed chromium but it is neither on PATH nor /usr/bin/chromium"
say "$("$binary" --version 2>/dev/null) installed at $binary in $(( $(date +%s) - start ))s"
