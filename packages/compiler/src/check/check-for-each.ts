import { isItemList, type PipelineSpec, type TaskSpec } from "@orchc/dsl";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { partsWith, taskMayHold, valueSites } from "./walk-values.js";

/**
 * For-each tasks: a list that exists where the task runs (a static list with items, a declared
 * string param, a `list` output of another task), `item` only in a task that iterates, and nothing
 * a fan-out cannot carry on every target (outputs of one iteration, another pipeline per item).
 * Returns the spec with each task iterating over an output running after its writer.
 */
export function checkForEach(spec: PipelineSpec, file: string): { spec: PipelineSpec; diagnostics: Diagnostic[] } {
  const iterating = spec.tasks.filter((task) => task.forEach !== undefined);
  const diagnostics: Diagnostic[] = [];
  const base = { file, pipelineId: spec.id };
  const iteratingIds = new Set(iterating.map((task) => task.id));
  // Most pipelines read no item at all: the walk that locates each read runs only when one may.
  const sites = spec.tasks.some((task) => !iteratingIds.has(task.id) && taskMayHold(task, "$item")) ? valueSites(spec) : [];
  for (const site of sites) {
    if (iteratingIds.has(site.task.id) || partsWith(site.value, "$item").length === 0) continue;
    diagnostics.push(
      error("ORC164", `task \`${site.task.id}\` reads \`item\`, but does not run once per item`, {
        hint: "give it the list it runs over: `.forEach([...])`, `.forEach(p.someParam)` or `.forEach(task.output.someList)`",
        subject: { ...base, taskId: site.task.id, path: [...site.path] },
      }),
    );
  }
  if (iterating.length === 0) return { spec, diagnostics };
  const tasks = new Map(spec.tasks.map((task) => [task.id, task]));
  const writers = new Map<string, string>();
  for (const task of iterating) {
    const { items } = task.forEach!;
    const subject = { ...base, taskId: task.id, path: ["forEach", "items"] };
    if (isItemList(items)) {
      if (items.length === 0) diagnostics.push(error("ORC165", `task \`${task.id}\` runs once per item of an empty list`, { hint: "list at least one item, or leave `.forEach` out", subject }));
    } else if ("$param" in items) {
      const param = Object.hasOwn(spec.params ?? {}, items.$param) ? spec.params![items.$param] : undefined;
      if (param === undefined) {
        diagnostics.push(error("ORC130", `task \`${task.id}\` runs once per item of param \`${items.$param}\`, which is not declared`, { hint: didYouMean(items.$param, Object.keys(spec.params ?? {})) ?? "declare it in the pipeline's `params`", subject }));
      } else if (param.type !== "string") {
        diagnostics.push(
          error("ORC165", `task \`${task.id}\` runs once per item of param \`${items.$param}\`, a ${param.type} param`, {
            hint: 'iterate over a string param holding a JSON array of strings (`{ type: "string", default: \'["eu","us"]\' }`)',
            subject,
          }),
        );
      } else if (param.default !== undefined && !isStringArray(param.default)) {
        diagnostics.push(error("ORC165", `task \`${task.id}\` runs once per item of param \`${items.$param}\`, whose default is not a JSON array of strings`, { hint: `write it as JSON: '["a","b"]'`, subject: { ...base, path: ["params", items.$param, "default"] } }));
      }
    } else {
      const writer = tasks.get(items.$output.task);
      const type = writer?.outputs !== undefined && Object.hasOwn(writer.outputs, items.$output.name) ? writer.outputs[items.$output.name] : undefined;
      if (writer === undefined || type === undefined || writer.id === task.id) {
        diagnostics.push(
          error("ORC160", `task \`${task.id}\` runs once per item of output \`${items.$output.name}\` of task \`${items.$output.task}\`, which ${writer === undefined ? `pipeline \`${spec.id}\` does not have` : writer.id === task.id ? "is its own" : "it does not declare"}`, {
            hint: writer === undefined ? (didYouMean(items.$output.task, [...tasks.keys()]) ?? "name a task of this pipeline") : `declare it: \`.outputs({ ${items.$output.name}: "list" })\` on task \`${writer.id}\``,
            subject,
          }),
        );
      } else if (type !== "list") {
        diagnostics.push(error("ORC165", `task \`${task.id}\` runs once per item of output \`${items.$output.name}\` of task \`${writer.id}\`, a ${type}`, { hint: `declare it a list: \`.outputs({ ${items.$output.name}: "list" })\``, subject }));
      } else {
        if ((task.runIf ?? "allSuccess") !== "allSuccess") {
          diagnostics.push(
            error("ORC162", `task \`${task.id}\` runs once per item of output \`${items.$output.name}\` of task \`${writer.id}\` but runs with runIf \`${task.runIf}\`, so it may run when \`${writer.id}\` wrote nothing`, {
              hint: "keep the default runIf (`allSuccess`) on a task that iterates over an output",
              subject,
            }),
          );
        }
        writers.set(task.id, writer.id);
      }
    }
    diagnostics.push(...unsupportedFanOut(task, base));
  }
  if (writers.size === 0) return { spec, diagnostics };
  const withWriters = spec.tasks.map((task) => {
    const writer = writers.get(task.id);
    return writer === undefined || (task.after ?? []).includes(writer) ? task : { ...task, after: [...(task.after ?? []), writer] };
  });
  return { spec: { ...spec, tasks: withWriters }, diagnostics };
}

function isStringArray(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((entry) => typeof entry === "string");
  } catch {
    return false;
  }
}

/** What no target's fan-out carries: one output per iteration (which would it be?), and another pipeline started per item. */
function unsupportedFanOut(task: TaskSpec, base: { file: string; pipelineId: string }): Diagnostic[] {
  const found: Diagnostic[] = [];
  if (task.outputs !== undefined && Object.keys(task.outputs).length > 0) {
    found.push(
      error("ORC166", `task \`${task.id}\` runs once per item and declares outputs, which each iteration would write over the others'`, {
        hint: "write per-item results where the next task finds them (a table, a folder keyed by the item), or add a task after it that gathers them into one output",
        subject: { ...base, taskId: task.id, path: ["outputs"] },
      }),
    );
  }
  if (task.action.kind === "runPipeline") {
    found.push(
      error("ORC166", `task \`${task.id}\` starts pipeline \`${task.action.pipeline}\` once per item, which orchc does not build`, {
        hint: `give pipeline \`${task.action.pipeline}\` a param with the list and let its own task run once per item`,
        subject: { ...base, taskId: task.id, path: ["forEach"] },
      }),
    );
  }
  return found;
}
