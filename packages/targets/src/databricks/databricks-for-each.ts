import { error, type Diagnostic, type PipelineNode, type TaskNode } from "@orchc/compiler";
import type { BundleMap } from "./bundle-value.js";
import { databricksRuntimeText } from "./databricks-values.js";

/**
 * The key of the task a for_each_task runs per item, as the Jobs UI names it (`load_iteration`).
 * Task keys are unique in a job, nested ones included; a user task that takes it is refused (ORC348).
 */
export const iterationKey = (taskId: string): string => `${taskId}_iteration`;

/** "Controls the number of active iterations task runs. Default is 20, maximum allowed is 100." (Jobs API, ForEachTask.concurrency) */
export const MAX_FOR_EACH_CONCURRENCY = 100;

/** "The parameter array is limited to 10,000 characters" (Databricks, "Use a lookup table for large parameter arrays in a For each task"). */
export const MAX_FOR_EACH_INPUTS = 10_000;

/** The `inputs` of a for_each_task: the written list as a JSON array, or the job parameter or task value that holds one. */
function inputsOf(pipeline: PipelineNode, items: NonNullable<TaskNode["forEach"]>["items"]): string {
  if (items.kind === "static") return JSON.stringify(items.values);
  return databricksRuntimeText(pipeline, items).text;
}

/**
 * A for-each task as Databricks writes one: the outer task keeps the key, the dependencies and the
 * rule; the nested task runs the work once per item, `{{input}}` being its item, with the compute,
 * retries and timeout, which Databricks applies to each iteration (a retry on the outer task is
 * refused at deploy). `concurrency` is always written: the API's default has been documented as 20
 * and the UI's as 1, orchc's is 1.
 */
export function forEachTask(pipeline: PipelineNode, task: TaskNode, outer: BundleMap, nested: BundleMap): BundleMap {
  const forEach = task.forEach!;
  return {
    ...outer,
    for_each_task: {
      inputs: inputsOf(pipeline, forEach.items),
      concurrency: forEach.concurrency,
      task: { task_key: iterationKey(task.id), ...nested },
    },
  };
}

/** What a for_each_task cannot hold: more at once than Databricks runs, a written list past its size, a nested key taken or too long. */
export function checkForEachTasks(pipeline: PipelineNode, file: string): Diagnostic[] {
  if (!pipeline.tasks.some((task) => task.forEach !== null)) return [];
  const diagnostics: Diagnostic[] = [];
  const ids = new Map(pipeline.tasks.map((task) => [task.id.toLowerCase(), task.id]));
  for (const task of pipeline.tasks) {
    if (task.forEach === null) continue;
    const at = (path: Array<string | number>) => ({ file, pipelineId: pipeline.id, taskId: task.id, path });
    const { items, concurrency } = task.forEach;
    if (concurrency > MAX_FOR_EACH_CONCURRENCY) {
      diagnostics.push(error("ORC301", `task \`${task.id}\` runs ${concurrency} iterations at once, but a Databricks for_each_task runs at most ${MAX_FOR_EACH_CONCURRENCY}`, { hint: `set concurrency to at most ${MAX_FOR_EACH_CONCURRENCY} for this target`, subject: at(["forEach", "concurrency"]) }));
    }
    const written = items.kind === "static" ? JSON.stringify(items.values).length : 0;
    if (written > MAX_FOR_EACH_INPUTS) {
      diagnostics.push(
        error("ORC301", `task \`${task.id}\` runs over a written list of ${written} characters as JSON, but Databricks takes at most ${MAX_FOR_EACH_INPUTS}`, {
          hint: "iterate over short keys and look each one's details up in the task (a file or table keyed by the item), or split the list over several tasks",
          subject: at(["forEach", "items"]),
        }),
      );
    }
    const key = iterationKey(task.id);
    const taken = ids.get(key.toLowerCase());
    if (taken !== undefined) {
      diagnostics.push(error("ORC348", `task id \`${taken}\` is the key of the task that for-each task \`${task.id}\` runs per item on Databricks`, { hint: `rename task \`${taken}\` or \`${task.id}\``, subject: { file, pipelineId: pipeline.id, taskId: taken, path: ["id"] } }));
    }
    if (key.length > 100) {
      diagnostics.push(error("ORC348", `for-each task \`${task.id}\` needs a nested task key (\`${key}\`) longer than Databricks' 100 characters`, { hint: `shorten the id to at most ${100 - key.length + task.id.length} characters`, subject: at(["id"]) }));
    }
  }
  return diagnostics;
}
