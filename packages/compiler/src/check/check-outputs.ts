import { outputEnvName, type PipelineSpec, type TaskSpec } from "@orchc/dsl";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import { partsWith, taskMayHold, valueSites } from "./walk-values.js";

/** An output name: a file name, a GitHub job output, an XCom key and part of a variable name on every target. */
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The outputs a value reads, in order. */
const outputsRead = (value: unknown) => partsWith(value, "$output").map((part) => part.$output as { task: string; name: string });

/**
 * Task outputs: names every target can carry, references to outputs a task of the pipeline
 * declares, and only from a task that runs when that one succeeded (anything else would read an
 * output that was never written). Returns the spec with each reader running after each writer it
 * reads: the dependency the reference implies, so the graph checks see it (cycles included).
 */
export function checkOutputs(spec: PipelineSpec, file: string): { spec: PipelineSpec; diagnostics: Diagnostic[] } {
  // Most pipelines have no outputs at all: then there is nothing to check, nor a dependency to add.
  if (!spec.tasks.some((task) => task.outputs !== undefined || taskMayHold(task, "$output"))) return { spec, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const base = { file, pipelineId: spec.id };
  const declared = new Map(spec.tasks.map((task) => [task.id, task.outputs ?? {}]));
  const variables = new Map<string, string>();
  for (const task of spec.tasks) {
    for (const name of Object.keys(task.outputs ?? {})) {
      if (!OUTPUT_NAME.test(name)) {
        diagnostics.push(
          error("ORC161", `task \`${task.id}\`: output name \`${name}\` is not a name every target can carry`, {
            hint: "letters, digits and `_`, starting with a letter or `_`, at most 64 characters (`row_count`)",
            subject: { ...base, taskId: task.id, path: ["outputs", name], value: name },
          }),
        );
        continue;
      }
      const variable = outputEnvName(task.id, name);
      const other = variables.get(variable.toUpperCase());
      if (other !== undefined) {
        diagnostics.push(
          error("ORC113", `task \`${task.id}\`: output \`${name}\` would be read through \`${variable}\`, as ${other} is`, {
            hint: "rename the output or the task (`-` and `_` in task ids read alike there)",
            subject: { ...base, taskId: task.id, path: ["outputs", name], value: name },
          }),
        );
      }
      variables.set(variable.toUpperCase(), `output \`${name}\` of task \`${task.id}\``);
    }
  }
  const readers = new Map<string, Set<string>>();
  for (const site of valueSites(spec)) {
    for (const reference of outputsRead(site.value)) {
      const subject = { ...base, taskId: site.task.id, path: [...site.path], value: `${reference.task}.${reference.name}` };
      const outputs = declared.get(reference.task);
      if (outputs === undefined || !Object.hasOwn(outputs, reference.name) || reference.task === site.task.id) {
        const problem =
          reference.task === site.task.id
            ? `reads its own output \`${reference.name}\`, which it writes only as it ends`
            : outputs === undefined
              ? `reads an output of task \`${reference.task}\`, which pipeline \`${spec.id}\` does not have`
              : `reads output \`${reference.name}\` of task \`${reference.task}\`, which declares ${Object.keys(outputs).length === 0 ? "no outputs" : `only ${Object.keys(outputs).map((name) => `\`${name}\``).join(", ")}`}`;
        const hint =
          outputs === undefined
            ? (didYouMean(reference.task, [...declared.keys()]) ?? "name a task of this pipeline")
            : reference.task === site.task.id
              ? "write it to a file of its own, or split the task in two"
              : (didYouMean(reference.name, Object.keys(outputs)) ?? `declare it: \`.outputs({ ${reference.name}: "string" })\` on task \`${reference.task}\``);
        diagnostics.push(error("ORC160", `task \`${site.task.id}\` ${problem}`, { hint, subject }));
        continue;
      }
      if ((site.task.runIf ?? "allSuccess") !== "allSuccess") {
        diagnostics.push(
          error("ORC162", `task \`${site.task.id}\` reads output \`${reference.name}\` of task \`${reference.task}\` but runs with runIf \`${site.task.runIf}\`, so it may run when \`${reference.task}\` wrote nothing`, {
            hint: "keep the default runIf (`allSuccess`) on a task that reads outputs, or pass the value another way",
            subject,
          }),
        );
      }
      readers.set(site.task.id, (readers.get(site.task.id) ?? new Set()).add(reference.task));
    }
  }
  if (readers.size === 0) return { spec, diagnostics };
  const tasks: TaskSpec[] = spec.tasks.map((task) => {
    const read = readers.get(task.id);
    if (read === undefined) return task;
    const after = [...(task.after ?? [])];
    for (const writer of read) if (!after.includes(writer)) after.push(writer);
    return { ...task, after };
  });
  return { spec: { ...spec, tasks }, diagnostics };
}
