import { notebook, params, pipeline, runPipeline, serverless } from "orchc";

// On Databricks a runPipeline task is a run_job_task on the other job of the same bundle.
const n = params({ catalog: { type: "string", default: "dev" }, days: { type: "number", default: 1 } });
export const nightly = pipeline("golden_db_nightly", { params: n, compute: { sl: serverless() }, defaultCompute: "sl" });
nightly.task("refresh", notebook("notebooks/refresh", { catalog: n.catalog, days: n.days }));

const d = params({ catalog: { type: "string", default: "prod" } });
export const daily = pipeline("golden_db_daily", { params: d, compute: { sl: serverless() }, defaultCompute: "sl" });
const load = daily.task("load", notebook("notebooks/load", { catalog: d.catalog }));
daily.task("start_nightly", runPipeline(nightly, { params: { catalog: d.catalog, days: 7 } })).after(load).retries(1, { onTimeout: true }).timeout("2h");
