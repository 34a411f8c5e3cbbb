import { error, warning, type Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/did-you-mean.js";
import type { IR } from "../ir/ir.js";
import type { PipelineNode } from "../ir/pipeline-node.js";
import type { TaskNode } from "../ir/task-node.js";
import type { TaskSelector } from "./task-selector.js";

const matches = (task: TaskNode, selector: TaskSelector): boolean =>
  selector.kind === "tag" ? task.tags.includes(selector.value) : selector.kind === "group" ? task.group === selector.value : task.id === selector.value;

/**
 * Keeps the tasks any selector matches, and the pipelines that keep at least one. A kept task's
 * dependencies on tasks left out are dropped, as dbt's selection does, with a warning each: the
 * built job starts that task without waiting for them.
 */
export function selectTasks(ir: IR, selectors: ReadonlyArray<TaskSelector>, fileOf: (pipelineId: string) => string): { ir: IR; diagnostics: Diagnostic[] } {
  if (selectors.length === 0) return { ir, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const pipelines: PipelineNode[] = [];
  for (const pipeline of ir.pipelines) {
    const kept = pipeline.tasks.filter((task) => selectors.some((selector) => matches(task, selector)));
    if (kept.length === 0) continue;
    const keptIds = new Set(kept.map((task) => task.id));
    const tasks = kept.map((task) => {
      const dropped = task.dependsOn.filter((id) => !keptIds.has(id));
      for (const id of dropped) {
        diagnostics.push(
          warning("ORC207", `task \`${task.id}\` depends on \`${id}\`, which the selection leaves out; it will not wait for it`, {
            hint: `select \`${id}\` too if it must run first`,
            subject: { file: fileOf(pipeline.id), pipelineId: pipeline.id, taskId: task.id, path: ["after"], value: id },
          }),
        );
      }
      return dropped.length === 0 ? task : { ...task, dependsOn: task.dependsOn.filter((id) => keptIds.has(id)) };
    });
    pipelines.push({ ...pipeline, tasks });
  }
  const allTasks = ir.pipelines.flatMap((pipeline) => pipeline.tasks);
  for (const selector of selectors) {
    if (allTasks.some((task) => matches(task, selector))) continue;
    const known = [...new Set(allTasks.flatMap((task) => (selector.kind === "tag" ? task.tags : selector.kind === "group" ? (task.group === null ? [] : [task.group]) : [task.id])))];
    const hint = didYouMean(selector.value, known) ?? (known.length > 0 ? `${selector.kind}s: ${known.sort().join(", ")}` : `no task has a ${selector.kind}`);
    diagnostics.push(error("ORC206", `the selector \`${selector.text}\` matches no task`, { hint }));
  }
  return { ir: { ...ir, pipelines }, diagnostics };
}
