import { cron, params, pipeline, runPipeline, sh } from "orchc";

// A child whose outcome the caller chooses (mode: ok, partial through its optional report, fail),
// and a parent that calls it first and publishes after it.
const n = params({ catalog: { type: "string", default: "dev" }, mode: { type: "string", default: "ok" } });
export const child = pipeline("rp_child", { params: n });
const work = child.task("work", sh`echo "catalog=${n.catalog}"; test ${n.mode} != fail`);
child.task("report", sh`test ${n.mode} != partial`).after(work).optional();

const d = params({ mode: { type: "string", default: "ok" } });
export const parent = pipeline("rp_parent", { params: d, schedule: cron("0 6 * * *") });
const start = parent.task("start_child", runPipeline(child, { params: { catalog: "main", mode: d.mode } }));
parent.task("publish", sh`echo published`).after(start);
