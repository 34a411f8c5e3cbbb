import { pipeline, sh } from "orchc";

// Outputs read wrongly: a name no target can carry, an output the task does not declare (a type
// error with the builder, undefined when it runs), a task that reads its own output, and a reader
// that may run after its writer failed.
const flow = pipeline("outputs_flow", { targets: { airflow: {} } });
const count = flow.task("count", sh`./count.sh`).outputs({ rows: "number", "row-count": "number" });
// @ts-expect-error `total` is not an output of `count`
flow.task("total", sh`echo ${count.output.total}`);
flow.task("self", sh`echo ${{ $output: { task: "self", name: "x" } }}`).outputs({ x: "string" });
flow.task("cleanup", sh`echo ${count.output.rows}`).runIf("allDone");
export default flow;

