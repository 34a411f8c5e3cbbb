import { params, pipeline, sh } from "orchc";

// An upstream whose outcome the run's conf picks, and two pipelines that run after it: one after
// it alone, one after either it or the other (any one's success).
const p = params({ outcome: { type: "enum", values: ["success", "optionalFails", "fails"], default: "success" } });
export const upstream = pipeline("trigger_upstream", { params: p });
const load = upstream.task("load", sh`test ${p.outcome} != fails`);
upstream.task("stats", sh`test ${p.outcome} != optionalFails`).after(load).optional();

export const downstream = pipeline("trigger_downstream", { trigger: { after: [upstream] } });
downstream.task("report", sh`true`);

export const either = pipeline("trigger_either", { trigger: { after: [upstream, downstream] } });
either.task("audit", sh`true`);
