import { params, pipeline, runPipeline, sh } from "orchc";

// A child whose outcome the caller chooses (mode), and a parent that starts it with a literal of
// each type and a param of its own.
const n = params({
  catalog: { type: "string", default: "dev" },
  days: { type: "number", default: 1 },
  full: { type: "boolean", default: false },
  mode: { type: "string", default: "ok" },
});
export const child = pipeline("rp_child", { params: n });
child.task("work", sh`echo "catalog=${n.catalog} days=${n.days} full=${n.full}"; test ${n.mode} != fail`);

const d = params({ mode: { type: "string", default: "ok" } });
export const parent = pipeline("rp_parent", { params: d });
parent.task("start_child", runPipeline(child, { params: { catalog: "main", days: 7, full: true, mode: d.mode } }));

// A paused child: its DAG runs nothing, so the task that starts it must fail, not wait forever.
export const pausedChild = pipeline("rp_paused_child", { paused: true });
pausedChild.task("work", sh`echo never`);
export const parentOfPaused = pipeline("rp_parent_of_paused", {});
parentOfPaused.task("start_paused", runPipeline(pausedChild));
