import { concat, cron, notebook, pipeline, run, serverless, sparkPython, sql, warehouse } from "orchc";

// Run values in a notebook's, a Python file's and a SQL file's parameters (Databricks' dynamic value references, and Airflow's Jinja).
const daily = pipeline("run_values_databricks", {
  schedule: cron("0 2 * * *"),
  compute: { jobs: serverless(), wh: warehouse("abc123") },
  defaultCompute: "jobs",
});
const ingest = daily.task("ingest", notebook("src/ingest.py", { day: run.date, run: run.id, label: concat("ingest-", run.date) }));
const score = daily.task("score", sparkPython("src/score.py", ["--day", run.date, "--run", run.id])).after(ingest);
daily.task("publish", sql({ file: "src/publish.sql" }, { warehouse: "wh", params: { day: run.date } })).compute("wh").after(score);

export default daily;

