import { notebook, pipeline, sh } from "orchc";

// What a target cannot say, with the way out: Databricks has no trigger after another job in its
// bundle schema, Airflow and GitHub Actions watch no storage; and a pipeline run after one that is
// not built for the same target.
export const nightly = pipeline("nightly", { targets: { airflow: {}, databricks: {} } });
nightly.task("load", notebook("src/load.py"));

export const report = pipeline("report", { trigger: { after: [nightly] }, targets: { databricks: {} } });
report.task("build", notebook("src/build.py"));

export const audit = pipeline("audit", { trigger: { after: ["nightly"] }, targets: { githubActions: {} } });
audit.task("check", sh`./audit.sh`);

export const landing = pipeline("landing", { trigger: { fileArrival: { path: "s3://landing/orders/" } }, targets: { airflow: {}, githubActions: {} } });
landing.task("ingest", sh`./ingest.sh`);

export const orders = pipeline("orders", { trigger: { tableUpdate: { tables: ["main.sales.orders"] } }, targets: { githubActions: {} } });
orders.task("refresh", sh`./refresh.sh`);
