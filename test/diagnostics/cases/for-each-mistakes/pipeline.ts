import { item, params, pipeline, runPipeline, sh } from "orchc";

// For-each tasks written wrongly: `item` in a task that runs once, lists that cannot hold items
// (empty, a number param, a string param whose default is no JSON array of strings, an output of
// another type: a type error with the builder), outputs per iteration, another pipeline per item,
// and an iteration over an output with a runIf that may run without it.
const p = params({ days: { type: "number", default: 3 }, regions: { type: "string", default: "eu,us" } });
const flow = pipeline("for_each_flow", { params: p, targets: { local: {} } });
const count = flow.task("count", sh`./count.sh`).outputs({ rows: "number", parts: "list" });
flow.task("once", sh`./load.sh ${item}`);
flow.task("empty", sh`./load.sh ${item}`).forEach([]);
// @ts-expect-error a number param holds no list
flow.task("by_number", sh`./load.sh ${item}`).forEach(p.days);
flow.task("by_text", sh`./load.sh ${item}`).forEach(p.regions);
// @ts-expect-error `rows` is a number, not a list
flow.task("by_rows", sh`./load.sh ${item}`).forEach(count.output.rows);
flow.task("per_item_output", sh`./load.sh ${item}`).forEach(count.output.parts).outputs({ loaded: "number" });
flow.task("per_item_pipeline", runPipeline("other", { params: { day: item } })).forEach(["a"]);
flow.task("cleanup", sh`./clean.sh ${item}`).forEach(count.output.parts).runIf("allDone");
export default flow;
