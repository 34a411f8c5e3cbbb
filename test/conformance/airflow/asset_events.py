"""What Airflow's metadata DB says about orchc's trigger assets, as JSON on stdout.

    <venv>/bin/python asset_events.py

Run with the AIRFLOW_HOME (and DAGs folder) a dag.test() used: its parse of the DAGs folder wrote
each DAG's asset schedule and task outlets, and a successful task with an outlet wrote an asset
event, which queues every DAG scheduled on that asset (the scheduler starts them from that queue).
{"schedules": {dag_id: asset expression}, "outlets": [[dag_id, task_id, uri]],
 "events": [[uri, source_dag_id, source_task_id]], "queued": [[target_dag_id, uri]]}
"""

from __future__ import annotations

import json
import sys

sys.dont_write_bytecode = True


def main() -> int:
    from airflow.utils.session import create_session

    try:  # Airflow 3.x
        from airflow.models.asset import (
            AssetDagRunQueue as Queue,
            AssetEvent as Event,
            AssetModel as Model,
            DagScheduleAssetReference as ScheduleRef,
            TaskOutletAssetReference as OutletRef,
        )

        expression, asset_id = "asset_expression", "asset_id"
    except ImportError:  # 2.10: Datasets
        from airflow.models.dataset import (
            DatasetDagRunQueue as Queue,
            DatasetEvent as Event,
            DatasetModel as Model,
            DagScheduleDatasetReference as ScheduleRef,
            TaskOutletDatasetReference as OutletRef,
        )

        expression, asset_id = "dataset_expression", "dataset_id"
    from airflow.models.dag import DagModel

    with create_session() as session:
        uri = {model.id: model.uri for model in session.query(Model).all()}
        scheduled = {ref.dag_id for ref in session.query(ScheduleRef).all()}
        report = {
            "schedules": {
                dag.dag_id: getattr(dag, expression)
                for dag in session.query(DagModel).all()
                if dag.dag_id in scheduled
            },
            "outlets": sorted(
                [ref.dag_id, ref.task_id, uri[getattr(ref, asset_id)]]
                for ref in session.query(OutletRef).all()
            ),
            "events": [
                [uri[getattr(event, asset_id)], event.source_dag_id, event.source_task_id]
                for event in session.query(Event).order_by(Event.id).all()
            ],
            "queued": sorted(
                [row.target_dag_id, uri[getattr(row, asset_id)]]
                for row in session.query(Queue).all()
            ),
        }
    json.dump(report, sys.stdout, indent=2, sort_keys=True, default=str)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
