#!/usr/bin/env bash
# Provisions dag-factory (PyPI) on top of the Airflow 3.3 venv, for test/bench/airflow-parse.mjs,
# which compares how fast Airflow parses orchc's DAG, a hand-written one and dag-factory's YAML.
#
#   scripts/provision-dag-factory.sh   # -> .tools/dag-factory-1.1.0
#
# The Airflow venv is shared by the conformance tests, so it is left untouched: the new venv is
# built from the same interpreter and sees the Airflow venv's packages through a .pth file, so
# dag-factory runs on exactly that Airflow, and pip installs only what Airflow lacks. Run
# scripts/provision-airflow.sh first. Reused while its stamp matches; FORCE=1 rebuilds it.
#
# Env: FORCE=1.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
version="1.1.0"
airflow_venv="$root/.tools/airflow-3.3"
venv="$root/.tools/dag-factory-$version"

if [ ! -f "$airflow_venv/.orchc-provision-stamp" ]; then
  echo "provision-dag-factory: no Airflow venv at $airflow_venv: run scripts/provision-airflow.sh first" >&2
  exit 2
fi

# A venv is bound to its interpreter: take the one the Airflow venv was created from.
base_python="$(sed -n 's/^executable = //p' "$airflow_venv/pyvenv.cfg")"
airflow_site="$("$airflow_venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
stamp_content="$(printf 'dag-factory==%s\n# airflow %s\n# python %s\n' "$version" \
  "$(sed -n 's/^Version: //p' "$airflow_site"/apache_airflow-*.dist-info/METADATA | head -1)" \
  "$("$base_python" -c 'import sys; print(sys.version.split()[0])')")"
stamp="$venv/.orchc-provision-stamp"

mkdir -p "$root/.tools"
exec 9>"$venv.lock"
if command -v flock >/dev/null; then flock 9; fi

if [ "${FORCE:-}" != "1" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_content" ] && "$venv/bin/python" -c 'import dagfactory' >/dev/null 2>&1; then
  echo "provision-dag-factory: $venv is up to date (stamp matches), nothing to do"
  exit 0
fi

start=$(date +%s)
rm -rf "$venv"
"$base_python" -m venv "$venv"
site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "$airflow_site" >"$site/orchc-airflow-3.3.pth"
"$venv/bin/python" -m pip install --quiet "dag-factory==$version"
"$venv/bin/python" -m pip check
"$venv/bin/python" -m pip freeze --all --local >"$venv/freeze.txt"
printf '%s\n' "$stamp_content" >"$stamp"
echo "provision-dag-factory: $venv ready in $(( $(date +%s) - start ))s"
