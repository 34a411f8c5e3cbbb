import { concat, params, pipeline, runPipeline, sh } from "orchc";

// What a GitHub Actions job that calls another workflow cannot carry (ORC154), a pipeline that
// starts one not built for GitHub Actions (ORC153), and a timeout Airflow 3 would not apply (ORC154).
const n = params({ catalog: { type: "string", default: "dev" } });
export const nightly = pipeline("nightly", { params: n, targets: { githubActions: {} } });
nightly.task("refresh", sh`./refresh.sh ${n.catalog}`);

export const airflowOnly = pipeline("airflow_only", { targets: { airflow: {} } });
airflowOnly.task("work", sh`./work.sh`);

const d = params({ catalog: { type: "string", default: "prod" } });
export const daily = pipeline("daily", { params: d, targets: { githubActions: {} } });
const extract = daily.task("extract", sh`./extract.sh`);
daily.task("retried", runPipeline(nightly)).retries(2).timeout("1h");
daily.task("maybe", runPipeline(nightly)).optional();
daily.task("after_extract", runPipeline(nightly)).after(extract);
daily.task("cleanup", runPipeline(nightly)).after(extract).runIf("allDone");
daily.task("templated", runPipeline(nightly, { params: { catalog: concat(d.catalog, "_x") } }));
daily.task("elsewhere", runPipeline("airflow_only"));

export const onAirflow = pipeline("on_airflow", { targets: { airflow: {} } });
onAirflow.task("bounded", runPipeline(airflowOnly)).timeout("1h");
