import { cron, params, pipeline, runPipeline, sh } from "orchc";

// A pipeline that others start: its params are what a caller passes; its optional report may fail
// without failing it (PARTIAL, which a caller counts as success).
const n = params({
  catalog: { type: "string", default: "dev" },
  days: { type: "number", default: 1 },
  full: { type: "boolean", default: false },
});
export const nightly = pipeline("golden_nightly", { params: n });
const refresh = nightly.task("refresh", sh`./refresh.sh --catalog ${n.catalog} --days ${n.days} --full ${n.full}`);
nightly.task("report", sh`./report.sh`).after(refresh).optional();

// Starts nightly by its handle with a param of its own and a literal, then publishes after it.
const d = params({ catalog: { type: "string", default: "prod" } });
export const daily = pipeline("golden_daily", { params: d, schedule: cron("0 6 * * *") });
const start = daily.task("start_nightly", runPipeline(nightly, { params: { catalog: d.catalog, days: 7 } }));
daily.task("publish", sh`./publish.sh --catalog ${d.catalog}`).after(start);

// Starts daily by its id, as a file that cannot import it would.
export const weekly = pipeline("golden_weekly", {});
weekly.task("daily", runPipeline("golden_daily"));
