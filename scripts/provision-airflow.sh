#!/usr/bin/env bash
# Provisions the real Apache Airflow that test/conformance/airflow checks generated DAGs against.
#
#   scripts/provision-airflow.sh                  # Airflow 3.3 -> .tools/airflow-3.3
#   AIRFLOW_MAJOR=2 scripts/provision-airflow.sh  # Airflow 2.10 -> .tools/airflow-2.10
#
# The venv is reused while its stamp (the requirement list plus the interpreter it was built
# with) matches, so a warm run costs nothing and CI can call this unconditionally. When the list
# changes, pip upgrades the existing venv in place rather than starting over: a cold Airflow
# install is several minutes of downloads. FORCE=1 deletes the venv and starts from scratch.
#
# Env: AIRFLOW_MAJOR (3 | 2, default 3), PYTHON (interpreter for the venv, default python3),
#      FORCE=1.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
major="${AIRFLOW_MAJOR:-3}"
python="${PYTHON:-python3}"

case "$major" in
  3)
    venv="$root/.tools/airflow-3.3"
    requirements=(
      "apache-airflow==3.3.*"
      "apache-airflow-providers-databricks"
      "apache-airflow-providers-standard"
      "apache-airflow-providers-smtp"
      "ruff==0.17.*"
    )
    ;;
  2)
    venv="$root/.tools/airflow-2.10"
    # Left unpinned on purpose: pip backtracks to the newest release of each provider that still
    # accepts apache-airflow 2.10 (in 2026-11: databricks 7.7.5, standard 1.9.2, smtp 2.3.2, in
    # ~100 s cold), so no pin is needed; freeze.txt in the venv records what a machine got.
    requirements=(
      "apache-airflow==2.10.*"
      "apache-airflow-providers-databricks"
      "apache-airflow-providers-standard"
      "apache-airflow-providers-smtp"
    )
    ;;
  *)
    echo "provision-airflow: AIRFLOW_MAJOR must be 2 or 3, got '$major'" >&2
    exit 2
    ;;
esac

if ! "$python" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)' 2>/dev/null; then
  # Airflow 3.3 needs >= 3.10 and 2.10 stops at 3.12; one interpreter range covers both.
  echo "provision-airflow: need Python 3.10-3.12 for the venv, '$python' is $("$python" -V 2>&1 || echo missing)" >&2
  exit 2
fi

# The interpreter is part of the stamp because a venv is bound to the one that created it.
stamp_content="$(printf '%s\n' "${requirements[@]}"; echo "# python $("$python" -c 'import sys; print(sys.version.split()[0])')")"
stamp="$venv/.orchc-provision-stamp"

mkdir -p "$root/.tools"
# Two callers (say, parallel CI steps) must not pip into the same venv at once.
exec 9>"$venv.lock"
if command -v flock >/dev/null; then flock 9; fi

venv_works() { [ -x "$venv/bin/python" ] && "$venv/bin/python" -c '' 2>/dev/null; }

if [ "${FORCE:-}" != "1" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_content" ] && venv_works; then
  echo "provision-airflow: $venv is up to date (stamp matches), nothing to do"
  exit 0
fi

start=$(date +%s)
if [ "${FORCE:-}" = "1" ] || ! venv_works; then
  rm -rf "$venv"
  echo "provision-airflow: creating $venv with $("$python" -V 2>&1)"
  "$python" -m venv "$venv"
else
  echo "provision-airflow: $venv exists but its stamp differs or is missing; installing the requirement list into it"
fi
# The stamp goes only after a complete install, so an interrupted run is redone next time.
rm -f "$stamp"

"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install "${requirements[@]}"
"$venv/bin/python" -m pip check
# A record of what the unpinned names resolved to, for comparing two machines' results.
"$venv/bin/python" -m pip freeze --all >"$venv/freeze.txt"

printf '%s\n' "$stamp_content" >"$stamp"
echo "provision-airflow: $venv ready in $(( $(date +%s) - start ))s ($("$venv/bin/python" -m pip show apache-airflow 2>/dev/null | sed -n 's/^Version: /apache-airflow /p'))"
