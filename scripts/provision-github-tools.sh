#!/usr/bin/env bash
# Provides the real linters that test/conformance/github-actions checks generated workflows with,
# and act, the engine that runs them:
#
#   scripts/provision-github-tools.sh
#     -> .tools/actionlint-<version>/actionlint   built from the Go module proxy
#     -> .tools/act-<version>/act                 built from the Go module proxy (nektos/act)
#     -> .tools/zizmor-<series>/bin/zizmor        a venv from PyPI
#     -> shellcheck on PATH                       Debian's package, installed when missing
#
# shellcheck is not optional: actionlint lints `run:` scripts with it only when it can find one,
# and without it quietly skips them, so a suite run without shellcheck would pass for the wrong
# reason. It comes from the distribution rather than .tools/ because CI runs as root on Debian,
# where apt is the one channel to it; off Debian, install shellcheck yourself and rerun.
#
# Versions live in test/conformance/github-actions/github-tools.versions, so this script and the
# vitest helper cannot disagree. Each tool folder is reused while its stamp (where it came from,
# plus the toolchain or interpreter that built it) matches, so CI can call this unconditionally: a
# warm run prints "up to date" and exits 0 at once. Go's module and build caches stay at their
# defaults outside the work tree for the reason given in provision-databricks-cli.sh.
#
# Exit codes: 0 ready, 2 a prerequisite is missing (Go, Python >= 3.10, or shellcheck where apt
# cannot install it), other: the failing command's.
#
# Env: PYTHON (interpreter for the zizmor venv, default python3), FORCE=1 (rebuild everything).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
versions="$root/test/conformance/github-actions/github-tools.versions"
version_of() { awk -v tool="$1" '$1 == tool { print $2 }' "$versions"; }
actionlint_version="$(version_of actionlint)"
act_version="$(version_of act)"
zizmor_series="$(version_of zizmor)"
python="${PYTHON:-python3}"
say() { echo "provision-github-tools: $*"; }
fail() { echo "provision-github-tools: $*" >&2; exit "${2:-1}"; }

[ -n "$actionlint_version" ] && [ -n "$zizmor_series" ] && [ -n "$act_version" ] || fail "no actionlint/zizmor/act line in $versions"

mkdir -p "$root/.tools"
# Two callers (parallel CI steps) must not build into the same folders at once.
exec 9>"$root/.tools/github-tools.lock"
if command -v flock >/dev/null; then flock 9; fi

overall_start=$(date +%s)
did_work=0

# --- shellcheck ---------------------------------------------------------------------------------
if command -v shellcheck >/dev/null; then
  say "shellcheck up to date ($(command -v shellcheck), $(shellcheck --version | sed -n 's/^version: //p'))"
else
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    fail "shellcheck is not on PATH and apt-get is unavailable or this is not root; install shellcheck (actionlint needs it to lint run: scripts)" 2
  fi
  start=$(date +%s)
  say "installing shellcheck with apt-get"
  install_shellcheck() { DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends shellcheck; }
  # A fresh Debian image ships without package lists, and old lists can name files the mirror no
  # longer has; either way an update and a second try fix it.
  if ! install_shellcheck; then
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    install_shellcheck
  fi
  command -v shellcheck >/dev/null || fail "apt-get installed shellcheck but it is not on PATH"
  say "shellcheck $(shellcheck --version | sed -n 's/^version: //p') installed in $(( $(date +%s) - start ))s"
  did_work=1
fi

# --- actionlint and act: Go programs from the module proxy -------------------------------------
command -v go >/dev/null || fail "Go is not installed (needed to build actionlint and act)" 2

# go_tool NAME MODULE@vVERSION VERSION_FLAG EXPECTED: builds NAME into .tools/NAME-VERSION unless its
# stamp matches. go install stamps the module version into the binary, so the version the binary
# reports (first line of `NAME VERSION_FLAG`) must be EXPECTED; anything else means a replaced module.
go_tool() {
  local name="$1" module="$2" flag="$3" expected="$4" version="${2##*@v}"
  local dest="$root/.tools/$name-$version"
  local stamp="$dest/.orchc-provision-stamp"
  local source_id="$module $(go env GOVERSION) $(go env GOOS)/$(go env GOARCH)"
  if [ "${FORCE:-}" != "1" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$source_id" ] && [ -x "$dest/$name" ]; then
    say "$name up to date ($dest, stamp matches)"
    return
  fi
  local start reported
  start=$(date +%s)
  rm -rf "$dest"
  mkdir -p "$dest"
  say "building $module with $(go env GOVERSION) into $dest"
  GOBIN="$dest" go install "$module"
  reported="$("$dest/$name" "$flag")"
  [ "${reported%%$'\n'*}" = "$expected" ] || fail "$dest/$name reports '${reported%%$'\n'*}', want $expected"
  # The stamp goes only after a verified build, so an interrupted run is redone next time.
  printf '%s\n' "$source_id" >"$stamp"
  say "$name v$version ready in $(( $(date +%s) - start ))s"
  did_work=1
}

go_tool actionlint "github.com/rhysd/actionlint/cmd/actionlint@v$actionlint_version" -version "v$actionlint_version"
go_tool act "github.com/nektos/act@v$act_version" --version "act version $act_version"

# --- zizmor -------------------------------------------------------------------------------------
requirement="zizmor==$zizmor_series.*"
venv="$root/.tools/zizmor-$zizmor_series"
stamp="$venv/.orchc-provision-stamp"
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 10) else 1)' 2>/dev/null; then
  fail "need Python >= 3.10 for the zizmor venv, '$python' is $("$python" -V 2>&1 || echo missing)" 2
fi
# The interpreter is part of the stamp because a venv is bound to the one that created it.
stamp_content="$requirement python $("$python" -c 'import sys; print(sys.version.split()[0])')"

if [ "${FORCE:-}" != "1" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_content" ] \
  && "$venv/bin/zizmor" --version >/dev/null 2>&1; then
  say "zizmor up to date ($venv, stamp matches)"
else
  start=$(date +%s)
  rm -rf "$venv"
  say "creating $venv with $("$python" -V 2>&1) and installing $requirement"
  "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$requirement"
  reported="$("$venv/bin/zizmor" --version)"
  case "$reported" in
    "zizmor $zizmor_series."*) ;;
    *) fail "$venv/bin/zizmor reports '$reported', want $requirement" ;;
  esac
  # Which 1.32.x a machine got, for comparing two machines' results.
  "$venv/bin/python" -m pip freeze --all --disable-pip-version-check >"$venv/freeze.txt"
  printf '%s\n' "$stamp_content" >"$stamp"
  say "$reported ready in $(( $(date +%s) - start ))s"
  did_work=1
fi

if [ "$did_work" = 0 ]; then
  say "all up to date in $(( $(date +%s) - overall_start ))s"
else
  say "done in $(( $(date +%s) - overall_start ))s"
fi
