"""Render every task's templated `env` and `bash_command` with the DAG's own Jinja environment.

    <venv>/bin/python render_templates.py <dags_folder>

Prints {dag_id: {task_id: {"env": {name: rendered}, "bash_command": rendered}}} as JSON. Params
render as their defaults, as a run started without a conf would see them. Uses inspect_dags.py's
hermetic setup, so nothing is written outside AIRFLOW_HOME.
"""

from __future__ import annotations

import json
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from inspect_dags import _hermetic_env, make_dagbag  # noqa: E402


def main(argv: list[str]) -> int:
    dags_folder = os.path.abspath(argv[1])
    _hermetic_env(dags_folder)
    real_stdout = os.dup(1)
    os.dup2(2, 1)
    try:
        bag = make_dagbag(dags_folder)
        result = {"import_errors": {key: str(value) for key, value in bag.import_errors.items()}, "dags": {}}
        for dag_id, dag in bag.dags.items():
            env = dag.get_template_env()
            params = {name: dag.params[name] for name in dag.params}
            render = lambda text: env.from_string(text).render(params=params)  # noqa: E731
            tasks = {}
            for task in dag.tasks:
                tasks[task.task_id] = {
                    "env": {name: render(value) for name, value in (getattr(task, "env", None) or {}).items()},
                    "bash_command": render(task.bash_command) if hasattr(task, "bash_command") else None,
                }
            result["dags"][dag_id] = tasks
    finally:
        sys.stdout.flush()
        os.dup2(real_stdout, 1)
        os.close(real_stdout)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
