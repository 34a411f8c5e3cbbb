import { notebook, pipeline, serverless, sparkPython } from "orchc";

// On Databricks a notebook or Python task sets its outputs as task values; readers get `{{tasks.<task>.values.<name>}}`.
const daily = pipeline("task_outputs_databricks", { compute: { jobs: serverless() }, defaultCompute: "jobs" });
const count = daily.task("count-rows", notebook("src/count.py")).outputs({ rows: "number" });
daily.task("report", sparkPython("src/report.py", ["--rows", count.output.rows]));

export default daily;
