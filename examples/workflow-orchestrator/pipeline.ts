// Imported from dependency.json, cluster_config.json, warehouse_config.json by `orchc import workflow-orchestrator --tasks Task_dependency/dependency.json --clusters config/cluster_config.json --warehouses config/warehouse_config.json --name workflow_orchestrator_job`.
// From here on this file is the source: edit it, then run `orchc build`.
// Clusters become job clusters created for each run; warehouses are created by the Databricks bundle;
// each task runs its file on the compute its compute_name names, after the tasks in its dependent_on.

import { cluster, notebook, pipeline, sql, sqlWarehouse } from "orchc";

export const workflow = pipeline("workflow_orchestrator_job", {
  description: "Imported from the Workflow Orchestrator's dependency.json, cluster_config.json, warehouse_config.json.",
  compute: {
    // Left out: cluster_name "etl-cluster" (a job cluster is named by its job).
    // Left out: autotermination_minutes 30 (a job cluster ends with its run).
    "etl-cluster": cluster({
      sparkVersion: "15.4.x-scala2.12",
      nodeType: "Standard_DS3_v2",
      autoscale: { min: 1, max: 4 },
      sparkConf: { "spark.sql.shuffle.partitions": "64" },
      databricks: { data_security_mode: "SINGLE_USER", runtime_engine: "PHOTON" },
    }),
    // Left out: cluster_name "ml-cluster" (a job cluster is named by its job).
    "ml-cluster": cluster({
      sparkVersion: "15.4.x-cpu-ml-scala2.12",
      nodeType: "Standard_DS4_v2",
      workers: 2,
      env: { PYSPARK_PYTHON: "/databricks/python3/bin/python3" },
    }),
    "reporting-warehouse": sqlWarehouse({
      name: "reporting-warehouse",
      size: "2X-Small",
      minClusters: 1,
      maxClusters: 2,
      autoStopMinutes: 10,
      type: "pro",
      serverless: true,
      databricks: { spot_instance_policy: "COST_OPTIMIZED" },
    }),
  },
});
// dependency.json task 1
const ingestOrders = workflow.task("ingest_orders", notebook("notebooks/ingest_orders.py")).compute("etl-cluster");
// dependency.json task 2
const ingestCustomers = workflow
  .task("ingest_customers", notebook("notebooks/ingest_customers.py"))
  .compute("etl-cluster");
// dependency.json task 3
const cleanOrders = workflow
  .task("clean_orders", notebook("notebooks/clean_orders.py"))
  .after(ingestOrders, ingestCustomers)
  .compute("etl-cluster");
// dependency.json task 4
workflow.task("train_model", notebook("notebooks/train_model.py")).after(cleanOrders).compute("ml-cluster");
// dependency.json task 5
workflow
  .task("daily_report", sql({ file: "notebooks/daily_report.sql" }, { warehouse: "reporting-warehouse" }))
  .after(cleanOrders);
