"""Render every templated field of every task and notifier the way a task run does, and print them.

    <venv>/bin/python render_templates.py <dags_folder>

Loads the folder with a DagBag (which, as Airflow does, reads template files for fields ending in
the operator's template_ext), then calls each task's and each DAG callback notifier's own
render_template_fields() with the DAG's Jinja environment: nested dicts and lists, template files
and the operator's own field list all behave as in a real run. Params render as their defaults, as
a run started without a conf would see them; `ti.try_number` is 1. A mapped task over a written
list is rendered once per item, as `<task>[<index>]`, the way Airflow renders a mapped instance:
the operator unmapped with that item, then its own fields with `task` the unmapped operator.

Prints {"import_errors": {...}, "dags": {dag_id: {"tasks": {task_id: {field: rendered}},
"notifiers": {"on_failure_callback[0]": {field: rendered}}, "errors": {where: message}}}} as JSON.
Uses inspect_dags.py's hermetic setup, so nothing is written outside AIRFLOW_HOME.
"""

from __future__ import annotations

import json
import os
import sys
import types

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from inspect_dags import _hermetic_env, logs_to_stderr, make_dagbag  # noqa: E402


def rendered_fields(templater, context, env) -> dict:
    templater.render_template_fields(context, env)
    return {name: getattr(templater, name, None) for name in templater.template_fields}


def mapped_instances(task) -> list:
    """A mapped task over written lists: its operator unmapped once per index (the lists zipped by position)."""
    literal = task.expand_input.value
    if not all(isinstance(value, list) for value in literal.values()):
        return []
    count = min(len(value) for value in literal.values())
    return [
        (
            f"{task.task_id}[{index}]",
            task.unmap({name: value[index] for name, value in literal.items()}),
        )
        for index in range(count)
    ]


def callbacks(dag, name: str) -> list:
    value = getattr(dag, name, None)
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def main(argv: list[str]) -> int:
    dags_folder = os.path.abspath(argv[1])
    _hermetic_env(dags_folder)
    with logs_to_stderr():
        bag = make_dagbag(dags_folder)
        result = {
            "import_errors": {
                key: str(value) for key, value in bag.import_errors.items()
            },
            "dags": {},
        }
        for dag_id, dag in bag.dags.items():
            env = dag.get_template_env()
            params = {name: dag.params[name] for name in dag.params}
            out = {"tasks": {}, "notifiers": {}, "errors": {}}
            for task in dag.tasks:
                mapped = type(task).__name__ == "MappedOperator"
                for key, operator in (
                    mapped_instances(task) if mapped else [(task.task_id, task)]
                ):
                    context = {
                        "params": params,
                        "ti": types.SimpleNamespace(try_number=1),
                        "task": operator,
                        "dag": dag,
                    }
                    try:
                        out["tasks"][key] = rendered_fields(operator, context, env)
                    except Exception as error:  # noqa: BLE001
                        out["errors"][key] = f"{type(error).__name__}: {error}"
            for name in ("on_success_callback", "on_failure_callback"):
                for index, notifier in enumerate(callbacks(dag, name)):
                    where = f"{name}[{index}]"
                    if not hasattr(notifier, "render_template_fields"):
                        continue
                    try:
                        out["notifiers"][where] = rendered_fields(
                            notifier, {"params": params, "dag": dag}, env
                        )
                    except Exception as error:  # noqa: BLE001
                        out["errors"][where] = f"{type(error).__name__}: {error}"
            result["dags"][dag_id] = out
    sys.stdout.write(json.dumps(result, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
