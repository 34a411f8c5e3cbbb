"""Parse a DAG folder with real Airflow and print what Airflow made of it as one JSON document.

    <venv>/bin/python inspect_dags.py <dags_folder>

Runs with the interpreter of a venv made by scripts/provision-airflow.sh (Airflow 3.3 or 2.10).
The caller should point AIRFLOW_HOME at a throwaway directory (airflow-env.ts does); when it is
unset this script makes and removes one itself, so nothing is ever written to ~/airflow.

Parsing needs no metadata database: DagBag only imports the files (3.3.2 and 2.10.5 both parse
into an empty AIRFLOW_HOME and leave no airflow.db), so no `airflow db migrate` is run here.
DagBag keeps Airflow's default DAG_DISCOVERY_SAFE_MODE: a file that never mentions both "airflow"
and "dag" is skipped silently, exactly as a real deployment would skip it.

stdout carries only the JSON document: Airflow 3 logs through structlog to stdout, so fd 1 is
pointed at stderr while Airflow is loaded and restored for the final write.

Output shape (keys beyond the ones the tests rely on are informative):
{"airflow_version": str,
 "import_errors": {path relative to dags_folder: traceback},
 "warnings": {path relative to dags_folder: [message]},
 "dags": {dag_id: {"fileloc", "schedule", "timetable", "timezone", "max_active_runs",
   "dagrun_timeout_seconds", "catchup", "is_paused_upon_creation", "tags",
   "params": {name: {"default", "has_default", "description", "schema"}},
   "tasks": {task_id: {"operator", "upstream", "downstream", "retries", "retry_delay_seconds",
     "retry_exponential_backoff", "max_retry_delay_seconds", "execution_timeout_seconds",
     "trigger_rule", "task_group", "bash_command", "env", "append_env", "skip_on_exit_code"}}}}}
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

# Parsing DAG files must leave no __pycache__ beside them (fixtures and generated dags/ alike).
sys.dont_write_bytecode = True


def _hermetic_env(dags_folder: str) -> str | None:
    """Defaults that must be in place before `import airflow` reads its configuration."""
    made_home = None
    if not os.environ.get("AIRFLOW_HOME"):
        made_home = tempfile.mkdtemp(prefix="orchc-airflow-home-")
        os.environ["AIRFLOW_HOME"] = made_home
    home = os.environ["AIRFLOW_HOME"]
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", dags_folder)
    os.environ.setdefault(
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", f"sqlite:///{home}/airflow.db"
    )
    # Plugins from the developer's machine would make results depend on it.
    os.environ.setdefault(
        "AIRFLOW__CORE__PLUGINS_FOLDER", os.path.join(home, "plugins")
    )
    return made_home


@contextlib.contextmanager
def logs_to_stderr():
    """Airflow and the DAG modules print to stdout while loading: while this holds, file descriptor 1
    is stderr, so a script's stdout carries only the JSON it writes after."""
    real_stdout = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        sys.stdout.flush()
        os.dup2(real_stdout, 1)
        os.close(real_stdout)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: inspect_dags.py <dags_folder>", file=sys.stderr)
        return 2
    dags_folder = os.path.abspath(argv[1])
    if not os.path.isdir(dags_folder):
        print(f"inspect_dags.py: not a directory: {dags_folder}", file=sys.stderr)
        return 2

    made_home = _hermetic_env(dags_folder)
    try:
        with logs_to_stderr():
            result = inspect(dags_folder)
    finally:
        if made_home:
            import shutil

            shutil.rmtree(made_home, ignore_errors=True)

    import json

    sys.stdout.write(
        json.dumps(result, indent=2, sort_keys=True, default=_json_fallback) + "\n"
    )
    return 0


def _json_fallback(value):
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=repr)
    return str(value)


def load_dagbag_class():
    try:
        from airflow.dag_processing.dagbag import DagBag  # Airflow 3.x
    except ImportError:
        from airflow.models.dagbag import DagBag  # Airflow 2.x
    return DagBag


def make_dagbag(dags_folder: str):
    import inspect as pyinspect

    DagBag = load_dagbag_class()
    kwargs = {"dag_folder": dags_folder}
    # 3.3 dropped include_examples (examples only come in through load_examples there);
    # 2.10 still takes it, and would otherwise pull in its bundled example DAGs.
    if "include_examples" in pyinspect.signature(DagBag.__init__).parameters:
        kwargs["include_examples"] = False
    return DagBag(**kwargs)


def relative(path: str, root: str) -> str:
    if not os.path.isabs(path):
        return path.replace(os.sep, "/")
    try:
        return os.path.relpath(path, root).replace(os.sep, "/")
    except ValueError:
        return path


def seconds(value) -> float | None:
    if value is None:
        return None
    if hasattr(value, "total_seconds"):
        return float(value.total_seconds())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    return None


def enum_value(value):
    return getattr(value, "value", value)


def is_notset(value) -> bool:
    # NOTSET is a different class on each version (airflow.utils.types, airflow.sdk...,
    # airflow.serialization...), all named ArgNotSet.
    return type(value).__name__ == "ArgNotSet"


def describe_schedule(dag):
    # 3.x keeps the constructor argument as `schedule`; 2.10 keeps a cron/preset string in
    # `schedule_interval` (and `schedule` is not an attribute there).
    given = getattr(dag, "schedule", None) if "schedule" in _attr_names(dag) else None
    if given is None and hasattr(dag, "schedule_interval"):
        given = dag.schedule_interval
    if given is None or is_notset(given):
        return None
    if isinstance(given, str):
        return given
    if hasattr(given, "total_seconds"):
        return f"timedelta:{given.total_seconds()}"
    # A timetable or asset condition object: the timetable field describes it.
    return f"<{type(given).__name__}>"


def _attr_names(obj) -> set[str]:
    return set(dir(obj))


def describe_timetable(dag):
    timetable = dag.timetable
    try:
        from airflow.serialization.encoders import coerce_to_core_timetable
    except ImportError:  # 2.x: DAGs hold the scheduler's timetables already
        core = timetable
    else:
        # 3.x DAGs hold Task SDK timetables, which have no summary/description; the
        # scheduler-side ("core") equivalent does, and is what the UI shows.
        try:
            core = coerce_to_core_timetable(timetable)
        # A custom timetable without a core twin is still described by its own class.
        except Exception:  # noqa: BLE001
            core = timetable
    tz = getattr(core, "_timezone", None)
    return {
        "class": type(core).__name__,
        "summary": _safe(lambda: core.summary),
        "description": _safe(lambda: core.description),
        "expression": _safe(lambda: getattr(core, "_expression", None)),
        "timezone": tz_name(tz) if tz is not None else None,
        "periodic": _safe(lambda: core.periodic),
    }


def _safe(get):
    try:
        return get()
    # An attribute missing or broken on one version must not sink the whole report.
    except Exception as error:  # noqa: BLE001
        return f"<unavailable: {type(error).__name__}>"


def tz_name(tz) -> str | None:
    if tz is None:
        return None
    return getattr(tz, "name", None) or str(tz)


def describe_params(dag) -> dict:
    params = dag.params
    out = {}
    for name in list(params.keys()):
        param = params.get_param(name) if hasattr(params, "get_param") else None
        if param is None:
            out[name] = {
                "default": params[name],
                "has_default": True,
                "description": None,
                "schema": {},
            }
            continue
        default = param.value
        out[name] = {
            "default": None if is_notset(default) else default,
            "has_default": not is_notset(default),
            "description": getattr(param, "description", None),
            "schema": dict(getattr(param, "schema", {}) or {}),
        }
    return out


def describe_skip_codes(task):
    if not hasattr(task, "skip_on_exit_code"):
        return None
    codes = task.skip_on_exit_code
    if codes is None:
        return None
    if isinstance(codes, int):
        return [codes]
    try:
        return sorted(codes)
    except TypeError:
        return str(codes)


def describe_task(task) -> dict:
    group = getattr(task, "task_group", None)
    backoff = getattr(task, "retry_exponential_backoff", None)
    env = getattr(task, "env", None)
    return {
        "operator": type(task).__name__,
        "upstream": sorted(task.upstream_task_ids),
        "downstream": sorted(task.downstream_task_ids),
        "retries": int(task.retries or 0),
        "retry_delay_seconds": seconds(task.retry_delay),
        # 2.10: bool; 3.3: a float multiplier (0 = constant delay). Reported as Airflow holds it.
        "retry_exponential_backoff": backoff,
        "max_retry_delay_seconds": seconds(getattr(task, "max_retry_delay", None)),
        "execution_timeout_seconds": seconds(task.execution_timeout),
        "trigger_rule": str(enum_value(task.trigger_rule)),
        "task_group": getattr(group, "group_id", None) if group is not None else None,
        "bash_command": getattr(task, "bash_command", None),
        "env": dict(env) if env is not None else None,
        "append_env": getattr(task, "append_env", None),
        "skip_on_exit_code": describe_skip_codes(task),
        # A mapped task (dynamic task mapping: one instance per item) and its limit per run.
        "mapped": type(task).__name__ == "MappedOperator",
        "max_active_tis_per_dagrun": getattr(task, "max_active_tis_per_dagrun", None),
        # Only on a TriggerDagRunOperator, so every other task reads as before.
        **({"trigger": describe_trigger(task)} if hasattr(task, "trigger_dag_id") else {}),
    }


def describe_trigger(task) -> dict:
    """What a TriggerDagRunOperator starts and how it waits, as the operator holds it."""
    states = lambda values: None if values is None else [str(enum_value(value)) for value in values]
    return {
        "trigger_dag_id": task.trigger_dag_id,
        "conf": task.conf,
        "wait_for_completion": task.wait_for_completion,
        "poke_interval": task.poke_interval,
        "allowed_states": states(task.allowed_states),
        "failed_states": states(task.failed_states),
        "fail_when_dag_is_paused": getattr(task, "fail_when_dag_is_paused", None),
        "module": type(task).__module__,
    }


def describe_dag(dag, dags_folder: str) -> dict:
    return {
        "fileloc": relative(dag.fileloc, dags_folder),
        "schedule": describe_schedule(dag),
        "timetable": describe_timetable(dag),
        "timezone": tz_name(dag.timezone),
        "max_active_runs": int(dag.max_active_runs),
        "dagrun_timeout_seconds": seconds(dag.dagrun_timeout),
        "catchup": bool(dag.catchup),
        "is_paused_upon_creation": getattr(dag, "is_paused_upon_creation", None),
        "tags": sorted(dag.tags or []),
        "params": describe_params(dag),
        "tasks": {task.task_id: describe_task(task) for task in dag.tasks},
    }


def inspect(dags_folder: str) -> dict:
    import airflow

    dagbag = make_dagbag(dags_folder)
    warnings = {
        relative(path, dags_folder): [str(w) for w in messages]
        for path, messages in (getattr(dagbag, "captured_warnings", None) or {}).items()
    }
    return {
        "airflow_version": airflow.__version__,
        "import_errors": {
            relative(path, dags_folder): tb for path, tb in dagbag.import_errors.items()
        },
        "warnings": warnings,
        "dags": {
            dag_id: describe_dag(dag, dags_folder)
            for dag_id, dag in sorted(dagbag.dags.items())
        },
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv))
