import { cluster, existingCluster, notebook, params, pipeline, sql, warehouse } from "orchc";

// Workspace objects by name (issue 18). Airflow has no lookup for a cluster, an instance pool or a
// policy, nor a warehouse id for a SQL file: each is refused where it is named, with the way out (ids,
// one per environment). On Databricks a name that holds a bundle reference, and a compute's variable
// that a param's already takes, are refused.
const p = params({ nightly__etl_cluster: { type: "string", default: "x" } });

export const nightly = pipeline("nightly", {
  params: p,
  targets: { airflow: {}, databricks: {} },
  compute: {
    etl: existingCluster({ name: "Shared ${var.team} cluster" }),
    pooled: cluster({ sparkVersion: "15.4.x-scala2.12", nodeType: "i3.xlarge", policy: { name: "Job Compute" } }),
    bi: warehouse({ name: "Starter Warehouse" }),
  },
  environments: {
    prod: { compute: { pooled: cluster({ sparkVersion: "15.4.x-scala2.12", instancePool: { name: "Jobs pool" }, policy: { name: "Job Compute" } }) } },
  },
});
nightly.task("load", notebook("src/load")).compute("etl");
nightly.task("rebuild", notebook("src/rebuild")).compute("pooled");
nightly.task("report", sql({ file: "src/report.sql" }, { warehouse: "bi" }));
