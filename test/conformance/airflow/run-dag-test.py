"""Run one DAG once, in-process, with real Airflow's dag.test(), and print the outcome as JSON.

    <venv>/bin/python run-dag-test.py <dag_file> <dag_id> [--conf JSON] [--use-executor]

--use-executor runs each task the way a worker does (dag.test(use_executor=True): the
configured executor, a task process, task log files under AIRFLOW_HOME/logs) instead of inline.

The caller points AIRFLOW_HOME at a throwaway directory (airflow-env.ts does; when unset, this
script makes and removes one itself). dag.test() needs the metadata DB, so on first use of a home
this runs `airflow db migrate` into SQLite there and leaves a stamp; later runs in the same home
skip it. The DAGs folder is set to the DAG file's directory because 3.x dag.test() re-parses the
"dags-folder" bundle to write the DAG to the DB before running it.

stdout carries only the JSON document (Airflow and task logs go to stderr):
{"airflow_version": str, "dag_id": str, "state": "success" | "failed" | ..., "elapsed_seconds": float,
 "aborted": null | traceback of an exception that escaped dag.test() (see execution_timeout below),
 "tasks": {task_id: {"state", "try_number", "max_tries", "start_date", "end_date", "duration",
                     "tries": [{"try_number", "state", "start_date", "end_date"}],
                     "rendered_fields": the task's rendered_task_instance_fields row, or null}}}
"tries" lists the attempts before the last one (TaskInstanceHistory) followed by the final one.
Exit 0 whenever the run finished, whatever its state; 3 when the DAG could not be loaded.

Observed behaviour (Airflow 3.3.2 and 2.10.5 on Python 3.11, 2026-11; fixtures/run/ and an
ad-hoc DAG), with the evidence:

- Retries: honoured by dag.test() on both, inline and in the same process. A failed try goes to
  up_for_retry; the loop's dr.update_state() only hands it back once next_retry_datetime() has
  passed, and meanwhile the loop logs "No tasks to run. unrunnable tasks: ..." and sleeps 1 s.
  So retry_delay is honoured with ~1 s granularity, and tasks never run in parallel.
  3.3.2, retry_then_succeed.py (retries=2, retry_delay=1s): tries from TaskInstanceHistory
    1 failed 02:38:06.944-02:38:12.318, 2 failed 02:38:13.428-13.486, 3 success 02:38:14.547-14.627
    -> try_number 3, max_tries 2, run "success"; gaps 1.11 s and 1.06 s.
  3.3.2, retry_delay=4s: try 1 ended 02:39:50.116, try 2 started 02:39:54.132 (4.02 s).
  2.10.5, retry_delay=4s: "Marking task as UP_FOR_RETRY" 02:44:05.803, four 1 s
    "No tasks to run" polls, "starting task_id=delay4" 02:44:09.972 (4.17 s).
  2.10.5 writes no TaskInstanceHistory rows and leaves start_date/duration null under dag.test(),
  so only the final try is reported there (try_number 3 all the same).
- The first task of a 3.3 dag.test() takes ~6-7 s longer (02:38:05.57 -> 12.23 above): the
  in-process Execution API (FastAPI TestClient) starts then. Later tasks take ~0.05-0.1 s.
- execution_timeout: 3.3.2 enforces it: `sleep 30` with 2 s -> "Process timed out",
  AirflowTaskTimeout, "Sending SIGTERM signal to process group" (the sleep is gone), task failed
  after 2.06 s; with retries=1 it is retried like any failure (try 2 failed too).
  2.10.5: AirflowTaskTimeout derives from BaseException there, escapes dag.test()'s
  `except Exception`, and ends dag.test() itself: the run stays "running" and tasks not yet run
  stay scheduled. This script then reports "aborted" (the traceback) with the DB's states.
- skip_on_exit_code: both versions: exit 99 (the default) -> skipped, not retried even with
  retries=2 (try_number 1); its all_success downstream -> skipped (try_number 0).
  skip_on_exit_code=[100] -> exit 100 skipped; skip_on_exit_code=None -> exit 99 failed.
- trigger_rule all_done after a failed upstream runs (success); an all_success sibling ends
  upstream_failed with try_number 0; the run is "failed" (a leaf failed).
- dag.test() needs a migrated metadata DB: without `airflow db migrate`, 3.3.2 creates an empty
  airflow.db and fails with "sqlite3.OperationalError: no such table: task_instance". A fresh
  SQLite migration takes ~5.6 s (3.3.2). The retry fixture run takes ~11 s inside
  dag.test() and ~21 s in all on 3.3 with a fresh home, ~3.5 s / ~10 s on 2.10.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback

# Parsing DAG files must leave no __pycache__ beside them (fixtures and generated dags/ alike).
sys.dont_write_bytecode = True


def hermetic_env(dag_file: str) -> str | None:
    made_home = None
    if not os.environ.get("AIRFLOW_HOME"):
        made_home = tempfile.mkdtemp(prefix="orchc-airflow-home-")
        os.environ["AIRFLOW_HOME"] = made_home
    home = os.environ["AIRFLOW_HOME"]
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = os.path.dirname(dag_file)
    os.environ.setdefault(
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", f"sqlite:///{home}/airflow.db"
    )
    os.environ.setdefault(
        "AIRFLOW__CORE__PLUGINS_FOLDER", os.path.join(home, "plugins")
    )
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
        if os.path.exists(stamp_path):
            with open(stamp_path) as stamp:
                if stamp.read() == want:
                    return
        done = subprocess.run(
            [sys.executable, "-m", "airflow", "db", "migrate"],
            stdout=sys.stderr,
            stderr=sys.stderr,
            env=os.environ,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(
                f"run-dag-test.py: `airflow db migrate` failed with exit {done.returncode}"
            )
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
        errors = "\n".join(
            f"{path}:\n{tb}" for path, tb in dagbag.import_errors.items()
        )
        found = ", ".join(sorted(dagbag.dags)) or "none"
        raise LookupError(
            f"DAG {dag_id!r} not found in {dag_file} (DAGs found: {found})\n{errors}"
        )
    return dag


def latest_run(dag_id: str):
    from airflow.models.dagrun import DagRun
    from airflow.utils.session import create_session

    with create_session() as session:
        run = (
            session.query(DagRun)
            .filter(DagRun.dag_id == dag_id)
            .order_by(DagRun.id.desc())
            .first()
        )
        if run is not None:
            session.expunge(run)
        return run


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

    from airflow.models.renderedtifields import RenderedTaskInstanceFields as RTIF
    from airflow.models.taskinstance import TaskInstance

    tasks = {}
    with create_session() as session:
        tis = (
            session.query(TaskInstance)
            .filter(
                TaskInstance.dag_id == dag_run.dag_id,
                TaskInstance.run_id == dag_run.run_id,
            )
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
        rendered = {
            (row.task_id, row.map_index): row.rendered_fields
            for row in session.query(RTIF).filter(
                RTIF.dag_id == dag_run.dag_id, RTIF.run_id == dag_run.run_id
            )
        }
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
                "rendered_fields": rendered.get((ti.task_id, ti.map_index)),
            }
        state = state_name(session.merge(dag_run).state)
    return {"state": state, "tasks": dict(sorted(tasks.items()))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dag_file")
    parser.add_argument("dag_id")
    parser.add_argument("--conf", default=None, help="dag run conf as a JSON object")
    parser.add_argument("--use-executor", action="store_true")
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
            aborted = None
            try:
                dag_run = dag.test(run_conf=conf, use_executor=args.use_executor)
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException:  # noqa: BLE001
                # 2.10's AirflowTaskTimeout is a BaseException, which escapes dag.test()'s
                # `except Exception` and ends the whole run mid-way; report it, not crash.
                aborted = traceback.format_exc()
                print(aborted, file=sys.stderr)
                dag_run = latest_run(args.dag_id)
            elapsed = time.monotonic() - started
            result = {
                "airflow_version": airflow.__version__,
                "dag_id": args.dag_id,
                "elapsed_seconds": round(elapsed, 3),
                "aborted": aborted,
                **(
                    collect(dag_run)
                    if dag_run is not None
                    else {"state": None, "tasks": {}}
                ),
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
        sys.stdout.write(
            json.dumps(result, indent=2, sort_keys=True, default=str) + "\n"
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
