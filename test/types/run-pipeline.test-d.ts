// runPipeline is typed against the other pipeline when given its handle: each `@ts-expect-error`
// below fails the type test if the line it guards ever stops being an error.
import { concat, params, pipeline, runPipeline, run } from "orchc";

const n = params({ catalog: { type: "string" }, days: { type: "number", default: 1 }, mode: { type: "enum", values: ["full", "delta"], default: "delta" } });
const nightly = pipeline("nightly", { params: n });
const p = params({ catalog: { type: "string", default: "prod" } });
const daily = pipeline("daily", { params: p });

daily.task("a", runPipeline(nightly, { params: { catalog: p.catalog, days: 7, mode: "full" } }));
daily.task("b", runPipeline(nightly, { params: { catalog: concat(p.catalog, "_", run.id) } }));
// By id, from a file that cannot import the other pipeline: checked when the build compiles both.
daily.task("c", runPipeline("nightly", { params: { anything: 1 } }));
// @ts-expect-error a param the other pipeline does not declare
runPipeline(nightly, { params: { catalgo: "x" } });
// @ts-expect-error a number param takes a number
runPipeline(nightly, { params: { days: "7" } });
// @ts-expect-error an enum param takes one of its values
runPipeline(nightly, { params: { mode: "weekly" } });
// @ts-expect-error a pipeline is started by its handle or its id, not by a task
runPipeline(daily.task("d", runPipeline("nightly")));
