import { concat, cron, params, pipeline, python, run, secrets, sh } from "orchc";

// The run's id and date in a command, as arguments, and in env values (one mixed with a secret).
const p = params({ out: { type: "string", default: "/tmp/exports" } });
const s = secrets({ token: { description: "Export API token", env: "EXPORT_TOKEN", key: "export_token" } });

const exports = pipeline("run_values", { schedule: cron("0 2 * * *"), params: p, secrets: s });
const extract = exports.task("extract", sh`python extract.py --day ${run.date} --batch ${run.id} --out ${p.out}`);
const load = exports.task("load", python("load.py", ["--day", run.date, concat("--batch=", run.id)])).after(extract);
exports
  .task("publish", sh`python publish.py`)
  .after(load)
  .env({ BATCH: concat("exports/", run.date, "/", run.id), AUTH: concat(run.id, ":", s.token) });

export default exports;
