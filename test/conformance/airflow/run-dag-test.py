"""Run one DAG once, in-process, with real Airflow's dag.test(), and print the outcome as JSON.

    <venv>/bin/python run-dag-test.py <dag_file> <dag_id> [--conf JSON]

The caller points AIRFLOW_HOME at a throwaway directory (airflow-env.ts does; when unset, this
script makes and removes one itself). dag.test() needs the metadata DB, so on first use of a home
this runs `airflow db migrate` into SQLite there and leaves a stamp; later runs in the same home
skip it. The DAGs folder is set to the DAG file's directory because 3.x dag.test() re-parses the
"dags-folder" bundle to write the DAG to the DB before running it.

stdout carries only the JSON document (Airflow and task logs go to stderr):
{"airflow_version": str, "dag_id": str, "state": "success" | "failed" | ..., "elapsed_seconds": float,
 "tasks": {task_id: {"state", "try_number", "max_tries", "start_date", "end_date", "duration",
                     "tries": [{"try_number", "state", "start_date", "end_date"}]}}}
"tries" lists the attempts before the last one (TaskInstanceHistory) followed by the final one.
Exit 0 whenever the run finished, whatever its state; 3 when the DAG could not be loaded.

Observed behaviour (Airflow 3.3.2 and 2.10.5, this machine), with the evidence:
OBSERVATIONS
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def hermetic_env(dag_file: str) -> str | None:
    made_home = None
    if not os.environ.get("AIRFLOW_HOME"):
        made_home = tempfile.mkdtemp(prefix="orchc-airflow-home-")
        os.environ["AIRFLOW_HOME"] = made_home
    home = os.environ["AIRFLOW_HOME"]
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = os.path.dirname(dag_file)
    os.environ.setdefault("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", f"sqlite:///{home}/airflow.db")
    os.environ.setdefault("AIRFLOW__CORE__PLUGINS_FOLDER", os.path.join(home, "plugins"))
    return made_home


def migrate_once() -> None:
    """`airflow db migrate` into the home's DB unless this home already has it."""
    import fcntl

    home = os.environ["AIRFLOW_HOME"]
    stamp_path = os.path.join(home, ".orchc-db-migrated")
    want = f"{sys.executable}\n{os.environ['AIRFLOW__DATABASE__SQL_ALCHEMY_CONN']}\n"
    # Parallel runs sharing a home must not migrate the same SQLite file at once.
    with open(os.path.join(home, ".orchc-db-migrate.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if os.path.exists(stamp_path) and open(stamp_path).read() == want:
            return
        done = subprocess.run(
            [sys.executable, "-m", "airflow", "db", "migrate"],
            stdout=sys.stderr,
            stderr=sys.stderr,
            env=os.environ,
        )
        if done.returncode != 0:
            raise SystemExit(f"run-dag-test.py: `airflow db migrate` failed with exit {done.returncode}")
        with open(stamp_path, "w") as stamp:
            stamp.write(want)


def load_dag(dag_file: str, dag_id: str):
    import inspect

    try:
        from airflow.dag_processing.dagbag import DagBag  # Airflow 3.x
    except ImportError:
        from airflow.models.dagbag import DagBag  # Airflow 2.x
    kwargs = {"dag_folder": dag_file}
    if "include_examples" in inspect.signature(DagBag.__init__).parameters:
        kwargs["include_examples"] = False
    dagbag = DagBag(**kwargs)
    dag = dagbag.dags.get(dag_id)
    if dag is None:
        errors = "\n".join(f"{path}:\n{tb}" for path, tb in dagbag.import_errors.items())
        found = ", ".join(sorted(dagbag.dags)) or "none"
        raise LookupError(f"DAG {dag_id!r} not found in {dag_file} (DAGs found: {found})\n{errors}")
    return dag


def iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def state_name(state) -> str | None:
    if state is None:
        return None
    return str(getattr(state, "value", state))


def collect(dag_run) -> dict:
    from airflow.utils.session import create_session

    try:
        from airflow.models.taskinstancehistory import TaskInstanceHistory
    except ImportError:
        TaskInstanceHistory = None

    from airflow.models.taskinstance import TaskInstance

    tasks = {}
    with create_session() as session:
        tis = (
            session.query(TaskInstance)
            .filter(TaskInstance.dag_id == dag_run.dag_id, TaskInstance.run_id == dag_run.run_id)
            .all()
        )
        history = []
        if TaskInstanceHistory is not None:
            history = (
                session.query(TaskInstanceHistory)
                .filter(
                    TaskInstanceHistory.dag_id == dag_run.dag_id,
                    TaskInstanceHistory.run_id == dag_run.run_id,
                )
                .order_by(TaskInstanceHistory.try_number)
                .all()
            )
        for ti in tis:
            key = ti.task_id if ti.map_index < 0 else f"{ti.task_id}[{ti.map_index}]"
            earlier = [
                {
                    "try_number": h.try_number,
                    "state": state_name(h.state),
                    "start_date": iso(h.start_date),
                    "end_date": iso(h.end_date),
                }
                for h in history
                if h.task_id == ti.task_id and h.map_index == ti.map_index
            ]
            final = {
                "try_number": ti.try_number,
                "state": state_name(ti.state),
                "start_date": iso(ti.start_date),
                "end_date": iso(ti.end_date),
            }
            tasks[key] = {
                "state": state_name(ti.state),
                "try_number": ti.try_number,
                "max_tries": ti.max_tries,
                "start_date": iso(ti.start_date),
                "end_date": iso(ti.end_date),
                "duration": ti.duration,
                "tries": earlier + [final],
            }
        state = state_name(session.merge(dag_run).state)
    return {"state": state, "tasks": dict(sorted(tasks.items()))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dag_file")
    parser.add_argument("dag_id")
    parser.add_argument("--conf", default=None, help="dag run conf as a JSON object")
    args = parser.parse_args()
    dag_file = os.path.abspath(args.dag_file)
    conf = json.loads(args.conf) if args.conf else None
    if conf is not None and not isinstance(conf, dict):
        parser.error("--conf must be a JSON object")

    made_home = hermetic_env(dag_file)
    real_stdout = os.dup(1)
    os.dup2(2, 1)
    status = 0
    result = None
    try:
        migrate_once()
        import airflow

        try:
            dag = load_dag(dag_file, args.dag_id)
        except LookupError as error:
            print(f"run-dag-test.py: {error}", file=sys.stderr)
            status = 3
        else:
            started = time.monotonic()
            dag_run = dag.test(run_conf=conf)
            elapsed = time.monotonic() - started
            result = {
                "airflow_version": airflow.__version__,
                "dag_id": args.dag_id,
                "elapsed_seconds": round(elapsed, 3),
                **collect(dag_run),
            }
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(real_stdout, 1)
        os.close(real_stdout)
        if made_home:
            import shutil

            shutil.rmtree(made_home, ignore_errors=True)
    if result is not None:
        sys.stdout.write(json.dumps(result, indent=2, sort_keys=True, default=str) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
