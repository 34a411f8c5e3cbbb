"""Times how long Airflow takes to parse DAG files, the way its DAG processor does.

The processor pre-imports the airflow modules a file names in its own process, then forks a child
per parse, which fills a DagBag from the file; the DagBag's FileLoadStat duration (what `airflow
dags report` prints) is the number reported. This script does the same: it pre-imports with the
processor's own function, forks one child per run, and writes JSON with each run's duration and
a description of the DAGs the child found (its tasks, edges and commands), so the caller can check
that the files it compares really hold the same DAG.

usage: airflow-parse.py FILE... --out REPORT.json --runs N [--tasks] [--profile OUT.pstats]

The report goes to a file, as Airflow logs to stdout.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time


def describe(bag) -> dict:
    tasks = {}
    for dag in bag.dags.values():
        for task in dag.tasks:
            delay = getattr(task, "retry_delay", None)
            tasks[task.task_id] = {
                "upstream": sorted(task.upstream_task_ids),
                "bash_command": getattr(task, "bash_command", None),
                "env": getattr(task, "env", None),
                "append_env": getattr(task, "append_env", None),
                "skip_on_exit_code": sorted(getattr(task, "skip_on_exit_code", None) or []),
                "retries": task.retries,
                "retry_delay_seconds": delay.total_seconds() if delay is not None and task.retries else None,
            }

    def digest(keys):
        picked = {task_id: {key: task[key] for key in keys} for task_id, task in sorted(tasks.items())}
        return hashlib.sha256(json.dumps(picked, sort_keys=True).encode()).hexdigest()[:16]

    return {
        "dag_ids": sorted(bag.dags),
        "tasks": len(tasks),
        "edges": sum(len(task["upstream"]) for task in tasks.values()),
        # Same tasks and edges; then the same commands; then the same retries and environment too.
        "graph_digest": digest(["upstream"]),
        "command_digest": digest(["upstream", "bash_command"]),
        "settings_digest": digest(["upstream", "bash_command", "env", "append_env", "skip_on_exit_code", "retries", "retry_delay_seconds"]),
        "import_errors": bag.import_errors,
        # In declaration order, for writing the same DAG in other forms.
        "task_list": [{"task_id": task_id, **task} for task_id, task in tasks.items()],
    }


def parse_once(path: str, profile: str | None) -> dict:
    from airflow.dag_processing.dagbag import DagBag

    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started, cpu_started = time.perf_counter(), time.process_time()
    bag = DagBag(dag_folder=path)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    (stat,) = bag.dagbag_stats
    return {"duration": stat.duration.total_seconds(), "wall": wall, "cpu": cpu, **describe(bag)}


def in_child(path: str, profile: str | None) -> dict:
    """One parse in a forked child, as the DAG processor does, so no run warms the next."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            payload = json.dumps(parse_once(path, profile)).encode()
        except BaseException as error:  # noqa: BLE001 - the parent reports it
            payload = json.dumps({"error": repr(error)}).encode()
        with os.fdopen(write_end, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as source:
        payload = source.read()
    os.waitpid(pid, 0)
    result = json.loads(payload or b'{"error": "child printed nothing"}')
    if "error" in result:
        raise SystemExit(f"parsing {path} failed: {result['error']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", help="a cProfile of one more parse of the first file")
    parser.add_argument("--tasks", action="store_true", help="also report every task")
    args = parser.parse_args()
    paths = [os.path.abspath(file) for file in args.files]

    import airflow
    import structlog
    from airflow.dag_processing.processor import _pre_import_airflow_modules

    for path in paths:
        _pre_import_airflow_modules(path, structlog.get_logger())
    # A warm-up parse of each, then the timed ones taking turns, so a busy spell on the machine
    # slows every file alike.
    for path in paths:
        in_child(path, None)
    runs = {path: [] for path in paths}
    for _ in range(args.runs):
        for path in paths:
            runs[path].append(in_child(path, None))
    if args.profile:
        in_child(paths[0], args.profile)
    left_out = {"duration", "wall", "cpu"} | (set() if args.tasks else {"task_list"})
    reports = {}
    for path, results in runs.items():
        first = results[0]
        reports[path] = {key: first[key] for key in first if key not in left_out}
        reports[path].update(
            durations=[run["duration"] for run in results],
            walls=[run["wall"] for run in results],
            # CPU seconds of the same span: what a busy machine does not inflate.
            cpus=[run["cpu"] for run in results],
        )
    with open(args.out, "w", encoding="utf-8") as out:
        json.dump({"airflow_version": airflow.__version__, "python": sys.version.split()[0], "files": reports}, out)


if __name__ == "__main__":
    main()
