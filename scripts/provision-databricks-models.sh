#!/usr/bin/env bash
# Provisions Databricks' own Python models of a job (databricks-bundles' strict Job and
# databricks-sdk's JobSettings, from PyPI) that test/conformance/databricks/python-models.test.ts
# feeds every generated job through, as a judge independent of the bundle JSON schema.
#
#   scripts/provision-databricks-models.sh   # -> .tools/databricks-models-<databricks-bundles version>
#
# The pins live in test/conformance/databricks/python-models.requirements.txt, so this script and
# the test cannot disagree on the folder. The venv is reused while its stamp (the pins plus the
# interpreter) matches, so CI can call this unconditionally; FORCE=1 rebuilds it.
#
# Env: PYTHON (interpreter for the venv, default python3, as for scripts/provision-airflow.sh),
#      FORCE=1.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
requirements="$root/test/conformance/databricks/python-models.requirements.txt"
python="${PYTHON:-python3}"
version="$(sed -n 's/^databricks-bundles==//p' "$requirements")"
if [ -z "$version" ]; then
  echo "provision-databricks-models: no databricks-bundles==<version> pin in $requirements" >&2
  exit 2
fi
venv="$root/.tools/databricks-models-$version"

if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 10) else 1)' 2>/dev/null; then
  # databricks-bundles declares requires-python >= 3.10 (its models are kw_only dataclasses).
  echo "provision-databricks-models: need Python >= 3.10 for the venv, '$python' is $( (command -v "$python" >/dev/null && "$python" -V 2>&1) || echo missing)" >&2
  exit 2
fi

# The interpreter is part of the stamp because a venv is bound to the one that created it.
stamp_content="$(grep -v '^#' "$requirements"; echo "# python $("$python" -c 'import sys; print(sys.version.split()[0])')")"
stamp="$venv/.orchc-provision-stamp"

mkdir -p "$root/.tools"
# Two callers (say, parallel CI steps) must not pip into the same venv at once.
exec 9>"$venv.lock"
if command -v flock >/dev/null; then flock 9; fi

if [ "${FORCE:-}" != "1" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_content" ] \
  && "$venv/bin/python" -c 'import databricks.bundles.jobs, databricks.sdk.service.jobs' >/dev/null 2>&1; then
  echo "provision-databricks-models: $venv is up to date (stamp matches), nothing to do"
  exit 0
fi

start=$(date +%s)
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet -r "$requirements"
"$venv/bin/python" -m pip check
"$venv/bin/python" -m pip freeze --all --local >"$venv/freeze.txt"
# The stamp goes only after a complete install, so an interrupted run is redone next time.
printf '%s\n' "$stamp_content" >"$stamp"
echo "provision-databricks-models: $venv ready in $(( $(date +%s) - start ))s"
