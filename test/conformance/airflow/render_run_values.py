"""Render one task's `env` as Airflow would for the DAG's first scheduled run and for runs triggered by hand.

    <venv>/bin/python render_run_values.py <dags_folder> <dag_id> <task_id>

The runs' times come from the DAG's own timetable (Airflow's code, not a guess): the first
scheduled run is `next_dagrun_info` from the DAG's start date, a run by hand uses
`infer_manual_data_interval`. Each context holds what a task run's context holds for the
expressions orchc writes (`run_id`, `dag_run`, `data_interval_end`), and the task's own
`render_template_fields` renders `env` with the DAG's Jinja environment.

Prints {"airflow_version", "runs": {name: {"fire_time": iso, "env": {...}}}} as JSON on stdout.
"""

from __future__ import annotations

import copy
import json
import os
import sys
import types

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from inspect_dags import _hermetic_env, logs_to_stderr, make_dagbag  # noqa: E402


def core_timetable(timetable):
    """The scheduler's own timetable: 3.x DAG files hold the task SDK's, which only describes it."""
    try:
        from airflow.serialization.encoders import coerce_to_core_timetable
    except ImportError:  # 2.x: the DAG's timetable is the scheduler's
        return timetable
    return coerce_to_core_timetable(timetable)


def main(argv: list[str]) -> int:
    dags_folder, dag_id, task_id = os.path.abspath(argv[1]), argv[2], argv[3]
    _hermetic_env(dags_folder)
    with logs_to_stderr():
        import airflow
        import pendulum
        from airflow.timetables.base import TimeRestriction

        bag = make_dagbag(dags_folder)
        if bag.import_errors:
            raise SystemExit(f"import errors: {bag.import_errors}")
        dag = bag.dags[dag_id]
        env = dag.get_template_env()
        timetable = core_timetable(dag.timetable)
        info = timetable.next_dagrun_info(
            last_automated_data_interval=None,
            restriction=TimeRestriction(
                earliest=dag.start_date, latest=None, catchup=True
            ),
        )
        by_hand_at = pendulum.datetime(2026, 3, 4, 0, 30, tz="UTC")
        manual = timetable.infer_manual_data_interval(run_after=by_hand_at)
        scheduled_at = getattr(info, "run_after", None) or info.data_interval.end
        runs = {
            # The logical date Airflow gives a scheduled run: the interval's start on 2.x, the fire time on 3.x.
            "scheduled": (
                "scheduled__x",
                "scheduled",
                info.logical_date,
                info.data_interval.end,
                scheduled_at,
            ),
            "manual_without_logical_date": (
                "manual__x",
                "manual",
                None,
                manual.end,
                by_hand_at,
            ),
            "manual_with_logical_date": (
                "manual__y",
                "manual",
                by_hand_at,
                manual.end,
                by_hand_at,
            ),
        }
        result = {"airflow_version": airflow.__version__, "runs": {}}
        for name, (
            run_id,
            run_type,
            logical_date,
            interval_end,
            fire_time,
        ) in runs.items():
            # A fresh copy each time: rendering replaces the fields' text with what it rendered.
            task = copy.deepcopy(dag.get_task(task_id))
            context = {
                "params": {key: dag.params[key] for key in dag.params},
                "run_id": run_id,
                "dag_run": types.SimpleNamespace(
                    run_type=run_type, logical_date=logical_date, run_id=run_id
                ),
                "data_interval_end": interval_end,
                "ti": types.SimpleNamespace(try_number=1),
                "task": task,
                "dag": dag,
            }
            task.render_template_fields(context, env)
            result["runs"][name] = {
                "fire_time": fire_time.isoformat(),
                "env": dict(task.env or {}),
            }
    sys.stdout.write(json.dumps(result, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
