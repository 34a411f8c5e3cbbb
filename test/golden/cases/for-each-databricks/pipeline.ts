import { item, notebook, params, pipeline, serverless, sparkPython } from "orchc";

// For-each on Databricks (issue 19): for_each_task over task values a notebook sets, a written list and a job parameter.
const p = params({ days: { type: "string", default: '["2026-12-01","2026-12-02"]' } });
const daily = pipeline("golden_for_each_databricks", { params: p, compute: { jobs: serverless() }, defaultCompute: "jobs" });
const listed = daily.task("list-partitions", notebook("src/list_partitions.py")).outputs({ parts: "list" });
daily.task("load", notebook("src/load.py", { partition: item })).forEach(listed.output.parts, { concurrency: 3 }).retries(2);
daily.task("export", sparkPython("src/export.py", ["--region", item])).forEach(["eu", "us"], { concurrency: 2 });
daily.task("backfill", notebook("src/backfill.py", { day: item })).forEach(p.days);

export default daily;
